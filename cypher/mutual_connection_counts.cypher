// mutual_connection_counts: for each of $ids, how many people are connected to both it and
// $viewerId (R14), people blocked either way with either end left out (R8); across a block the two
// share nothing (no row: 0). Expands the end with fewer connections and checks each neighbour
// against the other end.
// :param viewerId => 'ada'
// :param ids => ['grace', 'alan']
// Returns: id, mutuals
MATCH (viewer:Person {id: $viewerId})
WITH viewer, COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS viewerBlocked,
     COUNT { (viewer)-[:CONNECTED_TO]-() } AS viewerDegree
UNWIND $ids AS id
MATCH (person:Person {id: id})
WHERE person <> viewer AND NOT person IN viewerBlocked
WITH viewer, person, viewerBlocked + COLLECT { MATCH (person)-[:BLOCKS]-(b:Person) RETURN b } AS blocked,
     CASE WHEN viewerDegree <= COUNT { (person)-[:CONNECTED_TO]-() }
          THEN [viewer, person] ELSE [person, viewer] END AS ends
WITH person, ends[0] AS fewer, ends[1] AS other, blocked
RETURN person.id AS id,
       COUNT {
         MATCH (fewer)-[:CONNECTED_TO]-(mutual:Person)
         WHERE EXISTS { (mutual)-[:CONNECTED_TO]-(other) } AND NOT mutual IN blocked
         RETURN DISTINCT mutual
       } AS mutuals
