// visible_posts: the posts with these ids that $viewerId may see (R10): its own; PUBLIC ones; and
// CONNECTIONS ones of its connections; never across a block either way (R8). $admin sees every post.
// Unknown ids are left out.
// :param ids => ['5f0c7e1e-0000-4000-8000-000000000000']
// :param viewerId => 'grace'
// :param admin => false
// Returns: post (id, text, visibility, authorId, cursorAt: createdAt as text, commentPolicy)
OPTIONAL MATCH (viewer:Person {id: $viewerId})
UNWIND $ids AS id
MATCH (author:Person)-[:POSTED]->(post:Post {id: id})
WHERE $admin OR author = viewer
   OR (NOT EXISTS { (author)-[:BLOCKS]-(viewer) }
       AND (post.visibility = 'PUBLIC' OR EXISTS { (author)-[:CONNECTED_TO]-(viewer) }))
RETURN post {.id, .text, .visibility, authorId: author.id,
             cursorAt: toString(post.createdAt),
             commentPolicy: coalesce(post.commentPolicy, 'EVERYONE')} AS post
