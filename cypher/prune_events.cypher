// prune_events: deletes up to $batch events older than $days days (the log's retention,
// TIES_EVENT_RETENTION_DAYS). Pruners in several workers take the one EventPruner lock first, so
// they run one after the other instead of racing to delete the same events; the index on Event.at
// makes finding the old ones cheap. Run it until pruned < $batch.
// :param days => 30
// :param batch => 5000
// Returns: pruned
MERGE (lock:EventPruner {id: 'events'})
SET lock._lock = true
REMOVE lock._lock
WITH count(lock) AS pruners
CALL () {
  MATCH (e:Event)
  WHERE e.at < datetime() - duration({days: $days})
  WITH e LIMIT $batch
  DETACH DELETE e
  RETURN count(*) AS pruned
}
RETURN pruned
