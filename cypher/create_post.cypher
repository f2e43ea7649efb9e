// create_post: $authorId posts $text to $visibility (PUBLIC or CONNECTIONS) under the new id $id;
// $commentPolicy (EVERYONE, CONNECTIONS, NOBODY) says who may comment on it (R21).
// MERGE on the id makes a retried transaction leave one post. No row: the author is unknown.
// :param authorId => 'ada'
// :param id => '5f0c7e1e-0000-4000-8000-000000000000'
// :param text => 'Hello, network'
// :param visibility => 'PUBLIC'
// :param commentPolicy => 'EVERYONE'
// Returns: post (id, text, visibility, authorId, cursorAt: createdAt as text, commentPolicy)
MATCH (author:Person {id: $authorId})
MERGE (post:Post {id: $id})
  ON CREATE SET post.text = $text, post.visibility = $visibility, post.createdAt = datetime(),
                post.commentPolicy = $commentPolicy
MERGE (author)-[:POSTED]->(post)
RETURN post {.id, .text, .visibility, authorId: author.id,
             cursorAt: toString(post.createdAt),
             commentPolicy: coalesce(post.commentPolicy, 'EVERYONE')} AS post
