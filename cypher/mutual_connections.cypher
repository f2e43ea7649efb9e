// mutual_connections: people connected to both $viewerId and $personId (R14), by id, one page after
// the id $after (null: from the start), with their total. People blocked either way with either end
// are left out, and across a block the two share nobody (R8). It expands the end with fewer
// connections and checks each neighbour against the other end, so a hub on one side costs nothing
// beyond its degree-store count.
// :param viewerId => 'ada'
// :param personId => 'grace'
// :param after => null
// :param fetch => 21
// Returns: total, people (list of id, name, headline, createdAt, connectionsVisibility, followPolicy)
MATCH (viewer:Person {id: $viewerId}), (person:Person {id: $personId})
WHERE viewer <> person AND NOT EXISTS { (viewer)-[:BLOCKS]-(person) }
WITH viewer, person,
     COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN b UNION MATCH (person)-[:BLOCKS]-(b:Person) RETURN b } AS blocked,
     CASE WHEN COUNT { (viewer)-[:CONNECTED_TO]-() } <= COUNT { (person)-[:CONNECTED_TO]-() }
          THEN [viewer, person] ELSE [person, viewer] END AS ends
WITH ends[0] AS fewer, ends[1] AS other, blocked
CALL (fewer, other, blocked) {
  MATCH (fewer)-[:CONNECTED_TO]-(mutual:Person)
  WHERE EXISTS { (mutual)-[:CONNECTED_TO]-(other) } AND NOT mutual IN blocked
  WITH DISTINCT mutual
  ORDER BY mutual.id
  RETURN collect(mutual) AS mutuals
}
RETURN size(mutuals) AS total,
       [m IN [m IN mutuals WHERE $after IS NULL OR m.id > $after][0..$fetch]
        | m {.id, .name, .headline, createdAt: toString(m.createdAt), .connectionsVisibility, .followPolicy}] AS people
