// share_post: $viewerId shares the post $postId; sharing again changes nothing (one SHARED, its
// first time kept). The caller has checked that the post is PUBLIC and visible to the sharer.
// :param viewerId => 'grace'
// :param postId => '5f0c7e1e-0000-4000-8000-000000000000'
// Returns: new (true when this call shared it; false when it was shared already)
MATCH (sharer:Person {id: $viewerId}), (post:Post {id: $postId})
OPTIONAL MATCH (sharer)-[before:SHARED]->(post)
MERGE (sharer)-[shared:SHARED]->(post)
  ON CREATE SET shared.at = datetime()
RETURN before IS NULL AS new
