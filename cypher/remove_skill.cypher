// remove_skill: $me no longer lists the skill $key (R30), and its endorsements go with it. The
// Skill node stays (others may list it; it names nobody). Returns what the notifications of the
// endorsements deleted are caused by (events.forget).
// :param me => 'p000001'
// :param key => 'python'
// Returns: removed (HAS_SKILL deleted: 0 or 1), causes (of the endorsements deleted)
MATCH (me:Person {id: $me})
OPTIONAL MATCH (me)-[has:HAS_SKILL]->(:Skill {key: $key})
OPTIONAL MATCH (me)<-[e:ENDORSED {skill: $key}]-(:Person)
WITH has, collect(e) AS endorsements
WITH has, endorsements, [e IN endorsements | 'endorsement:' + e.id] AS causes
FOREACH (e IN endorsements | DELETE e)
FOREACH (h IN CASE WHEN has IS NULL THEN [] ELSE [has] END | DELETE h)
RETURN CASE WHEN has IS NULL THEN 0 ELSE 1 END AS removed, causes
