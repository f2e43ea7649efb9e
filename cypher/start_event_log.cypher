// start_event_log: makes sure the change log exists (a migration creates it; a wiped graph loses it),
// so every later wipe shows as a new epoch to whoever follows the log.
// Returns: seq, epoch
MERGE (log:EventLog {id: 'events'})
  ON CREATE SET log.seq = 0, log.epoch = randomUUID()
RETURN log.seq AS seq, log.epoch AS epoch
