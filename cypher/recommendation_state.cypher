// recommendation_state: what a recommendation change between $me and $other decides on (R33-R35),
// read under both people's locks: the recommendation each wrote the other, and the pending
// request each sent the other, if any.
// :param me => 'p000001'
// :param other => 'p000002'
// Returns: written (id, text, relationship, status; null when $me wrote $other none), received
//          (the same, $other's to $me), asked (id of $me's pending request to $other, or null),
//          askedBy (id of $other's pending request to $me, or null)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[w:RECOMMENDED]->(other)
OPTIONAL MATCH (me)<-[r:RECOMMENDED]-(other)
OPTIONAL MATCH (me)-[a:ASKED_RECOMMENDATION]->(other)
OPTIONAL MATCH (me)<-[b:ASKED_RECOMMENDATION]-(other)
RETURN CASE WHEN w IS NULL THEN null ELSE w {.id, .text, .relationship, .status} END AS written,
       CASE WHEN r IS NULL THEN null ELSE r {.id, .text, .relationship, .status} END AS received,
       a.id AS asked, b.id AS askedBy
