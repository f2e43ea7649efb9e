// import_comments: writes comments and replies from an import file (R21, R22) as the service stores
// them (add_comment.cypher), counters included: a reply names its parent, a top-level comment of the
// same post. A comment id already there is left as it is; rows whose author, post or parent is
// missing (or whose parent is itself a reply) are skipped.
// :param rows => [{author: 'p000001', post: 'post000000', id: 'cmt0000000', text: 'Nice', parent: null, createdAt: datetime()}]
// :param now => datetime()
// Returns: written (rows that are now comments)
UNWIND $rows AS row
MATCH (author:Person {id: row.author}), (post:Post {id: row.post})
OPTIONAL MATCH (parent:Comment {id: row.parent})-[:ON]->(post)
WITH row, author, post, parent
WHERE row.parent IS NULL OR (parent IS NOT NULL AND parent.parentId IS NULL)
OPTIONAL MATCH (before:Comment {id: row.id})
CALL (row, author, post, parent, before) {
  WITH row, author, post, parent WHERE before IS NULL
  CREATE (author)-[:WROTE]->(c:Comment {id: row.id, text: row.text, createdAt: coalesce(row.createdAt, $now),
                                        postId: CASE WHEN parent IS NULL THEN post.id END,
                                        parentId: parent.id})-[:ON]->(post)
  SET post.commentCount = coalesce(post.commentCount, 0) + 1,
      post.topLevelCommentCount = coalesce(post.topLevelCommentCount, 0) + CASE WHEN parent IS NULL THEN 1 ELSE 0 END
  FOREACH (p IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END |
    CREATE (c)-[:REPLY_TO]->(p)
    SET p.replyCount = coalesce(p.replyCount, 0) + 1)
}
RETURN count(*) AS written
