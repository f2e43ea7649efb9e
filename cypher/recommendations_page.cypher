// recommendations_page: one page of the recommendations $person received ($given false) or wrote
// ($given true), newest first by when they were last written (ties by the other person's id), after
// the cursor ($afterAt, $afterId; both null for the first page) (R34). SHOWN ones for anyone signed
// in; PENDING and HIDDEN ones for the two people alone. The other person blocked either way with the
// viewer: left out (unless $admin).
// :param person => 'p000002'
// :param given => false
// :param viewerId => 'p000001'
// :param admin => false
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, recommendations (at most $fetch maps: id, author, recipient (person maps),
//          relationship, text, status, createdAt, updatedAt, atKey (the cursor's time), otherId);
//          no row: $person is unknown
MATCH (p:Person {id: $person})
WITH p, COLLECT { MATCH (:Person {id: $viewerId})-[:BLOCKS]-(b:Person) WHERE NOT $admin RETURN b.id } AS blocked
RETURN COUNT { MATCH (p)-[r:RECOMMENDED]-(o:Person)
               WHERE (startNode(r) = p) = $given AND NOT o.id IN blocked
                 AND (r.status = 'SHOWN' OR $viewerId IN [p.id, o.id]) } AS total,
       COLLECT {
         MATCH (p)-[r:RECOMMENDED]-(o:Person)
         WHERE (startNode(r) = p) = $given AND NOT o.id IN blocked
           AND (r.status = 'SHOWN' OR $viewerId IN [p.id, o.id])
           AND ($afterAt IS NULL OR r.updatedAt < datetime($afterAt)
                OR (r.updatedAt = datetime($afterAt) AND o.id > $afterId))
         WITH r, startNode(r) AS a, endNode(r) AS b, o ORDER BY r.updatedAt DESC, o.id LIMIT $fetch
         RETURN {id: r.id, author: a {.id, .name, .headline, createdAt: toString(a.createdAt), .connectionsVisibility, .followPolicy},
                 recipient: b {.id, .name, .headline, createdAt: toString(b.createdAt), .connectionsVisibility, .followPolicy},
                 relationship: r.relationship, text: r.text, status: r.status,
                 createdAt: toString(r.createdAt), updatedAt: toString(r.updatedAt),
                 atKey: toString(r.updatedAt), otherId: o.id}
       } AS recommendations
