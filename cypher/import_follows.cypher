// import_follows: writes FOLLOWS edges from an import file; an edge already there is left as it is.
// Rows group the targets of one source (one seek for the source); both ends exist already, since
// the importer writes people first, so every end is found by an index seek.
// :param rows => [{source: 'p000000', targets: ['p000001', 'p000002']}]
// :param now => datetime()
// Returns: written (edges handled)
UNWIND $rows AS row
MATCH (a:Person {id: row.source})
UNWIND row.targets AS target
MATCH (b:Person {id: target})
MERGE (a)-[r:FOLLOWS]->(b)
  ON CREATE SET r.since = $now
RETURN count(*) AS written
