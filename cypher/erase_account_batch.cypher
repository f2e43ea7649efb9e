// erase_account_batch: erases up to $batch more things of the deleted person $id (R19): first
// their posts (with their shares), then every other relationship, then the notifications they
// received (events whose subject they are, the log's own ACCOUNT_DELETED entry kept), and at last
// the node itself once nothing is attached. Run it until it returns remaining = false; each run is
// one transaction, so an interrupted erasure resumes where it stopped.
// :param id => 'ada'
// :param batch => 5000
// :param notificationKinds => ['REQUEST_SENT', 'CONNECTED', 'FOLLOWED', 'POST_SHARED']
// Returns: posts, validations, ties, notifications (deleted now), remaining (false once the
//          person is gone)
MATCH (p:DeletedPerson {id: $id})
CALL (p) {
  MATCH (p)-[:POSTED]->(post:Post)
  WITH post LIMIT $batch / 50 + 1
  DETACH DELETE post
  RETURN count(*) AS posts
}
CALL (p) {
  // endorsements, recommendations and recommendation requests, both ways, with the notifications
  // they caused (their causes name them, as in block_validation)
  MATCH (p)-[v:ENDORSED|RECOMMENDED|ASKED_RECOMMENDATION]-(:Person)
  WITH v LIMIT $batch
  WITH collect(v) AS ended
  WITH ended, [v IN ended | CASE type(v) WHEN 'ENDORSED' THEN 'endorsement:'
                                         WHEN 'RECOMMENDED' THEN 'recommendation:'
                                         ELSE 'recommendation-request:' END + v.id] AS causes
  FOREACH (v IN ended | DELETE v)
  WITH ended, causes
  CALL (causes) {
    UNWIND causes AS cause
    MATCH (e:Event {cause: cause})
    DETACH DELETE e
  }
  RETURN size(ended) AS validations
}
CALL (p) {
  MATCH (p)-[r]-()
  WHERE NOT r:POSTED
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS ties
}
CALL () {
  MATCH (e:Event {subject: $id})
  WHERE e.kind IN $notificationKinds
  WITH e LIMIT $batch
  DETACH DELETE e
  RETURN count(*) AS notifications
}
CALL (p) {
  WITH p WHERE NOT EXISTS { (p)--() }
    AND NOT EXISTS { MATCH (e:Event {subject: $id}) WHERE e.kind IN $notificationKinds }
  DELETE p
  RETURN count(*) AS gone
}
RETURN posts, validations, ties, notifications, gone = 0 AS remaining
