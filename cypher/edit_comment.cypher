// edit_comment: the comment $id now says $text, edited now (R23). The caller holds the post's lock
// and has checked that the viewer wrote it.
// :param id => 'cmt0000042'
// :param text => 'Well said, again'
// Returns: comment (id, text, createdAt and editedAt as text, postId, authorId, parentId, postAuthorId,
//          hidden); no row: no such comment
MATCH (author:Person)-[:WROTE]->(c:Comment {id: $id})-[:ON]->(post:Post)<-[:POSTED]-(postAuthor:Person)
SET c.text = $text, c.editedAt = datetime()
RETURN c {.id, .text, createdAt: toString(c.createdAt), editedAt: toString(c.editedAt), postId: post.id,
          authorId: author.id, .parentId, postAuthorId: postAuthor.id, hidden: false} AS comment
