// import_people_from_edges: creates the people an import file names only in edges, with name = id;
// people already there are left as they are.
// :param rows => ['p000000', 'p000001']
// :param now => datetime()
// Returns: written (ids handled)
UNWIND $rows AS id
MERGE (p:Person {id: id})
  ON CREATE SET p.name = id, p.createdAt = $now,
                p.connectionsVisibility = 'CONNECTIONS', p.followPolicy = 'EVERYONE'
RETURN count(*) AS written
