// reaction_summaries: what $viewerId sees of the reactions to each of these posts or comments
// ($onComment says which; R20, R24): how many of each kind, and its own reaction. Counts come from
// the counters kept on the subject (reactionsLIKE ...), less the reactions of the people blocked
// either way with the viewer (R8: they are left out of its lists, so out of its counts); those are
// a handful, looked up from their side. $viewerId null (an admin): every reaction counts, and
// viewerReaction is null. Unknown ids are left out.
// :param ids => ['post000042']
// :param onComment => false
// :param viewerId => 'p000042'
// :param kinds => ['LIKE', 'CELEBRATE', 'SUPPORT', 'LOVE', 'INSIGHTFUL', 'FUNNY']
// Returns: id, counts (list of kind, count: the kinds in use, most first), viewerReaction (a kind or null)
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH viewer, COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (post:Post {id: id})
  OPTIONAL MATCH (comment:Comment {id: id})
  RETURN CASE WHEN $onComment THEN comment ELSE post END AS subject
}
WITH viewer, blocked, id, subject WHERE subject IS NOT NULL
WITH viewer, id, subject,
     COLLECT { UNWIND blocked AS b MATCH (b)-[r:REACTED]->(subject) RETURN r.kind } AS hidden
WITH viewer, id, subject,
     [rank IN range(0, size($kinds) - 1) |
      {rank: rank, kind: $kinds[rank],
       count: coalesce(subject['reactions' + $kinds[rank]], 0) - size([h IN hidden WHERE h = $kinds[rank]])}]
       AS perKind
RETURN id,
       COLLECT { UNWIND perKind AS c WITH c WHERE c.count > 0 ORDER BY c.count DESC, c.rank
                 RETURN c {.kind, .count} } AS counts,
       COLLECT { MATCH (viewer)-[mine:REACTED]->(subject) RETURN mine.kind }[0] AS viewerReaction
