// request_waits: what R3's two windows say about $me asking $other to connect now (read after
// lock_pair, so nobody can change it before this transaction commits): how many requests $me sent
// within the last $windowSeconds (the datetimes in me.requestsSentAt, kept trimmed by
// request_connection), and, when $me withdrew a request to $other less than $waitSeconds ago (R6:
// the (me)-[:WITHDREW {at}]->(other) edge), when that wait ends. Both lengths come from
// connections.ConnectionLimits.
// :param me => 'ada'
// :param other => 'grace'
// :param windowSeconds => 604800
// :param waitSeconds => 1814400
// Returns: requestsInWindow, mayRequestAgainAt (null when no wait is running)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[w:WITHDREW]->(other)
WITH me, w.at + duration({seconds: $waitSeconds}) AS waitUntil
RETURN size([t IN coalesce(me.requestsSentAt, []) WHERE t > datetime() - duration({seconds: $windowSeconds})])
         AS requestsInWindow,
       CASE WHEN waitUntil > datetime() THEN waitUntil END AS mayRequestAgainAt
