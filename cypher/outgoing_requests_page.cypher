// outgoing_requests_page: one page of $me's own pending connection requests, newest first (ties
// by recipient id), after the cursor ($afterAt: the last request's time as text, $afterId: its
// recipient; both null for the first page).
// :param me => 'ada'
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, requests (at most $fetch maps: from, to (person maps), message, atKey (when it
//          was sent, as text: also the cursor's first part), otherId)
MATCH (me:Person {id: $me})
RETURN COUNT { (me)-[:REQUESTED]->(:Person) } AS total,
       COLLECT {
         MATCH (me)-[r:REQUESTED]->(to:Person)
         WHERE $afterAt IS NULL
            OR r.at < datetime($afterAt)
            OR (r.at = datetime($afterAt) AND to.id > $afterId)
         WITH me, r, to ORDER BY r.at DESC, to.id LIMIT $fetch
         RETURN {
           from: me {.id, .name, .headline, createdAt: toString(me.createdAt), .connectionsVisibility, .followPolicy},
           to: to {.id, .name, .headline, createdAt: toString(to.createdAt), .connectionsVisibility, .followPolicy},
           message: r.message, atKey: toString(r.at), otherId: to.id
         }
       } AS requests
