// add_skill: $me lists the skill $name (R30); the shared (:Skill {key}) node is made the first time
// anyone lists it, and HAS_SKILL keeps $me's own spelling. skill_state ran first, under $me's lock:
// the skill is not listed yet.
// :param me => 'p000001'
// :param key => 'python'
// :param name => 'Python'
// Returns: name
MATCH (me:Person {id: $me})
MERGE (s:Skill {key: $key})
CREATE (me)-[has:HAS_SKILL {name: $name, at: datetime()}]->(s)
RETURN has.name AS name
