// create_post: $authorId posts $text to $visibility (PUBLIC or CONNECTIONS) under the new id $id.
// MERGE on the id makes a retried transaction leave one post. No row: the author is unknown.
// :param authorId => 'ada'
// :param id => '5f0c7e1e-0000-4000-8000-000000000000'
// :param text => 'Hello, network'
// :param visibility => 'PUBLIC'
// Returns: post (id, text, visibility, authorId, cursorAt: createdAt as text)
MATCH (author:Person {id: $authorId})
MERGE (post:Post {id: $id})
  ON CREATE SET post.text = $text, post.visibility = $visibility, post.createdAt = datetime()
MERGE (author)-[:POSTED]->(post)
RETURN post {.id, .text, .visibility, authorId: author.id,
             cursorAt: toString(post.createdAt)} AS post
