// remove_reaction: $me's reaction to the post or comment $subjectId ($onComment says which) goes, and
// the subject's counter of its kind with it; removing none changes nothing (R20). The caller holds
// the locks of $me and of the post (lock_post).
// :param me => 'p000042'
// :param subjectId => 'post000042'
// :param onComment => false
// Returns: removed (the kind removed); no row: there was none
MATCH (me:Person {id: $me})
CALL () {
  OPTIONAL MATCH (post:Post {id: $subjectId})
  OPTIONAL MATCH (comment:Comment {id: $subjectId})
  RETURN CASE WHEN $onComment THEN comment ELSE post END AS subject
}
MATCH (me)-[r:REACTED]->(subject)
WITH r, subject, r.kind AS removed
SET subject['reactions' + removed] = coalesce(subject['reactions' + removed], 1) - 1
DELETE r
RETURN removed
