// reactions_from: of the people $ids (the viewer's connections, from the connection index), the
// $first who reacted to the post or comment $subjectId ($onComment says which) most recently, newest
// first (R24: "Ana and 12 others"). Two ways, the cheaper first: the subject's newest $scan reactions,
// read from the index on (REACTED.subjectId, REACTED.at) in its order, are checked against $ids;
// only when fewer than $first are found there (few of those people reacted lately) does it look at
// each of those people's own reactions (one index seek each; the hint keeps the planner from walking
// the subject's reactions instead). Either way it never reads all 50,000 reactions of a popular post,
// and it costs at most $scan entries plus what the viewer's connections hold.
// :param ids => ['p000001', 'p000007', 'p000042']
// :param subjectId => 'post000042'
// :param onComment => false
// :param first => 3
// :param scan => 500
// Returns: people (list of person maps: id, name, headline, createdAt, connectionsVisibility, followPolicy)
CALL () {
  MATCH (p:Person)-[r:REACTED]->(subject)
  WHERE r.subjectId = $subjectId AND r.at <= datetime('9999-12-31T23:59:59Z')
    AND (subject:Comment) = $onComment
  WITH p, r ORDER BY r.subjectId DESC, r.at DESC LIMIT $scan
  WITH p, r WHERE p.id IN $ids
  WITH p, r ORDER BY r.at DESC, p.id DESC LIMIT $first
  RETURN collect(p) AS recent
}
CALL (recent) {
  UNWIND CASE WHEN size(recent) < $first THEN $ids ELSE [] END AS id
  MATCH (p:Person {id: id})-[r:REACTED]->(subject)
  USING INDEX p:Person(id)
  WHERE r.subjectId = $subjectId AND (subject:Comment) = $onComment
  WITH p, r ORDER BY r.at DESC, p.id DESC LIMIT $first
  RETURN collect(p) AS older
}
RETURN [p IN CASE WHEN size(recent) < $first THEN older ELSE recent END |
        p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy}] AS people
