// reactions_from: of the people $ids (the viewer's connections, from the connection index), the
// $first who reacted to the post or comment $subjectId ($onComment says which) most recently, newest
// first (R24: "Ana and 12 others"). One index seek per person and a look at their own reactions,
// so it costs what the viewer's connections are, never the subject's 50,000 reactions.
// :param ids => ['p000001', 'p000007', 'p000042']
// :param subjectId => 'post000042'
// :param onComment => false
// :param first => 3
// Returns: people (list of person maps: id, name, headline, createdAt, connectionsVisibility, followPolicy)
CALL () {
  OPTIONAL MATCH (post:Post {id: $subjectId})
  OPTIONAL MATCH (comment:Comment {id: $subjectId})
  RETURN CASE WHEN $onComment THEN comment ELSE post END AS subject
}
RETURN COLLECT {
  UNWIND $ids AS id
  MATCH (p:Person {id: id})-[r:REACTED]->(subject)
  WITH p, r ORDER BY r.at DESC, p.id DESC LIMIT $first
  RETURN p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy}
} AS people
