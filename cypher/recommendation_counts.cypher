// recommendation_counts: how many SHOWN recommendations each person in $ids received (R34: public),
// less those whose author is blocked either way with the viewer (what the viewer can page through).
// :param ids => ['p000002']
// :param viewerId => 'p000001'
// :param admin => false
// Returns: id, recommendations
WITH COLLECT { MATCH (:Person {id: $viewerId})-[:BLOCKS]-(b:Person) WHERE NOT $admin RETURN b.id } AS blocked
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id,
       COUNT { MATCH (p)<-[r:RECOMMENDED]-(a:Person) WHERE r.status = 'SHOWN' AND NOT a.id IN blocked } AS recommendations
