// delete_post: deletes the post $postId with its shares (R19) and the share notifications it
// caused (POST_SHARED events naming it). The caller has checked that the viewer may delete it.
// :param postId => '5f0c7e1e-0000-4000-8000-000000000000'
// Returns: shares (SHARED edges deleted), notifications (events deleted); no row: no such post
MATCH (post:Post {id: $postId})
CALL (post) {
  MATCH (e:Event {post: post.id})
  WHERE e.kind = 'POST_SHARED'
  DETACH DELETE e
  RETURN count(*) AS notifications
}
WITH post, notifications, COUNT { (post)<-[:SHARED]-() } AS shares
DETACH DELETE post
RETURN shares, notifications
