// share_counts: how many people shared each of these posts, from the degree store (one SHARED per
// sharer and post). Unknown ids are left out.
// :param ids => ['5f0c7e1e-0000-4000-8000-000000000000']
// Returns: id, shares
UNWIND $ids AS id
MATCH (post:Post {id: id})
RETURN id, COUNT { (post)<-[:SHARED]-() } AS shares
