// degree: how far each of $ids is from $viewerId over CONNECTED_TO (0 self, 1, 2, 3; null beyond 3).
// People blocked either way with the viewer are left out of the viewer's network: no path runs
// through them and they have no degree (R8). SHORTEST with both ends bound plans a bidirectional
// breadth-first search that stops at the first meeting, so a hub on either end costs one frontier.
// :param viewerId => 'ada'
// :param ids => ['grace', 'alan']
// Returns: id, degree (null beyond 3, or for unknown ids)
MATCH (viewer:Person {id: $viewerId})
WITH viewer, COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
UNWIND $ids AS id
MATCH (target:Person {id: id})
OPTIONAL MATCH path = SHORTEST 1 (viewer) ((:Person)-[:CONNECTED_TO]-(step:Person) WHERE NOT step IN blocked){0,3} (target)
RETURN id, length(path) AS degree
