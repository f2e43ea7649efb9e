// network_strength: what R36 counts of $person in the graph (the rest is on the connection index):
// the people who endorsed them, the SHOWN recommendations they received, and everyone they had an
// exchange with, either way, in the last $days days: an endorsement given or received, a
// recommendation written, revised or answered. Starts from the person's own relationships, so it
// costs what they hold, not what their connections hold.
// :param person => 'p000001'
// :param days => 90
// Returns: endorsers, recommendations, exchanged (ids, each once; connections or not)
MATCH (p:Person {id: $person})
WITH p, datetime() - duration({days: $days}) AS since
RETURN COUNT { MATCH (x:Person)-[:ENDORSED]->(p) RETURN DISTINCT x } AS endorsers,
       COUNT { MATCH (:Person)-[r:RECOMMENDED]->(p) WHERE r.status = 'SHOWN' } AS recommendations,
       COLLECT {
         MATCH (p)-[e:ENDORSED]-(o:Person) WHERE e.at >= since RETURN o.id AS other
         UNION
         MATCH (p)-[r:RECOMMENDED]-(o:Person) WHERE r.updatedAt >= since OR r.respondedAt >= since
         RETURN o.id AS other
       } AS exchanged
