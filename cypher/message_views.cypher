// message_views: the messages $ids that $me can see (R26, R27): in a conversation $me takes part
// in, with a person not blocked either way, after $me's clearing of it, and not deleted by $me.
// Unknown or unseen ids are left out. Live delivery asks this for each new message.
// :param me => 'ada'
// :param ids => ['c0ffee00-0000-4000-8000-000000000002']
// Returns: message (id, conversation, seq, sender, text, sentAt as text)
UNWIND $ids AS id
MATCH (m:Message {id: id})-[:OF]->(c:Conversation)<-[mine:IN]-(me:Person {id: $me}),
      (c)<-[:IN]-(other:Person)
WHERE other <> me AND m.seq > mine.clearedUpTo AND NOT EXISTS { (me)-[:DELETED]->(m) }
  AND NOT EXISTS { (me)-[:BLOCKS]-(other) }
RETURN m {.id, .conversation, .seq, .sender, .text, sentAt: toString(m.sentAt)} AS message
