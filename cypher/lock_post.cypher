// lock_post: write-locks the post $postId until the transaction ends (writes, and at once removes,
// a dummy property), so every change to its reactions, comments and counters runs one after the
// other: whatever a change reads after this, no other change to the post can alter before it
// commits. Takes a post being erased (deletePost) too, so a change waits for that to commit and
// then finds the post gone. Callers lock people first (quotas, lock_pair), then the post.
// :param postId => 'post000042'
// Returns: id; no row: no such post (or one already erased)
OPTIONAL MATCH (live:Post {id: $postId})
OPTIONAL MATCH (erased:DeletedPost {id: $postId})
WITH coalesce(live, erased) AS post
WHERE post IS NOT NULL
SET post._lock = true
REMOVE post._lock
RETURN post.id AS id
