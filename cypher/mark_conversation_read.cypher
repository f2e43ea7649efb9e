// mark_conversation_read: moves $me's read mark in conversation $conversationId forward to the
// message $upTo (an id; null: the newest), never back (R28). Nobody else ever reads the mark: no
// read receipts.
// :param me => 'ada'
// :param conversationId => 'c0ffee00-0000-4000-8000-000000000001'
// :param upTo => null
// Returns: found (false: $upTo is no message of this conversation, and nothing moved), readUpTo
MATCH (me:Person {id: $me})-[mine:IN]->(c:Conversation {id: $conversationId})
OPTIONAL MATCH (m:Message {id: $upTo})-[:OF]->(c)
WITH mine, CASE WHEN $upTo IS NULL THEN c.messageCount ELSE m.seq END AS upTo
SET mine.readUpTo = CASE WHEN upTo > mine.readUpTo THEN upTo ELSE mine.readUpTo END
RETURN upTo IS NOT NULL AS found, mine.readUpTo AS readUpTo
