// request_connection: $me asks $other to connect (R3): a pending (me)-[:REQUESTED {at, message}]->(other),
// one per ordered pair. Records the send in me.requestsSentAt (the send times within the last
// $windowSeconds, R3's rolling window, for the weekly limit), deletes a wait after a withdrawal that
// has run out (WITHDREW), and deletes $me's own "I don't know them" (DISMISSED) of $other: asking to
// connect says otherwise.
// :param me => 'ada'
// :param other => 'grace'
// :param message => 'We met at the Analytical Engine meetup.'
// :param windowSeconds => 604800
// Returns: at (when the request was made)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
MERGE (me)-[r:REQUESTED]->(other)
  ON CREATE SET r.at = datetime(), r.message = $message
SET me.requestsSentAt = [t IN coalesce(me.requestsSentAt, [])
                         WHERE t > datetime() - duration({seconds: $windowSeconds})] + datetime()
WITH me, other, r
OPTIONAL MATCH (me)-[stale:WITHDREW|DISMISSED]->(other)
WITH r, collect(stale) AS stale
FOREACH (s IN stale | DELETE s)
RETURN r.at AS at
