// delete_comment: deletes the comment $id (R23) with, when it is a top-level comment, its replies, and
// the reactions to all of them; the post's counters and the parent's replyCount follow. Answers the
// causes of the events (notifications) of what went, for events.forget. The caller holds the post's
// lock (lock_post) and has checked that the viewer may delete it.
// :param id => 'cmt0000042'
// Returns: comments (deleted, replies included), causes; no row: no such comment
MATCH (c:Comment {id: $id})-[:ON]->(post)
OPTIONAL MATCH (c)-[:REPLY_TO]->(parent:Comment)
WITH c, post, parent, [c] + COLLECT { MATCH (c)<-[:REPLY_TO]-(reply:Comment) RETURN reply } AS gone
WITH c, post, parent, gone,
     [x IN gone | 'comment:' + x.id]
     + COLLECT { UNWIND gone AS x MATCH (x)<-[:REACTED]-(p) RETURN 'reaction:' + p.id + ':' + x.id } AS causes
SET post.commentCount = post.commentCount - size(gone),
    post.topLevelCommentCount = post.topLevelCommentCount - CASE WHEN parent IS NULL THEN 1 ELSE 0 END,
    parent.replyCount = parent.replyCount - 1
FOREACH (x IN gone | DETACH DELETE x)
RETURN size(gone) AS comments, causes
