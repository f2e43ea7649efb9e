// erase_post_batch: erases up to about $batch more things of the deleted post $postId (R19, after
// delete_post.cypher), in this order: the notifications naming it (events of $notificationKinds), the
// reactions to its comments, its comments and replies (a fifth of $batch: each takes a few
// relationships), its reactions and shares, and at last the post itself, once nothing is attached.
// Run it until remaining is false. Each run is one transaction that deletes a bounded number of
// relationships (each one locks the person at its other end until commit), so a popular post's
// 50,000 reactions never hold 50,000 people at once, and an interrupted erasure resumes where it
// stopped.
// :param postId => '5f0c7e1e-0000-4000-8000-000000000000'
// :param batch => 2000
// :param notificationKinds => ['POST_SHARED', 'POST_REACTION', 'COMMENT_REACTION', 'POST_COMMENT', 'COMMENT_REPLY']
// Returns: notifications, reactions, comments, shares (deleted now), remaining (false once the post is gone)
MATCH (post:DeletedPost {id: $postId})
CALL (post) {
  MATCH (e:Event {post: post.id})
  WHERE e.kind IN $notificationKinds
  WITH e LIMIT $batch
  DELETE e
  RETURN count(*) AS notifications
}
CALL (post) {
  MATCH (post)<-[:ON]-(:Comment)<-[r:REACTED]-()
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS commentReactions
}
CALL (post) {
  MATCH (post)<-[:ON]-(c:Comment)
  WITH c LIMIT $batch / 5 + 1
  DETACH DELETE c
  RETURN count(*) AS comments
}
CALL (post) {
  MATCH (post)<-[r:REACTED]-()
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS postReactions
}
CALL (post) {
  MATCH (post)<-[r:SHARED]-()
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS shares
}
CALL (post) {
  WITH post WHERE NOT EXISTS { (post)<-[:ON|REACTED|SHARED]-() }
    AND NOT EXISTS { MATCH (e:Event {post: post.id}) WHERE e.kind IN $notificationKinds }
  DETACH DELETE post
  RETURN count(*) AS gone
}
RETURN notifications, commentReactions + postReactions AS reactions, comments, shares, gone = 0 AS remaining
