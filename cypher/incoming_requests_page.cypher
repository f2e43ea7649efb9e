// incoming_requests_page: one page of the pending connection requests to $me, newest first (ties
// by sender id), after the cursor ($afterAt: the last request's time as text, $afterId: its sender;
// both null for the first page).
// :param me => 'grace'
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, requests (at most $fetch maps: from, to (person maps), message, atKey (when it
//          was sent, as text: also the cursor's first part), otherId)
MATCH (me:Person {id: $me})
RETURN COUNT { (me)<-[:REQUESTED]-(:Person) } AS total,
       COLLECT {
         MATCH (me)<-[r:REQUESTED]-(from:Person)
         WHERE $afterAt IS NULL
            OR r.at < datetime($afterAt)
            OR (r.at = datetime($afterAt) AND from.id > $afterId)
         WITH me, r, from ORDER BY r.at DESC, from.id LIMIT $fetch
         RETURN {
           from: from {.id, .name, .headline, createdAt: toString(from.createdAt), .connectionsVisibility, .followPolicy},
           to: me {.id, .name, .headline, createdAt: toString(me.createdAt), .connectionsVisibility, .followPolicy},
           message: r.message, atKey: toString(r.at), otherId: from.id
         }
       } AS requests
