// reply_counts: how many replies $viewerId sees under each of these comments (R22, R24): the
// comment's replyCount less the replies of people blocked either way with it (R8), looked up from
// their side. $viewerId null (an admin): nothing is hidden. Unknown ids are left out.
// :param ids => ['cmt0000042']
// :param viewerId => 'p000042'
// Returns: id, replies
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
UNWIND $ids AS id
MATCH (c:Comment {id: id})
RETURN id,
       coalesce(c.replyCount, 0)
       - COUNT { UNWIND blocked AS b MATCH (b)-[:WROTE]->(r:Comment) WHERE r.parentId = c.id } AS replies
