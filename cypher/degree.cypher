// degree: how far each of $ids is from $viewerId over CONNECTED_TO (0 self, 1, 2, 3; null beyond 3).
// People blocked either way with the viewer are left out of the viewer's network: no path runs
// through them and they have no degree (R8). shortestPath() with both ends bound is a bidirectional
// breadth-first search that stops where the two frontiers meet, with the block predicate checked
// during the search (PROFILE shows it inside ShortestPath). SHORTEST 1 with an inner QPP predicate
// plans StatefulShortestPath(Into) instead, at three times the db hits from a hub; SHORTEST with a
// trailing WHERE filters after the search and would miss the detour around a blocked person.
// :param viewerId => 'ada'
// :param ids => ['grace', 'alan']
// Returns: id, degree (null beyond 3, or for unknown ids)
MATCH (viewer:Person {id: $viewerId})
WITH viewer, COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
UNWIND $ids AS id
MATCH (target:Person {id: id})
OPTIONAL MATCH path = shortestPath((viewer)-[:CONNECTED_TO*0..3]-(target))
WHERE none(step IN nodes(path) WHERE step IN blocked)
RETURN id, length(path) AS degree
