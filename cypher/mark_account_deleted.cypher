// mark_account_deleted: the first, small step of deleteAccount (R19). Takes the person's write lock
// and swaps its :Person label for :DeletedPerson, so from this commit on every query (all match
// :Person) sees them gone and no new tie can reach them; erase_account_batch then erases what is
// left. No row: there is no such person (perhaps already deleted).
// :param id => 'ada'
// Returns: id
MATCH (p:Person {id: $id})
SET p:DeletedPerson, p.deletedAt = datetime()
REMOVE p:Person
RETURN p.id AS id
