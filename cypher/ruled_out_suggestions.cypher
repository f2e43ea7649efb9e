// ruled_out_suggestions: people $id must not be suggested beyond connections and blocks (R16):
// anyone with a pending connection request or a dismissal ("I don't know them") either way.
// :param id => 'ada'
// Returns: id
MATCH (:Person {id: $id})-[:REQUESTED|DISMISSED]-(other:Person)
RETURN DISTINCT other.id AS id
