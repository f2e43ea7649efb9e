// ask_recommendation: $me asks $other for a recommendation, with an optional note (R35); one
// pending per ordered pair (recommendation_state ran first: there is none). Its id is the cause its
// notification names.
// :param me => 'p000002'
// :param other => 'p000001'
// :param message => 'Would you write a few words about our work on the planner?'
// Returns: id
MATCH (me:Person {id: $me}), (other:Person {id: $other})
CREATE (me)-[a:ASKED_RECOMMENDATION {id: randomUUID(), at: datetime(), message: $message}]->(other)
RETURN a.id AS id
