// ignore_request: $me deletes the pending request from $other, silently (R5): $other is not told,
// and may ask again.
// :param me => 'grace'
// :param other => 'ada'
// Returns: removed (0 or 1)
MATCH (other:Person {id: $other})-[r:REQUESTED]->(me:Person {id: $me})
DELETE r
RETURN count(r) AS removed
