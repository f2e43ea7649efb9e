// replies_page: one page of the replies to the top-level comment $commentId (R22), oldest first
// (createdAt, then id), after the cursor ($afterAt, $afterId; nulls: from the start), less those by
// people blocked either way with $viewerId (R8; null: an admin, who sees all), and how many there are
// (the comment's replyCount less those). Whether the viewer may see the comment is the caller's to
// have checked. Read from the index on (Comment.parentId, Comment.createdAt) in its own order.
// :param commentId => 'cmt0000042'
// :param viewerId => 'p000042'
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, replies (list of id, text, createdAt and editedAt as text, postId, authorId, parentId,
//          postAuthorId, hidden); no row: no such comment
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
MATCH (top:Comment {id: $commentId})-[:ON]->(post:Post)<-[:POSTED]-(postAuthor:Person)
RETURN coalesce(top.replyCount, 0)
       - COUNT { UNWIND blocked AS b MATCH (b)-[:WROTE]->(r:Comment) WHERE r.parentId = top.id } AS total,
       COLLECT {
         MATCH (r:Comment)
         WHERE r.parentId = $commentId
           AND r.createdAt >= coalesce(datetime($afterAt), datetime('0001-01-01T00:00:00Z'))
           AND ($afterAt IS NULL OR r.createdAt > datetime($afterAt) OR r.id > $afterId)
         MATCH (author:Person)-[:WROTE]->(r)
         WHERE NOT author IN blocked
         WITH r, author ORDER BY r.parentId, r.createdAt, r.id LIMIT $fetch
         RETURN r {.id, .text, createdAt: toString(r.createdAt), editedAt: toString(r.editedAt),
                   postId: post.id, authorId: author.id, .parentId, postAuthorId: postAuthor.id, hidden: false}
       } AS replies
