// brokers: people whose connections mostly do not know each other (low clustering), so they sit
// between communities and broker between them. Only people with at least $minConnections
// connections are ranked; clustering is the share of their connection pairs that are connected too.
// :param minConnections => 15
// :param limit => 25
// Returns: id, name, headline, connections, tiesAmongConnections, clustering
MATCH (p:Person)
WITH p, COUNT { (p)-[:CONNECTED_TO]-() } AS connections
WHERE connections >= $minConnections
MATCH (p)-[:CONNECTED_TO]-(c:Person)
WITH p, connections, collect(c) AS circle
UNWIND circle AS c
WITH p, connections, COUNT { (c)-[:CONNECTED_TO]-(o:Person) WHERE o IN circle } AS links
WITH p, connections, sum(links) / 2 AS tiesAmongConnections
WITH p, connections, tiesAmongConnections,
     toFloat(tiesAmongConnections) / (connections * (connections - 1) / 2.0) AS clustering
ORDER BY clustering, connections DESC, p.id
LIMIT $limit
RETURN p.id AS id, p.name AS name, p.headline AS headline, connections, tiesAmongConnections,
       round(clustering, 3) AS clustering
