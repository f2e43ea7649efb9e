// Skills are shared nodes, one per name folded for case (R30), so analysts can ask who lists a
// skill; the service finds them by key. Endorsements, recommendations and recommendation requests
// carry an id each, the cause their notifications name (events.forget).
CREATE CONSTRAINT skill_key_unique IF NOT EXISTS
FOR (s:Skill) REQUIRE s.key IS UNIQUE;
