// followers_page: one page of the people who follow $personId, ordered by id, after the cursor
// $after (an id; null for the first page). People who block, or are blocked by, $viewerId are left
// out of the page and the total (R8); a null $viewerId (an admin) sees everyone.
// :param personId => 'ada'
// :param viewerId => 'ada'
// :param after => null
// :param fetch => 21
// Returns: total, people (at most $fetch person maps: id, name, headline, createdAt,
//          connectionsVisibility, followPolicy)
MATCH (p:Person {id: $personId})
RETURN COUNT {
         MATCH (p)<-[:FOLLOWS]-(f:Person)
         WHERE $viewerId IS NULL OR NOT EXISTS { (f)-[:BLOCKS]-(:Person {id: $viewerId}) }
       } AS total,
       COLLECT {
         MATCH (p)<-[:FOLLOWS]-(f:Person)
         WHERE ($after IS NULL OR f.id > $after)
           AND ($viewerId IS NULL OR NOT EXISTS { (f)-[:BLOCKS]-(:Person {id: $viewerId}) })
         WITH f ORDER BY f.id LIMIT $fetch
         RETURN f {.id, .name, .headline, .createdAt, .connectionsVisibility, .followPolicy}
       } AS people
