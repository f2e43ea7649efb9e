// post_audience_sizes: the direct audience of each of these posts (R10): the author's followers and
// connections, each once, for a PUBLIC post; its connections for a CONNECTIONS post; people blocked
// either way with the author left out (R8), and never the author. As in reach.cypher, the union of
// followers and connections is counted the cheaper way: for a celebrity (many followers per
// connection) the degree-store follower count less each connection that also follows; otherwise a
// distinct count of both lists (with the blocked people and the author added once, then taken off).
// :param ids => ['5f0c7e1e-0000-4000-8000-000000000000']
// Returns: id, audienceSize
UNWIND $ids AS id
MATCH (author:Person)-[:POSTED]->(post:Post {id: id})
WITH id, post, author,
     COLLECT { MATCH (author)-[:BLOCKS]-(b:Person) WHERE b <> author RETURN DISTINCT b } AS blocked
WITH id, post, author, blocked,
     COLLECT { MATCH (author)-[:CONNECTED_TO]-(c) WHERE NOT c IN blocked AND c <> author RETURN DISTINCT c }
       AS connections,
     COUNT { (author)<-[:FOLLOWS]-() } AS followedBy
CALL (post, author, blocked, connections, followedBy) {
  WITH post, connections WHERE post.visibility <> 'PUBLIC'
  RETURN size(connections) AS audienceSize
  UNION
  WITH post, author, blocked, connections, followedBy
  WHERE post.visibility = 'PUBLIC' AND followedBy > 20 * size(connections)
  RETURN size(connections) + followedBy
         - size([b IN blocked WHERE EXISTS { (b)-[:FOLLOWS]->(author) }])
         - size([c IN connections WHERE EXISTS { (c)-[:FOLLOWS]->(author) }])
         - COUNT { (author)-[:FOLLOWS]->(author) } AS audienceSize
  UNION
  WITH post, author, blocked, connections, followedBy
  WHERE post.visibility = 'PUBLIC' AND followedBy <= 20 * size(connections)
  CALL (author, blocked, connections) {
    MATCH (author)<-[:FOLLOWS]-(x)
    RETURN x
    UNION ALL
    UNWIND connections + blocked + [author] AS x
    RETURN x
  }
  WITH blocked, count(DISTINCT x) AS everyone
  RETURN everyone - size(blocked) - 1 AS audienceSize
}
RETURN id, audienceSize
