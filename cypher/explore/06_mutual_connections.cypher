// mutual_connections: the people two persons are both connected to, most connected first (the
// warmest introductions), with their total.
// Blocks are not applied: this is the raw graph. cypher/mutual_connections.cypher answers as the service does.
// :param personId => 'p000242'
// :param otherId => 'p000525'
// :param limit => 25
// Returns: id, name, headline, connections, mutualTotal
MATCH (a:Person {id: $personId})-[:CONNECTED_TO]-(m:Person)-[:CONNECTED_TO]-(b:Person {id: $otherId})
WHERE a <> b
WITH m, COUNT { (m)-[:CONNECTED_TO]-() } AS connections
WITH collect({id: m.id, name: m.name, headline: m.headline, connections: connections}) AS mutuals
UNWIND mutuals AS mutual
RETURN mutual.id AS id, mutual.name AS name, mutual.headline AS headline, mutual.connections AS connections,
       size(mutuals) AS mutualTotal
ORDER BY connections DESC, id
LIMIT $limit
