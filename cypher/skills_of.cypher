// skills_of: the skills each person in $ids lists, as the viewer sees them (R30, R32): most endorsed
// first, then by key; each with its name as the person spells it, its endorsement count and whether
// the viewer endorsed it. Counts leave out hidden endorsements (unless the viewer is the person or
// $admin) and endorsers blocked either way with the viewer. Unknown ids are left out.
// :param ids => ['p000002']
// :param viewerId => 'p000001'
// :param admin => false
// Returns: id, skills (name, key, endorsementCount, viewerHasEndorsed)
WITH COLLECT { MATCH (:Person {id: $viewerId})-[:BLOCKS]-(b:Person) WHERE NOT $admin RETURN b.id } AS blocked
UNWIND $ids AS id
MATCH (p:Person {id: id})
WITH p, blocked, $admin OR p.id = $viewerId AS seesHidden
WITH p,
     COLLECT { MATCH (x:Person)-[e:ENDORSED]->(p)
               WHERE (seesHidden OR NOT coalesce(e.hidden, false)) AND NOT x.id IN blocked
               WITH e.skill AS key, count(*) AS n
               RETURN {key: key, n: n} } AS counts,
     COLLECT { MATCH (:Person {id: $viewerId})-[e:ENDORSED]->(p) RETURN e.skill } AS mine
RETURN p.id AS id, COLLECT {
  MATCH (p)-[has:HAS_SKILL]->(s:Skill)
  WITH has, s, coalesce(head([c IN counts WHERE c.key = s.key | c.n]), 0) AS endorsements
  ORDER BY endorsements DESC, s.key
  RETURN {name: has.name, key: s.key, endorsementCount: endorsements, viewerHasEndorsed: s.key IN mine}
} AS skills
