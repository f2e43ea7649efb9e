// delete_post: the first step of deleting the post $postId (R19): it stops being a :Post and becomes a
// :DeletedPost (deletedAt now), so from this commit no query finds it: it leaves feeds and lists, its
// comments and reactions with it, and nobody can react to, comment on or share it any more.
// erase_post_batch.cypher then erases it and everything attached to it, in batches. The caller has
// checked that the viewer may delete it and holds the post's lock (lock_post).
// :param postId => '5f0c7e1e-0000-4000-8000-000000000000'
// Returns: id; no row: no such post
MATCH (post:Post {id: $postId})
REMOVE post:Post
SET post:DeletedPost, post.deletedAt = datetime()
RETURN post.id AS id
