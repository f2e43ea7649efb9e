// network_strength: what R36 counts of $person in the graph (the rest is on the connection index):
// the people who endorsed them, the SHOWN recommendations they received, and everyone they had an
// exchange with, either way, in the last $days days: an endorsement given or received, a
// recommendation written, revised or answered, a reaction to the other's post or comment, a comment
// on the other's post or a reply to the other's comment (a comment is an exchange with the author of
// what it answers: a top-level one with the post's, a reply with its thread's). Starts from the
// person's own relationships, and finds what others did to the person's posts and comments through
// the indexes on (REACTED.subjectId, at), (Comment.postId, createdAt) and (Comment.parentId,
// createdAt) from $days days ago on, so it costs what the person holds and what is recent, never
// the 50,000 reactions of an old popular post. A message either way counts too (the conversation's
// lastMessageAt is its newest message's time).
// :param person => 'p000001'
// :param days => 90
// Returns: endorsers, recommendations, exchanged (ids, each once; connections or not)
MATCH (p:Person {id: $person})
WITH p, datetime() - duration({days: $days}) AS since
RETURN COUNT { MATCH (x:Person)-[:ENDORSED]->(p) RETURN DISTINCT x } AS endorsers,
       COUNT { MATCH (:Person)-[r:RECOMMENDED]->(p) WHERE r.status = 'SHOWN' } AS recommendations,
       COLLECT {
         MATCH (p)-[e:ENDORSED]-(o:Person) WHERE e.at >= since RETURN o.id AS other
         UNION
         MATCH (p)-[r:RECOMMENDED]-(o:Person) WHERE r.updatedAt >= since OR r.respondedAt >= since
         RETURN o.id AS other
         UNION
         MATCH (p)-[r:REACTED]->()<-[:POSTED|WROTE]-(o:Person) WHERE r.at >= since
         RETURN o.id AS other
         UNION
         MATCH (p)-[:POSTED|WROTE]->(mine)
         CALL (mine, since) {
           MATCH (o:Person)-[r:REACTED]->()
           WHERE r.subjectId = mine.id AND r.at >= since
           RETURN o
         }
         RETURN o.id AS other
         UNION
         MATCH (p)-[:WROTE]->(c:Comment) WHERE c.createdAt >= since
         CALL (c) {
           MATCH (c)-[:REPLY_TO]->(:Comment)<-[:WROTE]-(o:Person)
           RETURN o
           UNION
           MATCH (c)-[:ON]->(:Post)<-[:POSTED]-(o:Person) WHERE c.parentId IS NULL
           RETURN o
         }
         RETURN o.id AS other
         UNION
         MATCH (p)-[:POSTED]->(post:Post)
         CALL (post, since) {
           MATCH (o:Person)-[:WROTE]->(c:Comment) WHERE c.postId = post.id AND c.createdAt >= since
           RETURN o
         }
         RETURN o.id AS other
         UNION
         MATCH (p)-[:WROTE]->(thread:Comment) WHERE thread.parentId IS NULL
         CALL (thread, since) {
           MATCH (o:Person)-[:WROTE]->(c:Comment) WHERE c.parentId = thread.id AND c.createdAt >= since
           RETURN o
         }
         RETURN o.id AS other
         UNION
         MATCH (p)-[:IN]->(c:Conversation)<-[:IN]-(o:Person) WHERE c.lastMessageAt >= since
         RETURN o.id AS other
       } AS exchanged
