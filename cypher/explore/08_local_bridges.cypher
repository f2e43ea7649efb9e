// local_bridges: connections whose two ends share no other connection, so the tie is the only short
// way between two groups (Granovetter's local bridges): the links that carry news between
// communities. Among people with at least $minConnections connections, best-connected first.
// :param minConnections => 30
// :param limit => 25
// Returns: fromId, fromName, toId, toName, fromConnections, toConnections
MATCH (a:Person)
WITH a, COUNT { (a)-[:CONNECTED_TO]-() } AS fromConnections
WHERE fromConnections >= $minConnections
MATCH (a)-[:CONNECTED_TO]-(b:Person)
WITH a, b, fromConnections, COUNT { (b)-[:CONNECTED_TO]-() } AS toConnections
WHERE toConnections >= $minConnections AND a.id < b.id
  AND NOT EXISTS { (a)-[:CONNECTED_TO]-(:Person)-[:CONNECTED_TO]-(b) }
RETURN a.id AS fromId, a.name AS fromName, b.id AS toId, b.name AS toName, fromConnections, toConnections
ORDER BY fromConnections + toConnections DESC, fromId, toId
LIMIT $limit
