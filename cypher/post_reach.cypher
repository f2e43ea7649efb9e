// post_reach: how many distinct people $postId reaches (R12): `direct` is its audience (counted as
// in post_audience_sizes.cypher); `viaShares` the people who see it only because someone shared it:
// each sharer's followers and connections, less people blocked either way with that sharer or with
// the author, less the direct audience and the author. Only PUBLIC posts travel by share (R10).
// Everyone is counted once as the distinct union of the share audiences, the direct audience, the
// blocked people and the author (a hash aggregation, no per-person probe); the direct audience,
// the blocked and the author are then taken off. Without shares nothing is expanded.
// :param postId => '5f0c7e1e-0000-4000-8000-000000000000'
// Returns: direct, viaShares
MATCH (author:Person)-[:POSTED]->(post:Post {id: $postId})
WITH author, post,
     COLLECT { MATCH (author)-[:BLOCKS]-(b:Person) WHERE b <> author RETURN DISTINCT b } AS blocked
WITH author, post, blocked,
     COLLECT { MATCH (author)-[:CONNECTED_TO]-(c) WHERE NOT c IN blocked AND c <> author RETURN DISTINCT c }
       AS connections,
     COUNT { (author)<-[:FOLLOWS]-() } AS followedBy
CALL (post, author, blocked, connections, followedBy) {
  WITH post, connections WHERE post.visibility <> 'PUBLIC'
  RETURN size(connections) AS direct
  UNION
  WITH post, author, blocked, connections, followedBy
  WHERE post.visibility = 'PUBLIC' AND followedBy > 20 * size(connections)
  RETURN size(connections) + followedBy
         - size([b IN blocked WHERE EXISTS { (b)-[:FOLLOWS]->(author) }])
         - size([c IN connections WHERE EXISTS { (c)-[:FOLLOWS]->(author) }])
         - COUNT { (author)-[:FOLLOWS]->(author) } AS direct
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
  RETURN everyone - size(blocked) - 1 AS direct
}
WITH author, post, blocked, direct,
     post.visibility = 'PUBLIC' AND EXISTS { (post)<-[:SHARED]-(:Person) } AS travels
CALL (author, post, blocked, travels) {
  CALL (author, post, blocked, travels) {
    WITH post WHERE travels
    MATCH (post)<-[:SHARED]-(sharer:Person)
    WITH sharer, COLLECT { MATCH (sharer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS sharerBlocked
    CALL (sharer) {
      MATCH (sharer)<-[:FOLLOWS]-(x)
      RETURN x
      UNION ALL
      MATCH (sharer)-[:CONNECTED_TO]-(x)
      RETURN x
    }
    WITH x, sharerBlocked WHERE NOT x IN sharerBlocked
    RETURN x
    UNION ALL
    WITH author WHERE travels
    MATCH (author)<-[:FOLLOWS]-(x)
    RETURN x
    UNION ALL
    WITH author WHERE travels
    MATCH (author)-[:CONNECTED_TO]-(x)
    RETURN x
    UNION ALL
    WITH author, blocked WHERE travels
    UNWIND blocked + [author] AS x
    RETURN x
  }
  RETURN count(DISTINCT x) AS everyone
}
RETURN direct,
       CASE WHEN travels THEN everyone - size(blocked) - 1 - direct ELSE 0 END AS viaShares
