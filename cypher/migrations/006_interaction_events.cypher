// What the interaction rules (R20-R37) lean on in the change log: forgetting the events of a cause
// once it is undone (events.forget), and a deleted comment's notifications (its replies and the
// reactions to it).
CREATE INDEX event_cause IF NOT EXISTS
FOR (e:Event) ON (e.cause);

CREATE INDEX event_comment IF NOT EXISTS
FOR (e:Event) ON (e.comment);
