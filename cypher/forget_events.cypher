// forget_events: deletes the events whose cause is one of $causes (service/events.py `forget`): what
// an interaction caused once it is undone (a reaction removed, a comment deleted), so the
// notification it made goes too (R18: "gone when their cause is undone"). Runs in the transaction
// that undoes it.
// :param causes => ['reaction:ada:5f0c7e1e-0000-4000-8000-000000000000']
// Returns: forgotten (events deleted)
UNWIND $causes AS cause
MATCH (e:Event {cause: cause})
DETACH DELETE e
RETURN count(e) AS forgotten
