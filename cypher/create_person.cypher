// create_person: adds a person with default settings; fails on the id constraint if it exists.
// :param id => 'ada'
// :param name => 'Ada Lovelace'
// :param headline => 'Analyst'
// Returns: person (id, name, headline, createdAt, connectionsVisibility, followPolicy)
CREATE (p:Person {
  id: $id, name: $name, headline: $headline, createdAt: datetime(),
  connectionsVisibility: 'CONNECTIONS', followPolicy: 'EVERYONE'
})
RETURN p {.id, .name, .headline, createdAt: toString(p.createdAt), .connectionsVisibility, .followPolicy} AS person
