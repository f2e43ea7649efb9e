// people_by_ids: the people with these ids that $viewerId may see (blocks either way hide them);
// unknown ids are left out. $viewerId may be null (anonymous or admin: nobody is hidden).
// :param ids => ['ada', 'grace']
// :param viewerId => 'alan'
// Returns: person (id, name, headline, createdAt, connectionsVisibility, followPolicy)
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE $viewerId IS NULL
   OR NOT EXISTS { MATCH (p)-[:BLOCKS]-(:Person {id: $viewerId}) }
RETURN p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy} AS person
