// pair_state: everything a relationship change decides on, for $me acting on $other (read after
// lock_pair, so nobody can change it before this transaction commits). The 21-day wait after a
// withdrawn request is the (me)-[:WITHDREW {at}]->(other) edge; requests sent in the rolling 7 days
// are the datetimes in me.requestsSentAt (kept trimmed to the window by request_connection).
// :param me => 'ada'
// :param other => 'grace'
// Returns: following, followedBy, connected, requestSent, requestReceived, blocking, blockedBy,
//          dismissedByOther, followPolicy, myConnections, otherConnections, requestsThisWeek,
//          mayRequestAgainAt (null when no wait is running)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[w:WITHDREW]->(other)
WITH me, other, CASE WHEN w.at + duration('P21D') > datetime() THEN w.at + duration('P21D') END AS waitUntil
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
       COUNT { (other)-[:CONNECTED_TO]-() } AS otherConnections,
       size([t IN coalesce(me.requestsSentAt, []) WHERE t > datetime() - duration('P7D')]) AS requestsThisWeek,
       waitUntil AS mayRequestAgainAt
