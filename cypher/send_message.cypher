// send_message: $me writes $text to $other (R26, R27) in the pair's one conversation, which the
// first message makes: `between` (the two ids in order) is unique, and the caller holds both
// people's locks (lock_pair), so concurrent first messages still make one. A new conversation is
// ACCEPTED for $me and $recipientStatus (REQUEST when they are not connected) for $other. The
// message takes the next seq of its conversation; sending moves $me's read mark to it and accepts
// the conversation for $me (a reply accepts a REQUEST). The conversation's lastMessageAt is the
// newest message's time (R36's "active connections" read it): the statement's clock, read after
// the locks were taken, so a pair's messages are stamped in the order of their seq.
// :param me => 'ada'
// :param other => 'grace'
// :param between => ['ada', 'grace']
// :param conversationId => 'c0ffee00-0000-4000-8000-000000000001'
// :param messageId => 'c0ffee00-0000-4000-8000-000000000002'
// :param text => 'Hello, Grace'
// :param recipientStatus => 'ACCEPTED'
// Returns: message (id, conversation, seq, sender, text, sentAt as text), created (a new conversation)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
MERGE (c:Conversation {between: $between})
  ON CREATE SET c.id = $conversationId, c.createdAt = datetime(), c.messageCount = 0
WITH me, other, c, c.messageCount = 0 AS created
MERGE (me)-[mine:IN]->(c)
  ON CREATE SET mine.other = $other, mine.status = 'ACCEPTED', mine.since = datetime(), mine.readUpTo = 0,
                mine.clearedUpTo = 0, mine.hidden = 0
MERGE (other)-[theirs:IN]->(c)
  ON CREATE SET theirs.other = $me, theirs.status = $recipientStatus, theirs.since = datetime(),
                theirs.readUpTo = 0, theirs.clearedUpTo = 0, theirs.hidden = 0
SET c.messageCount = c.messageCount + 1, c.lastMessageAt = datetime.statement()
CREATE (m:Message {id: $messageId, conversation: c.id, seq: c.messageCount, sender: $me, text: $text,
                   sentAt: c.lastMessageAt})-[:OF]->(c)
SET mine.readUpTo = m.seq, mine.status = 'ACCEPTED'
RETURN m {.id, .conversation, .seq, .sender, .text, sentAt: toString(m.sentAt)} AS message, created
