// import_reactions: writes reactions from an import file (R20) as the service stores them
// (react.cypher): to the post, or with a comment id to that comment of the post; one per person and
// subject, counters included. A reaction already there is left as it is (its kind too); rows whose
// person, post or comment is missing are skipped.
// :param rows => [{person: 'p000001', post: 'post000000', kind: 'LIKE', comment: null, at: datetime()}]
// :param now => datetime()
// Returns: written (rows that are now reactions)
UNWIND $rows AS row
MATCH (p:Person {id: row.person}), (post:Post {id: row.post})
OPTIONAL MATCH (comment:Comment {id: row.comment})-[:ON]->(post)
WITH row, p, CASE WHEN row.comment IS NULL THEN post ELSE comment END AS subject
WHERE subject IS NOT NULL
OPTIONAL MATCH (p)-[before:REACTED]->(subject)
CALL (row, p, subject, before) {
  WITH row, p, subject WHERE before IS NULL
  CREATE (p)-[:REACTED {kind: row.kind, at: coalesce(row.at, $now), subjectId: subject.id}]->(subject)
  SET subject['reactions' + row.kind] = coalesce(subject['reactions' + row.kind], 0) + 1
}
RETURN count(*) AS written
