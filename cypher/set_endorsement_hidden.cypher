// set_endorsement_hidden: $me hides (or shows again) $endorser's endorsement of $me's skill $key
// (R32): hidden ones leave everyone else's counts and lists; $me still sees them, marked.
// :param me => 'p000002'
// :param endorser => 'p000001'
// :param key => 'python'
// :param hidden => true
// Returns: changed (false: it was so already); no row: no such endorsement
MATCH (me:Person {id: $me})<-[e:ENDORSED {skill: $key}]-(:Person {id: $endorser})
WITH e, coalesce(e.hidden, false) <> $hidden AS changed
SET e.hidden = $hidden
RETURN changed
