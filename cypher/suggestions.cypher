// suggestions: people $id may know (R16): people two steps away over CONNECTED_TO, ranked by how many
// connections they share with $id, then by id; with the first $explain of those mutual connections,
// by id. Left out: $id's connections, anyone with a pending request either way, a block either way
// or a dismissal ("I don't know them") either way, and blocked people as mutuals (R8).
// Mutual counts come from one expansion of the two-step paths; the people to leave out join the same
// aggregation as marked rows, so each candidate is ruled in or out by a hash lookup, not a probe.
// Blocked people are out of the network: they neither explain a suggestion nor count as one. The
// explaining mutuals are found from whichever end has fewer connections (a hub may be suggested).
// :param id => 'ada'
// :param first => 10
// :param explain => 3
// Returns: person (id, name, headline, createdAt, connectionsVisibility, followPolicy),
//          mutualConnectionCount, mutualConnections (list of people, as person)
MATCH (me:Person {id: $id})
WITH me, COLLECT { MATCH (me)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
CALL (me, blocked) {
  MATCH (me)-[:CONNECTED_TO]-(mutual)-[:CONNECTED_TO]-(candidate)
  WHERE NOT mutual IN blocked
  RETURN candidate, 1 AS shared, 0 AS ruledOut
  UNION ALL
  MATCH (me)-[:CONNECTED_TO|REQUESTED|BLOCKS|DISMISSED]-(candidate)
  RETURN candidate, 0 AS shared, 1 AS ruledOut
}
WITH me, blocked, candidate, sum(shared) AS mutuals, max(ruledOut) AS ruledOut
WHERE ruledOut = 0 AND candidate <> me
WITH me, blocked, candidate, mutuals
ORDER BY mutuals DESC, candidate.id ASC
LIMIT $first
RETURN candidate {.id, .name, .headline, createdAt: toString(candidate.createdAt), .connectionsVisibility, .followPolicy} AS person,
       mutuals AS mutualConnectionCount,
       COLLECT {
         WITH me, candidate, blocked,
              CASE WHEN COUNT { (me)-[:CONNECTED_TO]-() } <= COUNT { (candidate)-[:CONNECTED_TO]-() }
                   THEN [me, candidate] ELSE [candidate, me] END AS ends
         WITH ends[0] AS fewer, ends[1] AS other, blocked
         MATCH (fewer)-[:CONNECTED_TO]-(mutual)
         WHERE NOT mutual IN blocked AND EXISTS { (mutual)-[:CONNECTED_TO]-(other) }
         WITH DISTINCT mutual ORDER BY mutual.id LIMIT $explain
         RETURN mutual {.id, .name, .headline, createdAt: toString(mutual.createdAt), .connectionsVisibility, .followPolicy}
       } AS mutualConnections
