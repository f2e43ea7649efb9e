// conversation_views: the conversations $ids as $me sees them (R26-R29). Only the two participants
// ever see one, and only while neither blocks the other and the other is a person (not an account
// being erased); one $me cleared (deleteConversation) is gone for $me until a newer message. Others
// are left out. lastMessage is the newest message $me can see (after the clearing, not deleted);
// unreadCount counts the other's messages after $me's read mark that $me has not deleted; what R25
// and R26 decide canSend on comes along (connected, both policies, the other's status).
// :param me => 'ada'
// :param ids => ['c0ffee00-0000-4000-8000-000000000001']
// Returns: conversation (id, createdAt as text, status, person (id, name, headline, createdAt,
//          connectionsVisibility, followPolicy), lastMessage (id, conversation, seq, sender, text,
//          sentAt; null when none is left to see), unreadCount, connected, myPolicy, theirPolicy,
//          theirStatus)
UNWIND $ids AS id
MATCH (me:Person {id: $me})-[mine:IN]->(c:Conversation {id: id})<-[theirs:IN]-(other:Person)
WHERE c.messageCount > mine.clearedUpTo AND NOT EXISTS { (me)-[:BLOCKS]-(other) }
RETURN c {
  .id, createdAt: toString(c.createdAt), status: mine.status,
  person: other {.id, .name, .headline, createdAt: toString(other.createdAt), .connectionsVisibility,
                 .followPolicy},
  lastMessage: COLLECT {
    MATCH (m:Message)
    WHERE m.conversation = c.id AND m.seq > mine.clearedUpTo
    WITH m ORDER BY m.conversation DESC, m.seq DESC
    WHERE NOT EXISTS { (me)-[:DELETED]->(m) }
    WITH m LIMIT 1
    RETURN m {.id, .conversation, .seq, .sender, .text, sentAt: toString(m.sentAt)}
  }[0],
  unreadCount: COUNT {
    MATCH (m:Message)
    WHERE m.conversation = c.id AND m.seq > mine.readUpTo AND m.sender <> $me
      AND NOT EXISTS { (me)-[:DELETED]->(m) }
  },
  connected: EXISTS { (me)-[:CONNECTED_TO]-(other) },
  myPolicy: coalesce(me.messagePolicy, 'CONNECTIONS'),
  theirPolicy: coalesce(other.messagePolicy, 'CONNECTIONS'),
  theirStatus: theirs.status
} AS conversation
