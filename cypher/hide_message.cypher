// hide_message: $me deletes the message $messageId for themself alone (R27): (me)-[:DELETED {at}]->(m),
// and one more on the count of messages $me deleted since clearing the conversation (IN.hidden), so
// a conversation's total needs no count of them. Run after lock_membership and the check that $me
// sees the message (so it is not deleted already).
// :param me => 'ada'
// :param messageId => 'c0ffee00-0000-4000-8000-000000000002'
// Returns: hidden (the count now)
MATCH (m:Message {id: $messageId})-[:OF]->(c:Conversation)<-[mine:IN]-(me:Person {id: $me})
CREATE (me)-[:DELETED {at: datetime()}]->(m)
SET mine.hidden = mine.hidden + 1
RETURN mine.hidden AS hidden
