// lock_pair: serializes every change to a pair of people. Writes (and at once removes) a dummy
// property on both Person nodes, which takes their write locks until the transaction ends; $ids
// come sorted, so two transactions on the same people always lock in the same order. A concurrent
// change to either person waits here, then reads what the first one committed.
// :param ids => ['ada', 'grace']
// Returns: id (one row per person that exists)
UNWIND $ids AS id
MATCH (p:Person {id: id})
SET p._lock = true
REMOVE p._lock
RETURN p.id AS id
