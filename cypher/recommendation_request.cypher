// recommendation_request: $asker's pending recommendation request to $asked, if any (R35).
// :param asker => 'p000002'
// :param asked => 'p000001'
// Returns: request (from, to (person maps), message, atKey (when it was sent, as text), otherId)
MATCH (f:Person {id: $asker})-[a:ASKED_RECOMMENDATION]->(t:Person {id: $asked})
RETURN {from: f {.id, .name, .headline, createdAt: toString(f.createdAt), .connectionsVisibility, .followPolicy},
        to: t {.id, .name, .headline, createdAt: toString(t.createdAt), .connectionsVisibility, .followPolicy},
        message: a.message, atKey: toString(a.at), otherId: t.id} AS request
