// disconnect_validation: what removing the connection between $me and $other ends beside it (R7 as
// amended): endorsements and pending recommendation requests, both ways. Written recommendations
// stay. Returns the causes their notifications name, to forget them (events.forget).
// :param me => 'p000001'
// :param other => 'p000002'
// Returns: causes
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[v:ENDORSED|ASKED_RECOMMENDATION]-(other)
WITH collect(v) AS ended
WITH ended, [v IN ended | CASE type(v) WHEN 'ENDORSED' THEN 'endorsement:'
                                       ELSE 'recommendation-request:' END + v.id] AS causes
FOREACH (v IN ended | DELETE v)
RETURN causes
