// block_reactions: what a block between $me and $other ends of their reactions (R8 as amended): each
// one's reactions to the other's posts and comments, both ways; the subjects' counters follow.
// Returns the causes their notifications name, to forget them (events.forget). Listed in
// blocks.ENDED_BY_BLOCK. Their comments stay: reads hide them from each other while the block lasts.
// :param me => 'p000001'
// :param other => 'p000002'
// Returns: causes
MATCH (me:Person {id: $me}), (other:Person {id: $other})
CALL (me, other) {
  MATCH (me)-[r:REACTED]->(s)<-[:POSTED|WROTE]-(other)
  RETURN me AS reactor, r, s
  UNION
  MATCH (other)-[r:REACTED]->(s)<-[:POSTED|WROTE]-(me)
  RETURN other AS reactor, r, s
}
WITH reactor, r, s, r.kind AS kind, 'reaction:' + reactor.id + ':' + s.id AS cause
SET s['reactions' + kind] = coalesce(s['reactions' + kind], 1) - 1
DELETE r
RETURN collect(cause) AS causes
