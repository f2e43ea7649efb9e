// Every post has one unique id, looked up by post(id:) and sharePost(postId:).
CREATE CONSTRAINT post_id_unique IF NOT EXISTS
FOR (p:Post) REQUIRE p.id IS UNIQUE;
