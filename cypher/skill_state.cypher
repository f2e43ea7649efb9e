// skill_state: what adding or removing a skill of $me decides on (R30): how many skills $me lists,
// and how $me spells the one whose key is $key (null: not listed).
// :param me => 'p000001'
// :param key => 'python'
// Returns: listed, name; no row: no such person
MATCH (me:Person {id: $me})
OPTIONAL MATCH (me)-[has:HAS_SKILL]->(:Skill {key: $key})
RETURN COUNT { (me)-[:HAS_SKILL]->(:Skill) } AS listed, has.name AS name
