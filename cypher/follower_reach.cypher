// follower_reach: for each of $ids, the part of its reach (R12) that FOLLOWS decide, people blocked
// either way with it left out (R8): followers, connections, followers who are not connections, and
// the audience of a PUBLIC post (followers ∪ connections). The 2nd and 3rd degree come from the
// connection index (service/network); cypher/reach.cypher answers all of it in Cypher, for Browser.
// The follower count comes from the degree store, less the few blocked people still drawn there.
// The overlap of followers and connections is found the cheaper of two ways: with many followers per
// connection (a celebrity), each connection is probed for a FOLLOWS to the person; otherwise both
// lists are counted once as a distinct union (a hash aggregation).
// :param ids => ['ada', 'grace']
// Returns: id, followers, connections, followersOutsideConnections, audience
UNWIND $ids AS id
MATCH (person:Person {id: id})
WITH person, COLLECT { MATCH (person)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
WITH person, blocked,
     COUNT { (person)<-[:FOLLOWS]-() } - size([b IN blocked WHERE EXISTS { (b)-[:FOLLOWS]->(person) }]) AS followers,
     COLLECT { MATCH (person)-[:CONNECTED_TO]-(c) WHERE NOT c IN blocked RETURN DISTINCT c } AS first
CALL (person, blocked, followers, first) {
  WITH person, blocked, followers, first
  WHERE COUNT { (person)<-[:FOLLOWS]-() } > 20 * size(first)
  RETURN size([c IN first WHERE EXISTS { (c)-[:FOLLOWS]->(person) }]) AS followingConnections
  UNION
  WITH person, blocked, followers, first
  WHERE COUNT { (person)<-[:FOLLOWS]-() } <= 20 * size(first)
  CALL (person, blocked, first) {
    MATCH (person)<-[:FOLLOWS]-(x)
    RETURN x
    UNION ALL
    UNWIND first + blocked + [person] AS x
    RETURN x
  }
  // |followers ∪ connections| = distinct count less the blocked people and the person themselves
  WITH followers, first, blocked, count(DISTINCT x) - size(blocked) - 1 AS audience
  RETURN followers + size(first) - audience AS followingConnections
}
RETURN person.id AS id,
       followers,
       size(first) AS connections,
       followers - followingConnections AS followersOutsideConnections,
       size(first) + followers - followingConnections AS audience
