// delete_recommendation_request: $asker's pending request to $asked goes: withdrawn by the asker,
// dismissed by the asked, or fulfilled by the recommendation the asked wrote (R33, R35). Returns the
// cause its notification names, to forget it.
// :param asker => 'p000002'
// :param asked => 'p000001'
// Returns: causes (0 or 1)
MATCH (:Person {id: $asker})-[a:ASKED_RECOMMENDATION]->(:Person {id: $asked})
WITH collect(a) AS gone
WITH gone, [a IN gone | 'recommendation-request:' + a.id] AS causes
FOREACH (a IN gone | DELETE a)
RETURN causes
