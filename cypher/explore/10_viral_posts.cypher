// viral_posts: the most shared posts, with how many people they reach directly (the author's
// followers and connections) and how many more only through the shares (the sharers' followers and
// connections who are not in the direct audience).
// :param limit => 10
// Returns: id, author, text, shares, direct, viaShares
MATCH (post:Post {visibility: 'PUBLIC'})<-[:SHARED]-(:Person)
WITH post, count(*) AS shares
ORDER BY shares DESC, post.id
LIMIT $limit
MATCH (author:Person)-[:POSTED]->(post)
CALL (author) {
  CALL (author) {
    MATCH (author)<-[:FOLLOWS]-(d:Person) RETURN d
    UNION
    MATCH (author)-[:CONNECTED_TO]-(d:Person) RETURN d
  }
  RETURN count(d) AS direct
}
CALL (post, author) {
  MATCH (post)<-[:SHARED]-(sharer:Person)
  CALL (sharer) {
    MATCH (sharer)<-[:FOLLOWS]-(v:Person) RETURN v
    UNION
    MATCH (sharer)-[:CONNECTED_TO]-(v:Person) RETURN v
  }
  WITH DISTINCT v
  WHERE v <> author AND NOT (v)-[:FOLLOWS]->(author) AND NOT (v)-[:CONNECTED_TO]-(author)
  RETURN count(v) AS viaShares
}
RETURN post.id AS id, author.name AS author, post.text AS text, shares, direct, viaShares
ORDER BY shares DESC, id
