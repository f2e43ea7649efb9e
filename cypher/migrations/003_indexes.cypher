// Indexes the questions lean on: posts newest-first (feed), requests by time (rolling 7-day limit).
CREATE INDEX post_created_at IF NOT EXISTS
FOR (p:Post) ON (p.createdAt);

CREATE INDEX person_name IF NOT EXISTS
FOR (p:Person) ON (p.name);

CREATE INDEX requested_at IF NOT EXISTS
FOR ()-[r:REQUESTED]-() ON (r.at);
