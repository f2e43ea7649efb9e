// reach: for each of $ids, how many distinct people that person reaches (R12), people blocked
// either way with it left out (R8): followers, connections, followers who are not connections,
// people exactly 2 and exactly 3 steps away over CONNECTED_TO (blocked people are out of the
// network: no step runs through them), and the audience of a PUBLIC post (followers ∪ connections).
// The follower count comes from the degree store, less the few blocked people still drawn there.
// The overlap of followers and connections is found the cheaper of two ways: with many followers per
// connection (a celebrity), each connection is probed for a FOLLOWS to the person; otherwise both
// lists are counted once as a distinct union (a hash aggregation; walking 50k followers costs less
// than probing 10k connections, each probe reading that person's relationship chain).
// Distances expand distinct people level by level: each level is collected as a distinct frontier
// and only that frontier is expanded; sizes are distinct counts of the union of the levels so far,
// so no list is searched member by member.
// :param ids => ['ada', 'grace']
// Returns: id, followers, connections, followersOutsideConnections, secondDegree, thirdDegree, audience
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
// Level 2 frontier: distinct neighbours of the first level (it may hold first-level people too).
CALL (person, blocked, first) {
  UNWIND first AS c
  MATCH (c)-[:CONNECTED_TO]-(d)
  WITH DISTINCT d
  WHERE d <> person AND NOT d IN blocked
  RETURN collect(d) AS near
}
WITH person, blocked, followers, first, followingConnections, near,
     COUNT { UNWIND first + near AS x RETURN DISTINCT x } AS withinTwo
// Level 3: everyone next to the level-2 frontier, counted with everything nearer. Nobody is
// expanded from here, so instead of testing each of the many rows against the blocked list, the
// person and the blocked people join the union once each and are taken off the count. The distinct
// count aggregates x alone (a UNION would make the imported lists part of every row's key).
CALL (person, blocked, first, near) {
  CALL (person, blocked, first, near) {
    UNWIND near AS d
    MATCH (d)-[:CONNECTED_TO]-(e)
    RETURN e AS x
    UNION ALL
    UNWIND first + near + blocked + [person] AS x
    RETURN x
  }
  RETURN count(DISTINCT x) AS withBlocked
}
WITH person, blocked, followers, first, followingConnections, withinTwo,
     withBlocked - size(blocked) - 1 AS withinThree
RETURN person.id AS id,
       followers,
       size(first) AS connections,
       followers - followingConnections AS followersOutsideConnections,
       withinTwo - size(first) AS secondDegree,
       withinThree - withinTwo AS thirdDegree,
       size(first) + followers - followingConnections AS audience
