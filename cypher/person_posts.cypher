// person_posts: one page of the posts $personId wrote that $viewerId may see (R10), newest first
// (createdAt, then id, both descending), after the cursor ($afterAt, $afterId; nulls: from the
// start), with how many there are. The author, its connections and $admin see every post; anyone
// else the PUBLIC ones; across a block, none (R8).
// :param personId => 'ada'
// :param viewerId => 'grace'
// :param admin => false
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, posts (list of id, text, visibility, authorId, cursorAt: createdAt as text,
//          commentPolicy)
MATCH (author:Person {id: $personId})
OPTIONAL MATCH (viewer:Person {id: $viewerId})
WITH author, viewer,
     $admin OR author = viewer OR EXISTS { (author)-[:CONNECTED_TO]-(viewer) } AS seesAll
WHERE $admin OR author = viewer OR NOT EXISTS { (author)-[:BLOCKS]-(viewer) }
RETURN COUNT { (author)-[:POSTED]->(p:Post) WHERE seesAll OR p.visibility = 'PUBLIC' } AS total,
       COLLECT {
         MATCH (author)-[:POSTED]->(p:Post)
         WHERE (seesAll OR p.visibility = 'PUBLIC')
           AND ($afterAt IS NULL OR p.createdAt < datetime($afterAt)
                OR (p.createdAt = datetime($afterAt) AND p.id < $afterId))
         WITH p ORDER BY p.createdAt DESC, p.id DESC LIMIT $fetch
         RETURN p {.id, .text, .visibility, authorId: author.id,
                   cursorAt: toString(p.createdAt),
                   commentPolicy: coalesce(p.commentPolicy, 'EVERYONE')}
       } AS posts
