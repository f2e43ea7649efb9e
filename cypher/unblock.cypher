// unblock: $me stops blocking $other (R8); restores nothing that the block deleted.
// :param me => 'ada'
// :param other => 'mallory'
// Returns: removed (0 or 1)
MATCH (me:Person {id: $me})-[b:BLOCKS]->(other:Person {id: $other})
DELETE b
RETURN count(b) AS removed
