// delete_recommendation: $author's recommendation of $recipient goes: withdrawn by its author (R33)
// or declined by its recipient (R34). Returns the cause its notification names, to forget it.
// :param author => 'p000001'
// :param recipient => 'p000002'
// Returns: causes (0 or 1)
MATCH (:Person {id: $author})-[r:RECOMMENDED]->(:Person {id: $recipient})
WITH collect(r) AS gone
WITH gone, [r IN gone | 'recommendation:' + r.id] AS causes
FOREACH (r IN gone | DELETE r)
RETURN causes
