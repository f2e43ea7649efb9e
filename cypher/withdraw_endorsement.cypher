// withdraw_endorsement: $me takes back its endorsement of $other's skill $key (R31; nothing there:
// nothing changes). Returns the cause its notification names, to forget it.
// :param me => 'p000001'
// :param other => 'p000002'
// :param key => 'python'
// Returns: causes (0 or 1)
MATCH (me:Person {id: $me})-[e:ENDORSED {skill: $key}]->(other:Person {id: $other})
WITH collect(e) AS endorsements
WITH endorsements, [e IN endorsements | 'endorsement:' + e.id] AS causes
FOREACH (e IN endorsements | DELETE e)
RETURN causes
