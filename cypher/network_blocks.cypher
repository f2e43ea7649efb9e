// network_blocks: every block, as (blocker, blocked) ids; what the connection index reads at load.
// Returns: blocker, blocked
MATCH (a:Person)-[:BLOCKS]->(b:Person)
RETURN a.id AS blocker, b.id AS blocked
