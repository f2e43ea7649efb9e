// remove_connection: $me ends its connection with $other (R7): deletes the CONNECTED_TO (whichever
// direction it is stored in) and $me's FOLLOWS of $other; $other's follow of $me stays. No notice.
// :param me => 'ada'
// :param other => 'grace'
// Returns: removed (relationships deleted)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[c:CONNECTED_TO]-(other)
OPTIONAL MATCH (me)-[f:FOLLOWS]->(other)
WITH collect(DISTINCT c) + collect(DISTINCT f) AS ties
FOREACH (t IN ties | DELETE t)
RETURN size(ties) AS removed
