// conversation_ids_with: the id of $me's conversation with each of $personIds that has one, found by
// the pair's `between` key (the two ids in order). Whether $me may see it is conversation_views'
// to say.
// :param me => 'ada'
// :param personIds => ['grace', 'alan']
// Returns: personId, conversationId
UNWIND $personIds AS personId
WITH personId, CASE WHEN $me < personId THEN [$me, personId] ELSE [personId, $me] END AS between
MATCH (c:Conversation {between: between})
RETURN personId, c.id AS conversationId
