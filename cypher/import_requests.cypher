// import_requests: writes pending connection requests from an import file; pairs already connected
// are skipped (R3), a request already pending is left as it is.
// :param rows => [{source: 'p000000', target: 'p000001', message: 'Hello!', at: datetime()}]
// :param now => datetime()
// Returns: written (rows that are now pending requests)
UNWIND $rows AS row
MATCH (a:Person {id: row.source})
MATCH (b:Person {id: row.target})
WHERE NOT EXISTS { (a)-[:CONNECTED_TO]-(b) }
MERGE (a)-[r:REQUESTED]->(b)
  ON CREATE SET r.at = coalesce(row.at, $now), r.message = row.message
RETURN count(*) AS written
