// recommendations_between: the recommendation each [author, recipient] pair in $pairs names, if
// any (what a mutation answers with; a notification's recommendation while it is pending).
// :param pairs => [['p000001', 'p000002']]
// Returns: recommendation (id, author, recipient (person maps), relationship, text, status,
//          createdAt, updatedAt as text)
UNWIND $pairs AS pair
MATCH (a:Person {id: pair[0]})-[r:RECOMMENDED]->(b:Person {id: pair[1]})
RETURN {id: r.id, author: a {.id, .name, .headline, createdAt: toString(a.createdAt), .connectionsVisibility, .followPolicy},
        recipient: b {.id, .name, .headline, createdAt: toString(b.createdAt), .connectionsVisibility, .followPolicy},
        relationship: r.relationship, text: r.text, status: r.status,
        createdAt: toString(r.createdAt), updatedAt: toString(r.updatedAt)} AS recommendation
