// lock_deleted_account: write-locks every :DeletedPerson with the id $id (as lock_pair does for
// people), so two erasures of one account run one batch after the other instead of racing to
// delete the same relationships.
// :param id => 'ada'
// Returns: id (one row per deleted person still being erased)
MATCH (p:DeletedPerson {id: $id})
SET p._lock = true
REMOVE p._lock
RETURN p.id AS id
