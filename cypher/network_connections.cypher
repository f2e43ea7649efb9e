// network_connections: one page of people in id order, each with the people its stored CONNECTED_TO
// relationships point at (each connection is stored once, so each shows once across all pages).
// What every service worker reads to build its connection index (service/network).
// :param after => ''
// :param batch => 10000
// Returns: id, connections (list of ids)
MATCH (p:Person)
WHERE p.id > $after
WITH p ORDER BY p.id LIMIT $batch
RETURN p.id AS id, [(p)-[:CONNECTED_TO]->(q:Person) | q.id] AS connections
