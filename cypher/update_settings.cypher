// update_settings: changes $id's settings; a null value keeps the current one (a person without a
// setting has its default: connectionsVisibility CONNECTIONS, followPolicy EVERYONE, messagePolicy
// CONNECTIONS, endorsable true).
// :param id => 'ada'
// :param connectionsVisibility => 'PUBLIC'
// :param followPolicy => null
// :param messagePolicy => null
// :param endorsable => null
// Returns: settings (connectionsVisibility, followPolicy, messagePolicy, endorsable); no row: no such person
MATCH (p:Person {id: $id})
SET p.connectionsVisibility = coalesce($connectionsVisibility, p.connectionsVisibility, 'CONNECTIONS'),
    p.followPolicy = coalesce($followPolicy, p.followPolicy, 'EVERYONE'),
    p.messagePolicy = coalesce($messagePolicy, p.messagePolicy, 'CONNECTIONS'),
    p.endorsable = coalesce($endorsable, p.endorsable, true)
RETURN p {.connectionsVisibility, .followPolicy, .messagePolicy, .endorsable} AS settings
