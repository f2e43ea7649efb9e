// feed: one page of $viewerId's feed (R11): the posts and shares of the people it follows or is
// connected to that it may see, each post once, newest first. A post's time in the feed is the
// latest of its creation (when its author is in the network) and of its shares by people in the
// network, so a fresh share brings an older post back up. Ties: post id, descending. The cursor is
// that time and id ($afterAt, $afterId; nulls: from the start). Left out: the viewer's own posts (the
// author is never its own audience), CONNECTIONS posts of people the viewer only follows, anything
// across a block either way with the viewer (R8), and shares of posts that are not PUBLIC.
// :param viewerId => 'ada'
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, entries (list of post (id, text, visibility, authorId, cursorAt: createdAt as
//          text, commentPolicy), cursorAt, sharedBy: ids of up to 3 people in the network who
//          shared it, latest first)
MATCH (viewer:Person {id: $viewerId})
WITH viewer, COLLECT { MATCH (viewer)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
// The network, each person once, marked when connected (a hash aggregation, not a probe each).
CALL (viewer, blocked) {
  MATCH (viewer)-[:FOLLOWS]->(source)
  WHERE NOT source IN blocked
  RETURN source, 0 AS connected
  UNION ALL
  MATCH (viewer)-[:CONNECTED_TO]-(source)
  WHERE NOT source IN blocked
  RETURN source, 1 AS connected
}
WITH viewer, blocked, source, max(connected) = 1 AS connected
// What each of them posted or shared, in one walk of their relationships.
MATCH (source)-[act:POSTED|SHARED]->(post:Post)
WHERE post.visibility = 'PUBLIC' OR (connected AND type(act) = 'POSTED')
MATCH (author:Person)-[:POSTED]->(post)
WHERE author <> viewer AND NOT author IN blocked
WITH post, author.id AS authorId,
     CASE type(act) WHEN 'POSTED' THEN post.createdAt ELSE coalesce(act.at, post.createdAt) END AS at,
     CASE type(act) WHEN 'SHARED' THEN source.id END AS sharer
WITH post, authorId, at, sharer ORDER BY at DESC
WITH post, authorId, max(at) AS at, collect(sharer)[0..3] AS sharedBy
WITH collect({post: post, authorId: authorId, at: at, sharedBy: sharedBy}) AS entries
RETURN size(entries) AS total,
       COLLECT {
         UNWIND entries AS e
         WITH e
         WHERE $afterAt IS NULL OR e.at < datetime($afterAt)
            OR (e.at = datetime($afterAt) AND e.post.id < $afterId)
         WITH e ORDER BY e.at DESC, e.post.id DESC LIMIT $fetch
         WITH e, e.post AS post
         RETURN {post: post {.id, .text, .visibility, authorId: e.authorId,
                             cursorAt: toString(post.createdAt),
                             commentPolicy: coalesce(post.commentPolicy, 'EVERYONE')},
                 cursorAt: toString(e.at), sharedBy: e.sharedBy}
       } AS entries
