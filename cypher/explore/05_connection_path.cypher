// connection_path: one shortest chain of connections between two people ("how do I know them?"),
// as names, plus the path itself for the graph view; no row when they are more than 6 hops apart.
// Blocks are not applied: this is the raw graph. cypher/connection_path.cypher answers as the service does.
// :param fromId => 'p000042'
// :param toId => 'p000777'
// Returns: hops, names, path
MATCH (a:Person {id: $fromId}), (b:Person {id: $toId})
MATCH path = shortestPath((a)-[:CONNECTED_TO*..6]-(b))
RETURN length(path) AS hops, [n IN nodes(path) | n.name + ' (' + n.id + ')'] AS names, path
