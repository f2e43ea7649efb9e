// Conversations and messages (R26-R29). A conversation is found by its id, or by its pair of
// participants: `between` is their two ids in order, unique, so a pair has at most one however its
// first messages race. A message is found by its id, and a conversation's messages newest first by
// (conversation, seq), one index seek in order; the pair (conversation, seq) is unique too.
CREATE CONSTRAINT conversation_id_unique IF NOT EXISTS
FOR (c:Conversation) REQUIRE c.id IS UNIQUE;

CREATE CONSTRAINT conversation_between_unique IF NOT EXISTS
FOR (c:Conversation) REQUIRE c.between IS UNIQUE;

CREATE CONSTRAINT message_id_unique IF NOT EXISTS
FOR (m:Message) REQUIRE m.id IS UNIQUE;

CREATE CONSTRAINT message_place_unique IF NOT EXISTS
FOR (m:Message) REQUIRE (m.conversation, m.seq) IS UNIQUE;
