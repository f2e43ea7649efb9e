// relationship_states: how $viewerId relates to each person in $ids, seen from $viewerId
// (the Relationship type), with both people's messagePolicy (R25: canMessage). Unknown ids are
// left out; an unknown $viewerId relates to nobody.
// :param viewerId => 'ada'
// :param ids => ['grace', 'alan']
// Returns: person (id, name, headline, createdAt, connectionsVisibility, followPolicy),
//          following, followedBy, connected, requestSent, requestReceived, blocking, blockedBy,
//          myMessagePolicy, theirMessagePolicy
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (me:Person {id: $viewerId})
RETURN p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy} AS person,
       me IS NOT NULL AND EXISTS { (me)-[:FOLLOWS]->(p) } AS following,
       me IS NOT NULL AND EXISTS { (p)-[:FOLLOWS]->(me) } AS followedBy,
       me IS NOT NULL AND EXISTS { (me)-[:CONNECTED_TO]-(p) } AS connected,
       me IS NOT NULL AND EXISTS { (me)-[:REQUESTED]->(p) } AS requestSent,
       me IS NOT NULL AND EXISTS { (p)-[:REQUESTED]->(me) } AS requestReceived,
       me IS NOT NULL AND EXISTS { (me)-[:BLOCKS]->(p) } AS blocking,
       me IS NOT NULL AND EXISTS { (p)-[:BLOCKS]->(me) } AS blockedBy,
       coalesce(me.messagePolicy, 'CONNECTIONS') AS myMessagePolicy,
       coalesce(p.messagePolicy, 'CONNECTIONS') AS theirMessagePolicy
