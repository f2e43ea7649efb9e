// update_profile: changes $id's name and headline (R19); a null $name keeps the name, and the
// headline changes only when $setHeadline (to $headline, which may be null: cleared).
// :param id => 'ada'
// :param name => 'Ada King'
// :param setHeadline => true
// :param headline => 'Countess of Lovelace'
// Returns: person (id, name, headline, createdAt, connectionsVisibility, followPolicy)
MATCH (p:Person {id: $id})
SET p.name = coalesce($name, p.name),
    p.headline = CASE WHEN $setHeadline THEN $headline ELSE p.headline END
RETURN p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy} AS person
