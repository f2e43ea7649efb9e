// message_pair_state: what sending a message from $me to $other decides on (R25, R26), read after
// lock_pair, so nobody can change it before this transaction commits: blocks either way, whether
// they are connected, both people's messagePolicy, and the pair's conversation if there is one
// (found by `between`, the pair's two ids in order), with each side's status.
// :param me => 'ada'
// :param other => 'grace'
// :param between => ['ada', 'grace']
// Returns: blocked, connected, myPolicy, theirPolicy, theirName,
//          conversation (id, myStatus, theirStatus, messageCount; null before the first message)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
OPTIONAL MATCH (me)-[mine:IN]->(c:Conversation {between: $between})<-[theirs:IN]-(other)
RETURN EXISTS { (me)-[:BLOCKS]-(other) } AS blocked,
       EXISTS { (me)-[:CONNECTED_TO]-(other) } AS connected,
       coalesce(me.messagePolicy, 'CONNECTIONS') AS myPolicy,
       coalesce(other.messagePolicy, 'CONNECTIONS') AS theirPolicy,
       coalesce(other.name, other.id) AS theirName,
       CASE WHEN c IS NULL THEN null
            ELSE {id: c.id, myStatus: mine.status, theirStatus: theirs.status,
                  messageCount: c.messageCount} END AS conversation
