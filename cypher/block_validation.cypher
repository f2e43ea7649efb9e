// block_validation: what a block between $me and $other ends beside the ties block.cypher deletes
// (R8 as amended): endorsements, recommendations and recommendation requests, both ways. Returns the
// causes their notifications name, to forget them (events.forget). Listed in blocks.ENDED_BY_BLOCK.
// :param me => 'p000001'
// :param other => 'p000002'
// Returns: causes
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[v:ENDORSED|RECOMMENDED|ASKED_RECOMMENDATION]-(other)
WITH collect(v) AS ended
WITH ended, [v IN ended | CASE type(v) WHEN 'ENDORSED' THEN 'endorsement:'
                                       WHEN 'RECOMMENDED' THEN 'recommendation:'
                                       ELSE 'recommendation-request:' END + v.id] AS causes
FOREACH (v IN ended | DELETE v)
RETURN causes
