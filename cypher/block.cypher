// block: $me blocks $other (R8): deletes their connection, follows both ways and pending requests
// both ways, and records (me)-[:BLOCKS {since}]->(other). Blocking twice is one block.
// :param me => 'ada'
// :param other => 'mallory'
// Returns: since (when the block began), removed (relationships deleted now)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[t:CONNECTED_TO|FOLLOWS|REQUESTED]-(other)
WITH me, other, collect(t) AS ties
FOREACH (t IN ties | DELETE t)
MERGE (me)-[b:BLOCKS]->(other)
  ON CREATE SET b.since = datetime()
RETURN b.since AS since, size(ties) AS removed
