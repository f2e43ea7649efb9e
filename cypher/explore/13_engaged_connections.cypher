// engaged_connections: which of one person's connections engage with their posts (R20-R22): for each
// connection who reacted to or commented on any of the person's posts, how many posts they reacted
// to, how many comments and replies they wrote on them, and when they last did either; the most
// engaged first. Connections nobody hears from are left out; ask
// 03_ego_network for those.
// :param personId => 'p000042'
// :param limit => 20
// Returns: connection, name, reactions, comments, lastEngaged
MATCH (me:Person {id: $personId})-[:POSTED]->(post:Post)
CALL (me, post) {
  MATCH (post)<-[r:REACTED]-(c:Person)
  WHERE EXISTS { (me)-[:CONNECTED_TO]-(c) }
  RETURN c, 1 AS reaction, 0 AS comment, r.at AS at
  UNION ALL
  MATCH (post)<-[:ON]-(comment:Comment)<-[:WROTE]-(c:Person)
  WHERE EXISTS { (me)-[:CONNECTED_TO]-(c) }
  RETURN c, 0 AS reaction, 1 AS comment, comment.createdAt AS at
}
WITH c, sum(reaction) AS reactions, sum(comment) AS comments, max(at) AS lastEngaged
ORDER BY reactions + comments DESC, lastEngaged DESC
LIMIT $limit
RETURN c.id AS connection, c.name AS name, reactions, comments, toString(lastEngaged) AS lastEngaged
