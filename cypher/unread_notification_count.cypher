// unread_notification_count: how many of $me's notifications (as notifications_page defines them)
// are newer than $me's read marker (Person.notificationsReadUpTo, a seq).
// :param me => 'ada'
// :param kinds => ['REQUEST_SENT', 'CONNECTED', 'FOLLOWED', 'POST_SHARED']
// Returns: unread; no row: $me is unknown
MATCH (me:Person {id: $me})
WITH me, coalesce(me.notificationsReadUpTo, 0) AS readUpTo,
     COLLECT { MATCH (me)-[:BLOCKS]-(b:Person) RETURN b.id } AS blocked
RETURN COUNT {
  MATCH (e:Event)
  WHERE e.subject = $me AND e.seq > readUpTo
    AND e.kind IN $kinds AND e.actor <> $me AND NOT e.actor IN blocked
    AND NOT EXISTS { MATCH (w:Event {subject: $me, actor: e.actor})
                     WHERE w.seq > e.seq AND (w.kind = 'BLOCKED'
                           OR (w.kind = 'REQUEST_WITHDRAWN' AND e.kind = 'REQUEST_SENT')) }
    AND NOT EXISTS { MATCH (w:Event {subject: e.actor, actor: $me})
                     WHERE w.seq > e.seq AND w.kind = 'BLOCKED' }
} AS unread
