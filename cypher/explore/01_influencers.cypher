// influencers: the most-followed people, with how much of their audience lies beyond their own network.
// :param limit => 25
// Returns: id, name, headline, followers, connections, followersOutsideConnections
MATCH (p:Person)
WITH p, COUNT { (p)<-[:FOLLOWS]-() } AS followers
ORDER BY followers DESC
LIMIT $limit
RETURN p.id AS id, p.name AS name, p.headline AS headline, followers,
       COUNT { (p)-[:CONNECTED_TO]-() } AS connections,
       COUNT { (f:Person)-[:FOLLOWS]->(p) WHERE NOT (f)-[:CONNECTED_TO]-(p) } AS followersOutsideConnections
