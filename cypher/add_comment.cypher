// add_comment: $me writes $text on the post $postId under the new id $id (R21), as a reply to the
// top-level comment $parentId when it is not null (R22): (me)-[:WROTE]->(comment)-[:ON]->(post), a
// reply also -[:REPLY_TO]->(parent). A top-level comment carries its post's id (postId), a reply its
// parent's (parentId): the indexes that page them newest and oldest first are built on those. The
// post's counters (commentCount: comments and replies; topLevelCommentCount) and the parent's
// replyCount follow. MERGE on the id makes a retried transaction leave one comment. The caller
// holds the post's lock (lock_post) and has checked that $me may comment and that the parent is a
// top-level comment of this post.
// :param me => 'p000042'
// :param postId => 'post000042'
// :param parentId => null
// :param id => '5f0c7e1e-0000-4000-8000-000000000000'
// :param text => 'Well said'
// Returns: comment (id, text, createdAt and editedAt as text, postId, authorId, parentId, postAuthorId,
//          hidden); no row: the author, the post or the parent is gone
MATCH (me:Person {id: $me}), (post:Post {id: $postId})<-[:POSTED]-(postAuthor:Person)
OPTIONAL MATCH (parent:Comment {id: $parentId})-[:ON]->(post)
WITH me, post, postAuthor, parent WHERE ($parentId IS NULL) = (parent IS NULL)
MERGE (c:Comment {id: $id})
  ON CREATE SET c.text = $text, c.createdAt = datetime(), c.parentId = $parentId,
                c.postId = CASE WHEN parent IS NULL THEN post.id END,
                post.commentCount = coalesce(post.commentCount, 0) + 1,
                post.topLevelCommentCount = coalesce(post.topLevelCommentCount, 0)
                                            + CASE WHEN parent IS NULL THEN 1 ELSE 0 END
MERGE (me)-[:WROTE]->(c)
MERGE (c)-[:ON]->(post)
FOREACH (p IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END |
  MERGE (c)-[r:REPLY_TO]->(p)
    ON CREATE SET p.replyCount = coalesce(p.replyCount, 0) + 1)
RETURN c {.id, .text, createdAt: toString(c.createdAt), editedAt: toString(c.editedAt), postId: post.id,
          authorId: me.id, .parentId, postAuthorId: postAuthor.id, hidden: false} AS comment
