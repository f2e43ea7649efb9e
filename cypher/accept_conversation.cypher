// accept_conversation: $me accepts the conversation $conversationId (R26): their side becomes
// ACCEPTED, so its starter may write again. Run after lock_membership and the check that $me sees it.
// :param me => 'grace'
// :param conversationId => 'c0ffee00-0000-4000-8000-000000000001'
// Returns: starter (the other participant's id: who gets to write again)
MATCH (me:Person {id: $me})-[mine:IN]->(c:Conversation {id: $conversationId})<-[:IN]-(other:Person)
SET mine.status = 'ACCEPTED'
RETURN other.id AS starter
