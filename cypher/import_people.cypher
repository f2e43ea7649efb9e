// import_people: creates or updates people from an import file (`ties import --people`); the file's
// name and headline win, settings and createdAt of people already there are kept.
// :param rows => [{id: 'p000000', name: 'Ada Lovelace', headline: 'Analyst at Acme Labs'}]
// :param now => datetime()
// Returns: written (rows handled)
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
  ON CREATE SET p.createdAt = $now, p.connectionsVisibility = 'CONNECTIONS', p.followPolicy = 'EVERYONE'
SET p.name = row.name, p.headline = row.headline
RETURN count(*) AS written
