// take_quota: $person does one more thing that R37 limits per rolling window (quotas.py): the times
// of what they did within the last $windowSeconds are kept on their node, in the list property
// named $property (e.g. recentReactions), trimmed to the window here. When fewer than $limit are
// in the window, now is added (taken); otherwise nothing changes and freeAt says when the oldest
// of the last $limit leaves the window. The first SET write-locks the person before it reads the
// list, so concurrent takes count one after the other.
// :param person => 'ada'
// :param property => 'recentReactions'
// :param limit => 1000
// :param windowSeconds => 3600
// Returns: taken, freeAt (as text; null when taken); no row: no such person
MATCH (p:Person {id: $person})
SET p[$property] = [t IN coalesce(p[$property], []) WHERE t > datetime() - duration({seconds: $windowSeconds})]
WITH p, p[$property] AS recent
WITH p, recent, size(recent) < $limit AS taken
SET p[$property] = CASE WHEN taken THEN recent + datetime() ELSE recent END
RETURN taken,
       CASE WHEN taken THEN null
            ELSE toString(recent[size(recent) - $limit] + duration({seconds: $windowSeconds})) END AS freeAt
