// skill_in_second_degree: who lists a skill among the people two steps from you over connections
// (your 2nd degree: not yours yet, but known to some of yours), the best introductions first: most
// mutual connections, then most endorsed. People blocked either way with you are left out. The
// skill is found by its key (the name lower-cased, as the service folds it: pass it as people
// spell it, single spaces). Switch to the graph view and RETURN p, s, m to see the introductions.
// :param personId => 'p000242'
// :param skill => 'Python'
// :param limit => 25
// Returns: id, name, headline, skill (as they spell it), endorsements, mutualConnections
MATCH (me:Person {id: $personId})
MATCH (s:Skill {key: toLower(trim($skill))})<-[has:HAS_SKILL]-(p:Person)
WHERE p <> me AND NOT EXISTS { (me)-[:CONNECTED_TO]-(p) } AND NOT EXISTS { (me)-[:BLOCKS]-(p) }
WITH me, s, p, has, COUNT { (me)-[:CONNECTED_TO]-(:Person)-[:CONNECTED_TO]-(p) } AS mutualConnections
WHERE mutualConnections > 0
RETURN p.id AS id, p.name AS name, p.headline AS headline, has.name AS skill,
       COUNT { (p)<-[e:ENDORSED {skill: s.key}]-(:Person) WHERE NOT coalesce(e.hidden, false) } AS endorsements,
       mutualConnections
ORDER BY mutualConnections DESC, endorsements DESC, id
LIMIT $limit
