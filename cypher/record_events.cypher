// record_events: appends $changes to the change log (R18) as the next numbers, oldest first, in the
// caller's transaction. Every recording transaction runs it LAST: its increment write-locks the one
// EventLog node (Cypher takes the lock before reading a property that SET depends on) until commit,
// so numbers are handed out in commit order; a reader that has seen event N has seen every event
// before N, and no lock cycle can form with the person locks taken earlier. A wiped graph gets a new
// log with a new epoch. Writers outside the service record [{kind: 'GRAPH_CHANGED', actor: <who>}]
// when done, so every copy of the graph reloads (ties import does).
// :param changes => [{kind: 'GRAPH_CHANGED', actor: 'analyst', subject: null, post: null, comment: null, detail: null, cause: null}]
// Returns: seq (the last number given out), epoch
MERGE (log:EventLog {id: 'events'})
  ON CREATE SET log.seq = 0, log.epoch = randomUUID()
SET log.seq = log.seq + size($changes)
WITH log, log.seq - size($changes) + 1 AS first, datetime() AS at
UNWIND range(0, size($changes) - 1) AS i
WITH log, first, at, i, $changes[i] AS change
CREATE (:Event {seq: first + i, kind: change.kind, actor: change.actor, subject: change.subject,
                post: change.post, comment: change.comment, detail: change.detail, cause: change.cause,
                at: at})
WITH log, count(*) AS recorded
RETURN log.seq AS seq, log.epoch AS epoch
