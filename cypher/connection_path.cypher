// connection_path: one shortest path over CONNECTED_TO from $viewerId to $personId, both ends
// included, as people; no row beyond 3 steps. People blocked either way with the viewer are never on
// it (R8). Bidirectional breadth-first search: both ends are bound.
// :param viewerId => 'ada'
// :param personId => 'grace'
// Returns: people (list of id, name, headline, createdAt, connectionsVisibility, followPolicy)
MATCH (viewer:Person {id: $viewerId}), (target:Person {id: $personId})
WITH viewer, target, COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
MATCH path = SHORTEST 1 (viewer) ((:Person)-[:CONNECTED_TO]-(step:Person) WHERE NOT step IN blocked){0,3} (target)
RETURN [p IN nodes(path) | p {.id, .name, .headline, .createdAt, .connectionsVisibility, .followPolicy}] AS people
