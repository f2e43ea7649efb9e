// people_you_may_know: second-degree people for one person, ranked by how many connections they share
// (triadic closure), leaving out people already connected or with a request pending either way.
// Blocks and dismissals are not applied: the raw graph. cypher/suggestions.cypher answers as the service does.
// :param personId => 'p000042'
// :param limit => 20
// Returns: id, name, headline, mutualConnections, someMutuals
MATCH (me:Person {id: $personId})-[:CONNECTED_TO]-(m:Person)-[:CONNECTED_TO]-(candidate:Person)
WHERE candidate <> me
  AND NOT (me)-[:CONNECTED_TO]-(candidate)
  AND NOT (me)-[:REQUESTED]-(candidate)
WITH candidate, count(DISTINCT m) AS mutualConnections, collect(DISTINCT m.name)[..3] AS someMutuals
ORDER BY mutualConnections DESC, candidate.id
LIMIT $limit
RETURN candidate.id AS id, candidate.name AS name, candidate.headline AS headline, mutualConnections,
       someMutuals
