// lock_membership: write-locks $me's side of a conversation (their IN relationship), found by the
// conversation's id or, when $messageId is given, by that message's conversation, so that changes to
// one person's side (read mark, deleted messages, clearing, accepting) run one after the other and
// each decides on what the one before wrote. Like lock_pair, it writes and removes a dummy property.
// :param me => 'ada'
// :param conversationId => 'c0ffee00-0000-4000-8000-000000000001'
// :param messageId => null
// Returns: conversation (its id; null when $me takes no part in it or it is unknown); no row: $me
//          is unknown
MATCH (me:Person {id: $me})
OPTIONAL MATCH (m:Message {id: $messageId})
OPTIONAL MATCH (me)-[mine:IN]->(c:Conversation {id: coalesce(m.conversation, $conversationId)})
SET mine._lock = true
REMOVE mine._lock
RETURN c.id AS conversation
