// reach: how far one person's voice carries: followers, connections, followers outside the
// connections, people at exactly 2 and 3 hops over connections, and the audience of a public post
// (followers and connections, distinct).
// Blocks are not applied: this is the raw graph. cypher/reach.cypher answers as the service does (R8).
// :param personId => 'p000042'
// Returns: id, name, followers, connections, followersOutsideConnections, secondDegree, thirdDegree, audience
MATCH (me:Person {id: $personId})
CALL (me) {
  OPTIONAL MATCH path = (me)-[:CONNECTED_TO]-{1,3}(x:Person)
  WHERE x <> me
  WITH x, min(length(path)) AS distance
  RETURN count(CASE distance WHEN 1 THEN x END) AS connections,
         count(CASE distance WHEN 2 THEN x END) AS secondDegree,
         count(CASE distance WHEN 3 THEN x END) AS thirdDegree
}
CALL (me) {
  OPTIONAL MATCH (f:Person)-[:FOLLOWS]->(me)
  RETURN count(f) AS followers,
         count(CASE WHEN NOT (f)-[:CONNECTED_TO]-(me) THEN f END) AS followersOutsideConnections
}
RETURN me.id AS id, me.name AS name, followers, connections, followersOutsideConnections,
       secondDegree, thirdDegree, connections + followersOutsideConnections AS audience
