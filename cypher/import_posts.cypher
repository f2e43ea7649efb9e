// import_posts: writes posts and their authors' POSTED edges from an import file; a post id already
// there is left as it is (with its author).
// :param rows => [{id: 'post000000', author: 'p000000', text: 'Hello', visibility: 'PUBLIC', createdAt: datetime()}]
// :param now => datetime()
// Returns: written (rows handled)
UNWIND $rows AS row
MATCH (author:Person {id: row.author})
MERGE (post:Post {id: row.id})
  ON CREATE SET post.text = row.text, post.visibility = row.visibility, post.createdAt = coalesce(row.createdAt, $now)
WITH author, post
WHERE NOT EXISTS { (post)<-[:POSTED]-(:Person) }
CREATE (author)-[:POSTED]->(post)
RETURN count(*) AS written
