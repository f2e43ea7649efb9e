// import_connections: writes CONNECTED_TO edges from an import file, once per pair: source is the
// smaller id, and an edge stored either way already counts (the MERGE has no direction).
// :param rows => [{source: 'p000000', targets: ['p000001', 'p000002']}]
// :param now => datetime()
// Returns: written (edges handled)
UNWIND $rows AS row
MATCH (a:Person {id: row.source})
UNWIND row.targets AS target
MATCH (b:Person {id: target})
MERGE (a)-[r:CONNECTED_TO]-(b)
  ON CREATE SET r.since = $now
RETURN count(*) AS written
