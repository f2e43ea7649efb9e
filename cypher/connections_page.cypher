// connections_page: one page of $personId's connections (CONNECTED_TO, matched in either
// direction), ordered by id, after the cursor $after (an id; null for the first page). People
// who block, or are blocked by, $viewerId are left out of the page and the total (R8); a null
// $viewerId (an admin) sees everyone.
// :param personId => 'ada'
// :param viewerId => 'ada'
// :param after => null
// :param fetch => 21
// Returns: total, people (at most $fetch person maps: id, name, headline, createdAt,
//          connectionsVisibility, followPolicy)
MATCH (p:Person {id: $personId})
RETURN COUNT {
         MATCH (p)-[:CONNECTED_TO]-(c:Person)
         WHERE $viewerId IS NULL OR NOT EXISTS { (c)-[:BLOCKS]-(:Person {id: $viewerId}) }
       } AS total,
       COLLECT {
         MATCH (p)-[:CONNECTED_TO]-(c:Person)
         WHERE ($after IS NULL OR c.id > $after)
           AND ($viewerId IS NULL OR NOT EXISTS { (c)-[:BLOCKS]-(:Person {id: $viewerId}) })
         WITH c ORDER BY c.id LIMIT $fetch
         RETURN c {.id, .name, .headline, .createdAt, .connectionsVisibility, .followPolicy}
       } AS people
