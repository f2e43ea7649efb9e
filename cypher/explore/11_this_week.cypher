// this_week: what happened to one person in the last 7 days, newest first: every event of the log
// they caused or that names them (follows, requests, connections, blocks, posts, shares, profile
// changes), each with the other person's name where that person still exists.
// :param personId => 'p000042'
// :param limit => 100
// Returns: person, events (the week's count), happened (seq, at, kind, actor, subject, other, post)
MATCH (p:Person {id: $personId})
OPTIONAL MATCH (e:Event)
WHERE (e.subject = p.id OR e.actor = p.id) AND e.at > datetime() - duration('P7D')
OPTIONAL MATCH (other:Person {id: CASE e.actor WHEN p.id THEN e.subject ELSE e.actor END})
WITH p, e, other ORDER BY e.seq DESC
WITH p, collect(CASE WHEN e IS NOT NULL THEN {
       seq: e.seq, at: toString(e.at), kind: e.kind, actor: e.actor, subject: e.subject,
       other: other.name, post: e.post} END) AS week
RETURN p.id AS person, size(week) AS events, week[..$limit] AS happened
