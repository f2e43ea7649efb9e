// endorse: $me endorses $other's skill $key (R31): one ENDORSED per endorser, person and skill, its
// id the cause its notification names. endorsement_state ran first, under both locks: there is none.
// :param me => 'p000001'
// :param other => 'p000002'
// :param key => 'python'
// Returns: id
MATCH (me:Person {id: $me}), (other:Person {id: $other})
CREATE (me)-[e:ENDORSED {id: randomUUID(), skill: $key, at: datetime(), hidden: false}]->(other)
RETURN e.id AS id
