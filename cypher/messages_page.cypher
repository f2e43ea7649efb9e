// messages_page: one page of the messages of conversation $conversationId that $me can see (R27),
// newest first, before the message numbered $before (a seq; the cursor), with how many $me can see
// in all: the messages after $me's clearing (deleteConversation) less those $me deleted, counted on
// $me's IN relationship (hidden), not message by message. Reads the index on (conversation, seq)
// backwards, so a page costs what it returns. No row: $me does not see that conversation (not a
// participant, a block either way, cleared since its last message).
// :param me => 'ada'
// :param conversationId => 'c0ffee00-0000-4000-8000-000000000001'
// :param before => 9223372036854775807
// :param fetch => 21
// Returns: total, messages (list of id, conversation, seq, sender, text, sentAt as text)
MATCH (me:Person {id: $me})-[mine:IN]->(c:Conversation {id: $conversationId})<-[:IN]-(other:Person)
WHERE c.messageCount > mine.clearedUpTo AND NOT EXISTS { (me)-[:BLOCKS]-(other) }
RETURN c.messageCount - mine.clearedUpTo - mine.hidden AS total,
       COLLECT {
         MATCH (m:Message)
         WHERE m.conversation = c.id AND m.seq > mine.clearedUpTo AND m.seq < $before
         // in the index's own order (both its keys), so the filter stops at a full page
         WITH m ORDER BY m.conversation DESC, m.seq DESC
         WHERE NOT EXISTS { (me)-[:DELETED]->(m) }
         WITH m LIMIT $fetch
         RETURN m {.id, .conversation, .seq, .sender, .text, sentAt: toString(m.sentAt)}
       } AS messages
