// erase_account_batch: erases up to $batch more things of the deleted person $id (R19): first their
// reactions (the counters of what they reacted to follow), their comments with the replies under
// their top-level comments (the posts' and parents' counters follow; the reactions to them go first),
// what others attached to their posts (reactions, comments, shares), their posts, then every other
// relationship (endorsements, recommendations and requests with the notifications they caused;
// every conversation they took part in, both sides: its messages, a fifth of $batch at a time,
// then the conversation once it holds none), then the notifications they received (events whose subject they are, the log's own
// ACCOUNT_DELETED entry kept) and those of the comments erased, and at last the node itself once
// nothing is attached. Run it until it returns remaining = false; each run is one transaction, so an
// interrupted erasure resumes where it stopped.
// :param id => 'ada'
// :param batch => 2000
// :param notificationKinds => ['REQUEST_SENT', 'CONNECTED', 'FOLLOWED', 'POST_SHARED']
// Returns: posts, validations, messages, conversations, ties, notifications (deleted now),
//          remaining (false once the person is gone)
MATCH (p:DeletedPerson {id: $id})
// Their reactions: each subject is counted one fewer, and the notification of each goes.
CALL (p) {
  MATCH (p)-[r:REACTED]->(s)
  WITH r, s, r.kind AS kind LIMIT $batch
  CALL (r, s) {
    MATCH (e:Event {cause: 'reaction:' + $id + ':' + s.id})
    DETACH DELETE e
  }
  SET s['reactions' + kind] = coalesce(s['reactions' + kind], 1) - 1
  DELETE r
  RETURN count(*) AS reactions
}
// Their comments, and the replies under their top-level comments (R19): reactions to them first,
// then the replies, then the top-level comments left without replies; counters follow.
CALL (p) {
  MATCH (p)-[:WROTE]->(:Comment)<-[:REPLY_TO*0..1]-(:Comment)<-[r:REACTED]-()
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS commentReactions
}
CALL (p) {
  CALL (p) {
    MATCH (p)-[:WROTE]->(reply:Comment)-[:REPLY_TO]->(top:Comment)
    RETURN reply, top
    UNION
    MATCH (p)-[:WROTE]->(top:Comment)<-[:REPLY_TO]-(reply:Comment)
    RETURN reply, top
  }
  WITH reply, top LIMIT $batch / 10 + 1
  MATCH (reply)-[:ON]->(post)
  CALL (reply) {
    MATCH (e:Event {comment: reply.id})
    WHERE e.kind IN $notificationKinds
    DETACH DELETE e
  }
  SET top.replyCount = top.replyCount - 1, post.commentCount = post.commentCount - 1
  DETACH DELETE reply
  RETURN count(*) AS replies
}
CALL (p) {
  MATCH (p)-[:WROTE]->(c:Comment)-[:ON]->(post)
  WHERE NOT EXISTS { (c)-[:REPLY_TO]-() }
  WITH c, post LIMIT $batch / 10 + 1
  CALL (c) {
    MATCH (e:Event {comment: c.id})
    WHERE e.kind IN $notificationKinds
    DETACH DELETE e
  }
  SET post.commentCount = post.commentCount - 1, post.topLevelCommentCount = post.topLevelCommentCount - 1
  DETACH DELETE c
  RETURN count(*) AS comments
}
// What others attached to their posts (as erase_post_batch.cypher does for one post): reactions to
// the posts' comments, the comments, the posts' reactions and shares.
CALL (p) {
  MATCH (p)-[:POSTED]->()<-[:ON]-(:Comment)<-[r:REACTED]-()
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS onPostComments
}
CALL (p) {
  MATCH (p)-[:POSTED]->()<-[:ON]-(c:Comment)
  WITH c LIMIT $batch / 10 + 1
  CALL (c) {
    MATCH (e:Event {comment: c.id})
    WHERE e.kind IN $notificationKinds
    DETACH DELETE e
  }
  DETACH DELETE c
  RETURN count(*) AS postComments
}
CALL (p) {
  MATCH (p)-[:POSTED]->()<-[r:REACTED|SHARED]-()
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS onPosts
}
CALL (p) {
  MATCH (p)-[:POSTED]->(post)
  WHERE NOT EXISTS { (post)<-[:ON|REACTED|SHARED]-() }
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
  MATCH (p)-[:IN]->(:Conversation)<-[:OF]-(m:Message)
  WITH m LIMIT $batch / 5 + 1
  DETACH DELETE m
  RETURN count(*) AS messages
}
CALL (p) {
  MATCH (p)-[:IN]->(c:Conversation)
  WHERE NOT EXISTS { (c)<-[:OF]-(:Message) }
  WITH c LIMIT $batch
  DETACH DELETE c
  RETURN count(*) AS conversations
}
CALL (p) {
  MATCH (p)-[r]-()
  WHERE NOT (r:POSTED OR r:REACTED OR r:WROTE OR r:IN)
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
RETURN posts, validations, messages, conversations,
       reactions + commentReactions + replies + comments + onPostComments + postComments + onPosts + ties AS ties,
       notifications, gone = 0 AS remaining
