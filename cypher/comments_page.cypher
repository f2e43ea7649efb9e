// comments_page: one page of the top-level comments on the post $postId (R22), newest first
// (createdAt, then id, both descending), after the cursor ($afterAt, $afterId; nulls: from the start),
// less those by people blocked either way with $viewerId (R8; null: an admin, who sees all), and how
// many there are (the post's topLevelCommentCount less those). Whether the viewer may see the post
// is the caller's to have checked. The page is read from the index on (Comment.postId,
// Comment.createdAt), which holds top-level comments alone, in its own order from the cursor: it
// costs what it returns, not the post's 10,000 comments.
// :param postId => 'post000042'
// :param viewerId => 'p000042'
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, comments (list of id, text, createdAt and editedAt as text, postId, authorId, parentId,
//          postAuthorId, hidden); no row: no such post
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
MATCH (postAuthor:Person)-[:POSTED]->(post:Post {id: $postId})
RETURN coalesce(post.topLevelCommentCount, 0)
       - COUNT { UNWIND blocked AS b MATCH (b)-[:WROTE]->(c:Comment) WHERE c.postId = post.id } AS total,
       COLLECT {
         MATCH (c:Comment)
         WHERE c.postId = $postId
           AND c.createdAt <= coalesce(datetime($afterAt), datetime('9999-12-31T23:59:59Z'))
           AND ($afterAt IS NULL OR c.createdAt < datetime($afterAt) OR c.id < $afterId)
         MATCH (author:Person)-[:WROTE]->(c)
         WHERE NOT author IN blocked
         WITH c, author ORDER BY c.postId DESC, c.createdAt DESC, c.id DESC LIMIT $fetch
         RETURN c {.id, .text, createdAt: toString(c.createdAt), editedAt: toString(c.editedAt), .postId,
                   authorId: author.id, parentId: null, postAuthorId: postAuthor.id, hidden: false}
       } AS comments
