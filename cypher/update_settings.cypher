// update_settings: changes $id's settings; a null value keeps the current one.
// :param id => 'ada'
// :param connectionsVisibility => 'PUBLIC'
// :param followPolicy => null
// Returns: person (id, name, headline, createdAt, connectionsVisibility, followPolicy)
MATCH (p:Person {id: $id})
SET p.connectionsVisibility = coalesce($connectionsVisibility, p.connectionsVisibility, 'CONNECTIONS'),
    p.followPolicy = coalesce($followPolicy, p.followPolicy, 'EVERYONE')
RETURN p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy} AS person
