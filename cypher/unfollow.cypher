// unfollow: $me stops following $other; nothing to delete is fine (R2). A connection stays.
// :param me => 'ada'
// :param other => 'grace'
// Returns: removed (0 or 1)
MATCH (me:Person {id: $me})-[f:FOLLOWS]->(other:Person {id: $other})
DELETE f
RETURN count(f) AS removed
