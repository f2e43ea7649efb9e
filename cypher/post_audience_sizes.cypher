// post_audience_sizes: the direct audience of each of these posts (R10): the author's followers and
// connections, each once, for a PUBLIC post; its connections for a CONNECTIONS post; people blocked
// either way with the author left out (R8), and never the author. As in reach.cypher, followers are
// a degree-store count less the blocked few, and the overlap is checked connection by connection.
// :param ids => ['5f0c7e1e-0000-4000-8000-000000000000']
// Returns: id, audienceSize
UNWIND $ids AS id
MATCH (author:Person)-[:POSTED]->(post:Post {id: id})
WITH id, post, author,
     COLLECT { MATCH (author)-[:BLOCKS]-(b:Person) WHERE b <> author RETURN DISTINCT b } AS blocked
WITH id, post, author, blocked,
     COLLECT { MATCH (author)-[:CONNECTED_TO]-(c) WHERE NOT c IN blocked AND c <> author RETURN DISTINCT c }
       AS connections
RETURN id,
       size(connections) + CASE post.visibility
         WHEN 'PUBLIC' THEN COUNT { (author)<-[:FOLLOWS]-() }
                            - size([b IN blocked WHERE EXISTS { (b)-[:FOLLOWS]->(author) }])
                            - size([c IN connections WHERE EXISTS { (c)-[:FOLLOWS]->(author) }])
                            - COUNT { (author)-[:FOLLOWS]->(author) }
         ELSE 0 END AS audienceSize
