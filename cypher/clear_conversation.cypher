// clear_conversation: $me deletes the conversation $conversationId for themself alone (R26): every
// message so far is gone for $me (IN.clearedUpTo), read (IN.readUpTo) and no longer counted as
// deleted one by one (IN.hidden); the other participant keeps everything, and $me's status stays.
// A newer message brings the conversation back, holding only what came after.
// :param me => 'ada'
// :param conversationId => 'c0ffee00-0000-4000-8000-000000000001'
// Returns: clearedUpTo
MATCH (me:Person {id: $me})-[mine:IN]->(c:Conversation {id: $conversationId})
SET mine.clearedUpTo = c.messageCount,
    mine.readUpTo = CASE WHEN c.messageCount > mine.readUpTo THEN c.messageCount ELSE mine.readUpTo END,
    mine.hidden = 0
RETURN mine.clearedUpTo AS clearedUpTo
