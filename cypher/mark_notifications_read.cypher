// mark_notifications_read: moves $me's read marker forward to the event $upTo (a seq), never back,
// and never past the newest event in the log (a made-up cursor cannot pre-read what is to come).
// :param me => 'ada'
// :param upTo => 42
// Returns: readUpTo (the marker now); no row: $me is unknown
MATCH (me:Person {id: $me})
OPTIONAL MATCH (log:EventLog {id: 'events'})
WITH me, CASE WHEN $upTo < coalesce(log.seq, 0) THEN $upTo ELSE coalesce(log.seq, 0) END AS upTo
SET me.notificationsReadUpTo = CASE WHEN upTo > coalesce(me.notificationsReadUpTo, 0) THEN upTo
                                    ELSE coalesce(me.notificationsReadUpTo, 0) END
RETURN me.notificationsReadUpTo AS readUpTo
