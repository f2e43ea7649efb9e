// pair_state: everything a relationship change decides on, for $me acting on $other (read after
// lock_pair, so nobody can change it before this transaction commits). R3's windows (requests per
// week, the wait after a withdrawal) are read by request_waits, with their lengths as parameters.
// :param me => 'ada'
// :param other => 'grace'
// Returns: following, followedBy, connected, requestSent, requestReceived, blocking, blockedBy,
//          dismissedByOther, followPolicy, myConnections, otherConnections
MATCH (me:Person {id: $me}), (other:Person {id: $other})
RETURN EXISTS { (me)-[:FOLLOWS]->(other) } AS following,
       EXISTS { (other)-[:FOLLOWS]->(me) } AS followedBy,
       EXISTS { (me)-[:CONNECTED_TO]-(other) } AS connected,
       EXISTS { (me)-[:REQUESTED]->(other) } AS requestSent,
       EXISTS { (other)-[:REQUESTED]->(me) } AS requestReceived,
       EXISTS { (me)-[:BLOCKS]->(other) } AS blocking,
       EXISTS { (other)-[:BLOCKS]->(me) } AS blockedBy,
       EXISTS { (other)-[:DISMISSED]->(me) } AS dismissedByOther,
       coalesce(other.followPolicy, 'EVERYONE') AS followPolicy,
       COUNT { (me)-[:CONNECTED_TO]-() } AS myConnections,
       COUNT { (other)-[:CONNECTED_TO]-() } AS otherConnections
