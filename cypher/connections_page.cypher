// connections_page: one page of $personId's connections (CONNECTED_TO, matched in either
// direction), ordered by id, after the cursor $after (an id; null for the first page). People
// who block, or are blocked by, $viewerId are left out of the page and the total (R8); a null
// $viewerId (an admin) sees everyone. With nobody to hide, the total is the node's degree, which
// Neo4j reads without expanding a hub.
// :param personId => 'ada'
// :param viewerId => 'ada'
// :param after => null
// :param fetch => 21
// Returns: total, people (at most $fetch person maps: id, name, headline, createdAt,
//          connectionsVisibility, followPolicy)
MATCH (p:Person {id: $personId})
WITH p, [(:Person {id: $viewerId})-[:BLOCKS]-(x:Person) | x] AS hidden
RETURN CASE WHEN hidden = [] THEN COUNT { (p)-[:CONNECTED_TO]-() }
            ELSE COUNT { (p)-[:CONNECTED_TO]-(c) WHERE NOT c IN hidden } END AS total,
       COLLECT {
         MATCH (p)-[:CONNECTED_TO]-(c)
         WHERE ($after IS NULL OR c.id > $after) AND NOT c IN hidden
         WITH c ORDER BY c.id LIMIT $fetch
         RETURN c {.id, .name, .headline, createdAt: toString(c.createdAt), .connectionsVisibility, .followPolicy}
       } AS people
