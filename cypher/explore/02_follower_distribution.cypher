// follower_distribution: how many people have 0, 1-9, 10-99, 100-999, ... followers. A power law shows
// as counts that fall by a steady factor from one band to the next, with a few hubs at the far end.
// Returns: followers (the band, e.g. '100-999'), people, percent (of everyone)
MATCH (p:Person)
WITH COUNT { (p)<-[:FOLLOWS]-() } AS n
WITH CASE WHEN n = 0 THEN 0 ELSE toInteger(floor(log10(n))) + 1 END AS band, count(*) AS people
WITH collect({band: band, people: people}) AS bands, sum(people) AS everyone
UNWIND bands AS b
RETURN CASE b.band WHEN 0 THEN '0'
         ELSE toString(toInteger(10 ^ (b.band - 1))) + '-' + toString(toInteger(10 ^ b.band) - 1) END
         AS followers,
       b.people AS people, round(100.0 * b.people / everyone, 2) AS percent
ORDER BY b.band
