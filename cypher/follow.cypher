// follow: $me follows $other; following twice leaves one edge (R1).
// :param me => 'ada'
// :param other => 'grace'
// Returns: since (when the follow began)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
MERGE (me)-[f:FOLLOWS]->(other)
  ON CREATE SET f.since = datetime()
RETURN f.since AS since
