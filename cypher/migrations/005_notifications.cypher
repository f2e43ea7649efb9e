// What notifications, deletions and pruning of the event log lean on (issue 13):
// a person's notifications newest first (subject, then seq: one index seek, in order);
// the events between two people ("was this request withdrawn since?");
// a deleted post's share notifications; deleted accounts still being erased; pruning by age.
CREATE INDEX event_subject_seq IF NOT EXISTS
FOR (e:Event) ON (e.subject, e.seq);

CREATE INDEX event_subject_actor IF NOT EXISTS
FOR (e:Event) ON (e.subject, e.actor);

CREATE INDEX event_post IF NOT EXISTS
FOR (e:Event) ON (e.post);

CREATE INDEX event_at IF NOT EXISTS
FOR (e:Event) ON (e.at);

CREATE INDEX deleted_person_id IF NOT EXISTS
FOR (p:DeletedPerson) ON (p.id);
