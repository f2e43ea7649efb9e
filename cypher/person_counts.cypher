// person_counts: public counts for these people, answered from Neo4j's degree store.
// :param ids => ['ada', 'grace']
// Returns: id, followers, following, connections
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id,
       COUNT { (p)<-[:FOLLOWS]-() } AS followers,
       COUNT { (p)-[:FOLLOWS]->() } AS following,
       COUNT { (p)-[:CONNECTED_TO]-() } AS connections
