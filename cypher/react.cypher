// react: $me reacts with $kind to the post or comment $subjectId ($onComment says which): one
// REACTED per person and subject (R20), so reacting again changes its kind (its time stays that of
// the first reaction). The subject's counter of each kind (reactionsLIKE ...) follows. The caller
// holds the locks of $me and of the post (lock_post), so nothing else changes $me's reaction
// meanwhile, and has checked that $me may see the subject.
// :param me => 'p000042'
// :param subjectId => 'post000042'
// :param onComment => false
// :param kind => 'LIKE'
// Returns: before (the kind $me had before; null: a new reaction), kind; no row: no such subject
MATCH (me:Person {id: $me})
CALL () {
  OPTIONAL MATCH (post:Post {id: $subjectId})
  OPTIONAL MATCH (comment:Comment {id: $subjectId})
  RETURN CASE WHEN $onComment THEN comment ELSE post END AS subject
}
WITH me, subject WHERE subject IS NOT NULL
OPTIONAL MATCH (me)-[old:REACTED]->(subject)
WITH me, subject, old, old.kind AS before
CALL (me, subject, old) {
  WITH me, subject, old WHERE old IS NULL
  CREATE (me)-[:REACTED {kind: $kind, at: datetime(), subjectId: subject.id}]->(subject)
}
CALL (subject, old, before) {
  WITH subject, old, before WHERE old IS NOT NULL AND before <> $kind
  SET old.kind = $kind,
      subject['reactions' + before] = coalesce(subject['reactions' + before], 1) - 1
}
CALL (subject, before) {
  WITH subject, before WHERE before IS NULL OR before <> $kind
  SET subject['reactions' + $kind] = coalesce(subject['reactions' + $kind], 0) + 1
}
RETURN before, $kind AS kind
