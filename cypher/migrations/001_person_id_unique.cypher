// Every person has one unique id; the constraint also backs the index every lookup by id uses.
CREATE CONSTRAINT person_id_unique IF NOT EXISTS
FOR (p:Person) REQUIRE p.id IS UNIQUE;
