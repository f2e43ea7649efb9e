// write_recommendation: $me writes (or revises) its recommendation of $other (R33): one per ordered
// pair; new or revised it is PENDING until $other accepts it. Its id, made once, is the cause its
// notifications name.
// :param me => 'p000001'
// :param other => 'p000002'
// :param text => 'Ada shipped our query planner on time and taught the team how it works.'
// :param relationship => 'SAME_TEAM'
// Returns: id
MATCH (me:Person {id: $me}), (other:Person {id: $other})
MERGE (me)-[r:RECOMMENDED]->(other)
  ON CREATE SET r.id = randomUUID(), r.createdAt = datetime()
SET r.text = $text, r.relationship = $relationship, r.status = 'PENDING', r.updatedAt = datetime()
RETURN r.id AS id
