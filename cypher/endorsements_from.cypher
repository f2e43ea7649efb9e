// endorsements_from: who among $candidates endorsed $person's skill $key, newest first, at most
// $first ("endorsed by people you know", R32). The service passes the viewer's connections that are
// also $person's (from the connection index), so this reads only their endorsements. Hidden ones
// count only when $seesHidden (the viewer is the person).
// :param person => 'p000002'
// :param key => 'python'
// :param candidates => ['p000001', 'p000003']
// :param seesHidden => false
// :param first => 3
// Returns: people (at most $first person maps)
MATCH (p:Person {id: $person})
RETURN COLLECT {
  UNWIND $candidates AS candidate
  MATCH (x:Person {id: candidate})-[e:ENDORSED {skill: $key}]->(p)
  WHERE $seesHidden OR NOT coalesce(e.hidden, false)
  WITH x, e ORDER BY e.at DESC, x.id LIMIT $first
  RETURN x {.id, .name, .headline, createdAt: toString(x.createdAt), .connectionsVisibility, .followPolicy}
} AS people
