// deleted_post_author: who wrote the post $postId that is being erased (a :DeletedPost, see
// delete_post.cypher), so its author (or an admin) can finish an interrupted deletion by asking again.
// :param postId => '5f0c7e1e-0000-4000-8000-000000000000'
// Returns: authorId; no row: no post of that id is being erased
MATCH (author)-[:POSTED]->(post:DeletedPost {id: $postId})
RETURN author.id AS authorId
