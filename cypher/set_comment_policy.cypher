// set_comment_policy: who may comment on the post $postId from now on (R21): EVERYONE, CONNECTIONS
// or NOBODY; it governs new comments only. The caller has checked that the viewer may change it.
// :param postId => 'post000042'
// :param policy => 'CONNECTIONS'
// Returns: post (id, text, visibility, authorId, cursorAt: createdAt as text, commentPolicy)
MATCH (author:Person)-[:POSTED]->(post:Post {id: $postId})
SET post.commentPolicy = $policy
RETURN post {.id, .text, .visibility, authorId: author.id, cursorAt: toString(post.createdAt),
             .commentPolicy} AS post
