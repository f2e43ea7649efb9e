// post_audience: one page of the direct audience of $postId (R10), by id, after the id $after (null:
// from the start), with its size: the author's followers and connections for a PUBLIC post, its
// connections for a CONNECTIONS post; blocked people either way with the author left out (R8);
// never the author.
// :param postId => '5f0c7e1e-0000-4000-8000-000000000000'
// :param after => null
// :param fetch => 21
// Returns: total, people (list of id, name, headline, createdAt, connectionsVisibility, followPolicy)
MATCH (author:Person)-[:POSTED]->(post:Post {id: $postId})
WITH author, post, COLLECT { MATCH (author)-[:BLOCKS]-(b:Person) RETURN DISTINCT b } AS blocked
CALL (author, post, blocked) {
  CALL (author, post) {
    MATCH (author)-[:CONNECTED_TO]-(x)
    RETURN x
    UNION
    MATCH (author)<-[:FOLLOWS]-(x)
    WHERE post.visibility = 'PUBLIC'
    RETURN x
  }
  WITH x WHERE x <> author AND NOT x IN blocked
  WITH x ORDER BY x.id
  RETURN collect(x) AS audience
}
RETURN size(audience) AS total,
       [p IN [p IN audience WHERE $after IS NULL OR p.id > $after][0..$fetch]
        | p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy}] AS people
