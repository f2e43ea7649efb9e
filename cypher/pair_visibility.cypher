// pair_visibility: what R9 needs to decide whether $viewerId may list $personId's connections.
// :param viewerId => 'ada'
// :param personId => 'grace'
// Returns: connected, blocked (either way)
MATCH (viewer:Person {id: $viewerId}), (p:Person {id: $personId})
RETURN EXISTS { (viewer)-[:CONNECTED_TO]-(p) } AS connected,
       EXISTS { (viewer)-[:BLOCKS]-(p) } AS blocked
