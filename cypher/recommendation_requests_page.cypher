// recommendation_requests_page: one page of $me's pending recommendation requests, received
// ($incoming) or sent, newest first (ties by the other person's id), after the cursor ($afterAt,
// $afterId; both null for the first page) (R35).
// :param me => 'p000001'
// :param incoming => true
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, requests (at most $fetch maps: from, to (person maps), message, atKey (when it was
//          sent, as text), otherId); no row: $me is unknown
MATCH (me:Person {id: $me})
RETURN COUNT { MATCH (me)-[a:ASKED_RECOMMENDATION]-(:Person) WHERE (endNode(a) = me) = $incoming } AS total,
       COLLECT {
         MATCH (me)-[a:ASKED_RECOMMENDATION]-(o:Person)
         WHERE (endNode(a) = me) = $incoming
           AND ($afterAt IS NULL OR a.at < datetime($afterAt) OR (a.at = datetime($afterAt) AND o.id > $afterId))
         WITH a, startNode(a) AS f, endNode(a) AS t, o ORDER BY a.at DESC, o.id LIMIT $fetch
         RETURN {from: f {.id, .name, .headline, createdAt: toString(f.createdAt), .connectionsVisibility, .followPolicy},
                 to: t {.id, .name, .headline, createdAt: toString(t.createdAt), .connectionsVisibility, .followPolicy},
                 message: a.message, atKey: toString(a.at), otherId: o.id}
       } AS requests
