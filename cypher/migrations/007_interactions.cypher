// What reactions and comments (R20-R24) lean on: one unique id per comment; a post's top-level
// comments newest first and a comment's replies oldest first, read in the index's own order
// (Comment.postId and Comment.parentId copy the ON and REPLY_TO ends, so a page costs what it
// returns, not the post's 10,000 comments); a post's or comment's reactions newest first, the same
// way (REACTED.subjectId copies the reacted-to id); posts being erased in batches (deletePost).
CREATE CONSTRAINT comment_id_unique IF NOT EXISTS
FOR (c:Comment) REQUIRE c.id IS UNIQUE;

CREATE INDEX comment_post_created IF NOT EXISTS
FOR (c:Comment) ON (c.postId, c.createdAt);

CREATE INDEX comment_parent_created IF NOT EXISTS
FOR (c:Comment) ON (c.parentId, c.createdAt);

CREATE INDEX reacted_subject_at IF NOT EXISTS
FOR ()-[r:REACTED]-() ON (r.subjectId, r.at);

CREATE INDEX deleted_post_id IF NOT EXISTS
FOR (p:DeletedPost) ON (p.id);
