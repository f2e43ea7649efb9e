// person_settings: the settings of the people $ids (R1, R9, R25, R31), defaults filled in for
// people who never set them; unknown ids are left out.
// :param ids => ['ada', 'grace']
// Returns: id, settings (connectionsVisibility, followPolicy, messagePolicy, endorsable)
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id,
       {connectionsVisibility: coalesce(p.connectionsVisibility, 'CONNECTIONS'),
        followPolicy: coalesce(p.followPolicy, 'EVERYONE'),
        messagePolicy: coalesce(p.messagePolicy, 'CONNECTIONS'),
        endorsable: coalesce(p.endorsable, true)} AS settings
