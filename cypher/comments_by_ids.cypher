// comments_by_ids: the comments and replies with these ids (R21-R23), each with its post, author and
// (for a reply) the top-level comment it answers, and whether blocks hide it from $viewerId: its
// author, or the author of the comment it answers, blocks $viewerId or is blocked by it (R8; a hidden
// comment takes its replies out of sight). Whether $viewerId may see the post is visible_posts.cypher's
// to say. $viewerId may be null (an admin: nothing is hidden). Unknown ids are left out.
// :param ids => ['cmt0000042']
// :param viewerId => 'p000042'
// Returns: comment (id, text, createdAt and editedAt as text, postId, authorId, parentId, postAuthorId,
//          hidden)
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
UNWIND $ids AS id
MATCH (author:Person)-[:WROTE]->(c:Comment {id: id})-[:ON]->(post:Post)<-[:POSTED]-(postAuthor:Person)
OPTIONAL MATCH (c)-[:REPLY_TO]->(:Comment)<-[:WROTE]-(parentAuthor:Person)
RETURN c {.id, .text, createdAt: toString(c.createdAt), editedAt: toString(c.editedAt), postId: post.id,
          authorId: author.id, .parentId, postAuthorId: postAuthor.id,
          hidden: author IN blocked OR coalesce(parentAuthor IN blocked, false)} AS comment
