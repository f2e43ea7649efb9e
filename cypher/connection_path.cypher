// connection_path: one shortest path over CONNECTED_TO from $viewerId to $personId, both ends
// included, as people; no row beyond 3 steps. People blocked either way with the viewer are never on
// it (R8). Bidirectional breadth-first search with the predicate checked during it (see degree.cypher).
// :param viewerId => 'ada'
// :param personId => 'grace'
// Returns: people (list of id, name, headline, createdAt, connectionsVisibility, followPolicy)
MATCH (viewer:Person {id: $viewerId}), (target:Person {id: $personId})
WITH viewer, target, COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
MATCH path = shortestPath((viewer)-[:CONNECTED_TO*0..3]-(target))
WHERE none(step IN nodes(path) WHERE step IN blocked)
RETURN [p IN nodes(path) | p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy}] AS people
