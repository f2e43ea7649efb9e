// conversations_page: one page of $me's conversations whose status for $me is $status (R26), latest
// message first (lastMessageAt, then id, both descending), after the cursor ($afterAt, $afterId;
// nulls: from the start), with how many there are. Left out, as conversation_views leaves them out:
// conversations with someone blocked either way (IN.other names the other participant) and those $me
// cleared since their last message. Reads $me's IN relationships and their conversations once (a
// person's conversations are hundreds, a few thousands at most), never the other side, and keeps
// the top of them; conversation_views then reads the page's details (and leaves out a conversation
// whose other participant's account is being erased, which the total may count until it is).
// :param me => 'ada'
// :param status => 'ACCEPTED'
// :param afterAt => null
// :param afterId => null
// :param fetch => 21
// Returns: total, conversations (list of id, cursorAt: lastMessageAt as text); no row: $me is unknown
MATCH (me:Person {id: $me})
WITH me, COLLECT { MATCH (me)-[:BLOCKS]-(b:Person) RETURN b.id } AS blocked
WITH me, COLLECT {
  MATCH (me)-[mine:IN]->(c:Conversation)
  WHERE mine.status = $status AND c.messageCount > mine.clearedUpTo AND NOT mine.other IN blocked
  RETURN c
} AS conversations
RETURN size(conversations) AS total,
       COLLECT {
         UNWIND conversations AS c
         WITH c
         WHERE $afterAt IS NULL OR c.lastMessageAt < datetime($afterAt)
            OR (c.lastMessageAt = datetime($afterAt) AND c.id < $afterId)
         WITH c ORDER BY c.lastMessageAt DESC, c.id DESC LIMIT $fetch
         RETURN {id: c.id, cursorAt: toString(c.lastMessageAt)}
       } AS conversations
