// connect: $a and $b become connected (R4): the one CONNECTED_TO, stored from the smaller id to the
// larger (callers check first that none exists in either direction), each follows the other
// (LinkedIn's auto-follow), and the pending requests between them, either way, are deleted.
// :param a => 'ada'
// :param b => 'grace'
// Returns: since (when the connection began)
MATCH (x:Person {id: $a}), (y:Person {id: $b})
WITH CASE WHEN x.id < y.id THEN [x, y] ELSE [y, x] END AS pair
WITH pair[0] AS lo, pair[1] AS hi
MERGE (lo)-[c:CONNECTED_TO]->(hi)
  ON CREATE SET c.since = datetime()
MERGE (lo)-[f1:FOLLOWS]->(hi)
  ON CREATE SET f1.since = datetime()
MERGE (hi)-[f2:FOLLOWS]->(lo)
  ON CREATE SET f2.since = datetime()
WITH lo, hi, c
OPTIONAL MATCH (lo)-[r:REQUESTED]-(hi)
WITH c, collect(r) AS requests
FOREACH (r IN requests | DELETE r)
RETURN c.since AS since
