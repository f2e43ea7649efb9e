// endorsements_page: one page of the endorsements of $person's skill $key, newest first (ties by
// endorser id), after the cursor ($afterAt: the last one's time as text, $afterId: its endorser;
// both null for the first page) (R32). Hidden ones only for the person themself or an $admin, who
// see them marked; endorsers blocked either way with the viewer are left out.
// :param person => 'p000002'
// :param key => 'python'
// :param viewerId => 'p000001'
// :param admin => false
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, endorsements (at most $fetch maps: endorser (a person map), hidden, atKey (when,
//          as text: also the cursor's first part), otherId); no row: $person is unknown
MATCH (p:Person {id: $person})
WITH p, $admin OR p.id = $viewerId AS seesHidden,
     COLLECT { MATCH (:Person {id: $viewerId})-[:BLOCKS]-(b:Person) WHERE NOT $admin RETURN b.id } AS blocked
RETURN COUNT { MATCH (x:Person)-[e:ENDORSED {skill: $key}]->(p)
               WHERE (seesHidden OR NOT coalesce(e.hidden, false)) AND NOT x.id IN blocked } AS total,
       COLLECT {
         MATCH (x:Person)-[e:ENDORSED {skill: $key}]->(p)
         WHERE (seesHidden OR NOT coalesce(e.hidden, false)) AND NOT x.id IN blocked
           AND ($afterAt IS NULL OR e.at < datetime($afterAt)
                OR (e.at = datetime($afterAt) AND x.id > $afterId))
         WITH x, e ORDER BY e.at DESC, x.id LIMIT $fetch
         RETURN {
           endorser: x {.id, .name, .headline, createdAt: toString(x.createdAt), .connectionsVisibility, .followPolicy},
           hidden: coalesce(e.hidden, false), atKey: toString(e.at), otherId: x.id
         }
       } AS endorsements
