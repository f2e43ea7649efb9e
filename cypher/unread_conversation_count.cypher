// unread_conversation_count: how many of $me's conversations whose status for $me is $status hold a
// message of the other's after $me's read mark that $me has not deleted (R28), counted as
// conversations_page counts them (nothing across a block, nothing cleared). The conversation's
// messageCount beside the read mark rules out most conversations without reading a message.
// :param me => 'ada'
// :param status => 'ACCEPTED'
// Returns: unread; no row: $me is unknown
MATCH (me:Person {id: $me})
WITH me, COLLECT { MATCH (me)-[:BLOCKS]-(b:Person) RETURN b.id } AS blocked
RETURN COUNT {
  MATCH (me)-[mine:IN]->(c:Conversation)
  WHERE mine.status = $status AND c.messageCount > mine.readUpTo AND NOT mine.other IN blocked
    AND EXISTS {
      MATCH (m:Message)
      WHERE m.conversation = c.id AND m.seq > mine.readUpTo AND m.sender <> $me
        AND NOT EXISTS { (me)-[:DELETED]->(m) }
    }
} AS unread
