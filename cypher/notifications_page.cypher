// notifications_page: $me's notifications, newest first, derived from the event log (R18): requests
// received (REQUEST_SENT to $me), requests accepted (CONNECTED: $me's request), new followers
// (FOLLOWED) and shares of $me's posts (POST_SHARED). Never one of $me's own doings, nothing from
// anyone who blocks $me or whom $me blocks now, nothing from before the latest block between the two
// (unblocking restores nothing), no request since withdrawn. Reads the index on (subject, seq)
// backwards from $before, so a page costs what it returns; the checks are seeks on (subject, actor).
// :param me => 'ada'
// :param before => 9223372036854775807
// :param fetch => 21
// :param kinds => ['REQUEST_SENT', 'CONNECTED', 'FOLLOWED', 'POST_SHARED']
// Returns: notifications (seq, kind, actor, post, comment, detail, at as text, read); no row: $me is unknown
MATCH (me:Person {id: $me})
WITH me, coalesce(me.notificationsReadUpTo, 0) AS readUpTo,
     COLLECT { MATCH (me)-[:BLOCKS]-(b:Person) RETURN b.id } AS blocked
RETURN COLLECT {
  MATCH (e:Event)
  WHERE e.subject = $me AND e.seq < $before
  // in the index's own order (both its keys), so the filters stop at a full page, not the whole list
  WITH e ORDER BY e.subject DESC, e.seq DESC
  WHERE e.kind IN $kinds AND e.actor <> $me AND NOT e.actor IN blocked
    AND NOT EXISTS { MATCH (w:Event {subject: $me, actor: e.actor})
                     WHERE w.seq > e.seq AND (w.kind = 'BLOCKED'
                           OR (w.kind = 'REQUEST_WITHDRAWN' AND e.kind = 'REQUEST_SENT')) }
    AND NOT EXISTS { MATCH (w:Event {subject: e.actor, actor: $me})
                     WHERE w.seq > e.seq AND w.kind = 'BLOCKED' }
  WITH e LIMIT $fetch
  RETURN e {.seq, .kind, .actor, .post, .comment, .detail, at: toString(e.at), read: e.seq <= readUpTo}
} AS notifications
