// endorsement_state: what $me endorsing $other's skill $key decides on (R31), read under both
// people's locks: how $other spells the skill (null: not listed), whether $other takes endorsements
// (settings.endorsable), and $me's endorsement of it, if any.
// :param me => 'p000001'
// :param other => 'p000002'
// :param key => 'python'
// Returns: name, endorsable, endorsement (id, hidden; null when $me has not endorsed it)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (other)-[has:HAS_SKILL]->(:Skill {key: $key})
OPTIONAL MATCH (me)-[e:ENDORSED {skill: $key}]->(other)
RETURN has.name AS name, coalesce(other.endorsable, true) AS endorsable,
       CASE WHEN e IS NULL THEN null ELSE e {.id, .hidden} END AS endorsement
