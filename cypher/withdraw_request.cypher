// withdraw_request: $me takes back its pending request to $other (R6) and starts the wait before it
// may ask $other again (its length is ConnectionLimits.withdrawal_wait, read by request_waits), kept
// as (me)-[:WITHDREW {at}]->(other): one per ordered pair, a later withdrawal restarts it,
// request_connection deletes it once it has run out.
// :param me => 'ada'
// :param other => 'grace'
// Returns: at (when the wait started)
MATCH (me:Person {id: $me})-[r:REQUESTED]->(other:Person {id: $other})
DELETE r
MERGE (me)-[w:WITHDREW]->(other)
SET w.at = datetime()
RETURN w.at AS at
