// comment_counts: how many comments and replies $viewerId sees on each of these posts (R24): the
// post's commentCount less what blocks hide from it (R8): the comments and replies of people blocked
// either way with it, and the replies under their top-level comments (a hidden comment takes its
// replies out of sight). Those people are a handful, looked up from their side. $viewerId null (an
// admin): nothing is hidden. Unknown ids are left out.
// :param ids => ['post000042']
// :param viewerId => 'p000042'
// Returns: id, comments
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
UNWIND $ids AS id
MATCH (post:Post {id: id})
WITH post, COLLECT { UNWIND blocked AS b MATCH (b)-[:WROTE]->(c:Comment)-[:ON]->(post) RETURN c } AS theirs
WITH post, theirs, [c IN theirs WHERE c.parentId IS NULL] AS theirTops
RETURN post.id AS id,
       coalesce(post.commentCount, 0) - size(theirs)
       - reduce(n = 0, t IN theirTops | n + coalesce(t.replyCount, 0))
       + size([c IN theirs WHERE c.parentId IN [t IN theirTops | t.id]]) AS comments
