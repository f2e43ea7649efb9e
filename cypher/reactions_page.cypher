// reactions_page: one page of who reacted to the post or comment $subjectId ($onComment says which;
// R20, R24), newest first (the reaction's time, then the person's id, both descending), after the
// cursor ($afterAt, $afterId; nulls: from the start), of the kind $kind (null: every kind), less the
// reactions of people blocked either way with $viewerId (R8; null: an admin, who sees all), and how
// many there are (the subject's counters less those, as reaction_summaries.cypher counts them). The
// page is read from the index on (REACTED.subjectId, REACTED.at) in its own order, starting at the
// cursor (ORDER BY names both keys, so the planner keeps that order): it costs what it returns, not
// the 50,000 reactions of a popular post.
// :param subjectId => 'post000042'
// :param onComment => false
// :param kind => null
// :param kinds => ['LIKE', 'CELEBRATE', 'SUPPORT', 'LOVE', 'INSIGHTFUL', 'FUNNY']
// :param viewerId => 'p000042'
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, reactions (list of person (a person map), kind, at as text); no row: no such subject
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
CALL () {
  OPTIONAL MATCH (post:Post {id: $subjectId})
  OPTIONAL MATCH (comment:Comment {id: $subjectId})
  RETURN CASE WHEN $onComment THEN comment ELSE post END AS subject
}
WITH blocked, subject WHERE subject IS NOT NULL
WITH blocked, subject,
     COUNT { UNWIND blocked AS b MATCH (b)-[r:REACTED]->(subject) WHERE $kind IS NULL OR r.kind = $kind }
       AS hidden
RETURN reduce(n = 0, k IN CASE WHEN $kind IS NULL THEN $kinds ELSE [$kind] END |
              n + coalesce(subject['reactions' + k], 0)) - hidden AS total,
       COLLECT {
         MATCH (p:Person)-[r:REACTED]->(s)
         WHERE r.subjectId = $subjectId
           AND r.at <= coalesce(datetime($afterAt), datetime('9999-12-31T23:59:59Z'))
           AND ($afterAt IS NULL OR r.at < datetime($afterAt) OR p.id < $afterId)
           AND ($kind IS NULL OR r.kind = $kind) AND NOT p IN blocked AND (s:Comment) = $onComment
         WITH p, r ORDER BY r.subjectId DESC, r.at DESC, p.id DESC LIMIT $fetch
         RETURN {person: p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility,
                            .followPolicy},
                 kind: r.kind, at: toString(r.at)}
       } AS reactions
