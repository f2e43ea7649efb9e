// set_recommendation_status: $recipient accepts $author's recommendation as SHOWN or HIDDEN, or
// switches between the two (R34).
// :param author => 'p000001'
// :param recipient => 'p000002'
// :param status => 'SHOWN'
// Returns: id; no row: no such recommendation
MATCH (:Person {id: $author})-[r:RECOMMENDED]->(:Person {id: $recipient})
SET r.status = $status, r.respondedAt = datetime()
RETURN r.id AS id
