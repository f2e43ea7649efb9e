// following_page: one page of the people $personId follows, ordered by id, after the cursor
// $after (an id; null for the first page). People who block, or are blocked by, $viewerId are left
// out of the page and the total (R8); a null $viewerId (an admin) sees everyone. With nobody
// to hide, the total is the node's degree, which Neo4j reads without expanding a hub.
// :param personId => 'ada'
// :param viewerId => 'ada'
// :param after => null
// :param fetch => 21
// Returns: total, people (at most $fetch person maps: id, name, headline, createdAt,
//          connectionsVisibility, followPolicy)
MATCH (p:Person {id: $personId})
WITH p, [(:Person {id: $viewerId})-[:BLOCKS]-(x:Person) | x] AS hidden
RETURN CASE WHEN hidden = [] THEN COUNT { (p)-[:FOLLOWS]->() }
            ELSE COUNT { (p)-[:FOLLOWS]->(f) WHERE NOT f IN hidden } END AS total,
       COLLECT {
         MATCH (p)-[:FOLLOWS]->(f)
         WHERE ($after IS NULL OR f.id > $after) AND NOT f IN hidden
         WITH f ORDER BY f.id LIMIT $fetch
         RETURN f {.id, .name, .headline, createdAt: toString(f.createdAt), .connectionsVisibility, .followPolicy}
       } AS people
