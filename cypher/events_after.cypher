// events_after: the change log after event $after, oldest first, at most $limit events, with the
// log's last number and epoch (null: the graph has no log, e.g. it was wiped; a new epoch: the log was
// created anew, so whoever follows it must start over).
// :param after => 0
// :param limit => 1000
// Returns: seq, epoch, events (list of {seq, kind, actor, subject, post, comment, detail, cause, at})
OPTIONAL MATCH (log:EventLog {id: 'events'})
RETURN coalesce(log.seq, 0) AS seq, log.epoch AS epoch,
       COLLECT {
         MATCH (e:Event) WHERE e.seq > $after
         RETURN e {.seq, .kind, .actor, .subject, .post, .comment, .detail, .cause, at: toString(e.at)} AS event
         ORDER BY e.seq
         LIMIT $limit
       } AS events
