// import_shares: writes SHARED edges from an import file; only PUBLIC posts can be shared (R10), so
// shares of unknown or CONNECTIONS posts are skipped; a share already there is left as it is.
// :param rows => [{person: 'p000001', post: 'post000000', at: datetime()}]
// :param now => datetime()
// Returns: written (rows that are now shares)
UNWIND $rows AS row
MATCH (post:Post {id: row.post})
WHERE post.visibility = 'PUBLIC'
MATCH (p:Person {id: row.person})
MERGE (p)-[r:SHARED]->(post)
  ON CREATE SET r.at = coalesce(row.at, $now)
RETURN count(*) AS written
