// The ordered change log (R18): one (:Event) per change, numbered by the one (:EventLog) node that
// every recording transaction write-locks, so numbers are given out in commit order
// (cypher/record_events.cypher creates that node when it is missing).
CREATE CONSTRAINT event_seq_unique IF NOT EXISTS
FOR (e:Event) REQUIRE e.seq IS UNIQUE;

CREATE CONSTRAINT event_log_id_unique IF NOT EXISTS
FOR (l:EventLog) REQUIRE l.id IS UNIQUE;
