"""A seeded synthetic professional network, written as files that ``ties import`` reads.

The shape follows what LinkedIn-like networks look like:

- people work at companies (sizes drawn from a power law) and companies sit in industries;
- CONNECTED_TO is clustered: most connections are colleagues, many are in the same industry, a
  few are anywhere; each connected pair also follows each other (R4's auto-follow);
- FOLLOWS beyond that go to people in proportion to a heavy-tailed popularity, so follower counts
  follow a power law and a handful of hub accounts gather tens of thousands of followers;
- pending connection requests go to colleagues and industry peers who are not connected yet;
- posts are written mostly by popular people; shares come from followers of the author.

By default connections are sparse (a median of about 9 each). ``connections_per_person``
(``--connections-per-person``) asks for a dense network instead, like a real professional one:
that many connections for the median person, a lognormal spread around it, and a few
super-connectors (recruiters, founders) with 2,000-5,000; extra follows grow in proportion.

With ``interactions`` (``--interactions``) it also writes ``comments`` and ``reactions`` (R20-R22):
followers react to and comment on public posts of the people they follow (a couple of reactions and
a few comments per post), and one post by the best-connected person with a public post is a hit:
``hub_reactions`` people react to it (50,000 by default, at most everyone), ``hub_comments``
comments (10,000) are written on it, 30% of them replies, and some of those get reactions too.
They are drawn from a stream of their own (seeded by ``[seed, 18]``) after everything else, so the
other files stay byte-identical with or without them.

Everything is drawn from one ``numpy`` generator seeded by ``--seed``, so the same seed and size
give byte-identical files. Timestamps run back from a fixed instant (``END``) for the same reason.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, cast

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
#: Pairs of people as two arrays: (sources, targets), or canonical (lo, hi) for connections.
Pairs = tuple[Ints, Ints]
#: People grouped by a label (company, industry): members sorted by label, each label's start and size.
Groups = tuple[Ints, Ints, Ints]

#: Generated timestamps fall in the year before this instant (fixed, so files are reproducible).
END = datetime(2025, 6, 1, tzinfo=UTC)
YEAR_SECONDS = 365 * 24 * 3600

# Per person, on average. 100k people -> ~2.5M follows, ~0.5M connections.
CONNECTIONS_PER_PERSON = 5.0  # edges, so the mean connection count is 10
EXTRA_FOLLOWS_PER_PERSON = 17.0  # on top of the two follows every connection brings
REQUESTS_PER_PERSON = 0.3
POSTS_PER_PERSON = 1.0
SHARES_PER_PERSON = 0.6
PEOPLE_PER_COMPANY = 40
# Where a new connection comes from: same company, same industry, anywhere.
CONNECTION_MIX = (0.6, 0.3, 0.1)
# Dense networks (connections_per_person): connection counts spread lognormally around the median
# asked for (sigma 0.75: p99 is ~5.7x the median, the mean ~1.3x), plus one super-connector per
# 15,000 people (at least one) with 2,000-5,000 connections, drawn log-uniformly.
DENSE_SPREAD = 0.75
SUPER_CONNECTOR_EVERY = 15_000
SUPER_CONNECTIONS = (2_000, 5_000)
# A person's colleagues (industry peers) can fill at most this share of the person's own group:
# a 40-person company cannot supply 72 colleagues, so the rest of the connections go wider.
GROUP_FILL = 0.5
# Rounds of drawing: each draws edges for what people still lack after duplicates were dropped.
DENSE_ROUNDS = 4
# Where an extra follow goes: a popular person anywhere, a popular person in the industry, a colleague.
FOLLOW_MIX = (0.6, 0.25, 0.15)

FIRST_NAMES = (
    "Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Linus", "Radia", "Ken",
    "Frances", "Dennis", "Katherine", "John", "Hedy", "Tim", "Sophie", "Guido", "Anita", "Bjarne",
    "Shafi", "Leslie", "Adele", "Niklaus", "Lynn", "Brian", "Joan", "Vint", "Mary", "Yukihiro", "Karen",
    "Tony", "Jean", "Whitfield", "Annie", "Robin", "Ida", "Fernando", "Evelyn", "Carl", "Rosalind",
    "James", "Susan", "Alonzo", "Amara", "Kofi", "Priya", "Ravi", "Mei", "Jun", "Olga", "Ivan", "Lucia",
    "Mateo", "Aisha", "Omar", "Ingrid", "Lars", "Chloe", "Hugo", "Zara", "Kenji",
)
LAST_NAMES = (
    "Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Torvalds", "Perlman",
    "Thompson", "Allen", "Ritchie", "Johnson", "McCarthy", "Lamarr", "Berners-Lee", "Wilson", "Rossum",
    "Borg", "Stroustrup", "Goldwasser", "Lamport", "Goldberg", "Wirth", "Conway", "Kernighan", "Clarke",
    "Cerf", "Jackson", "Matsumoto", "Jones", "Hoare", "Sammet", "Diffie", "Easley", "Milner", "Rhodes",
    "Corbato", "Boyce", "Kay", "Franklin", "Gosling", "Kare", "Church", "Okafor", "Mensah", "Sharma",
    "Patel", "Chen", "Tanaka", "Petrova", "Ivanov", "Garcia", "Rossi", "Haddad", "Nilsson", "Berg",
    "Martin", "Dubois", "Khan", "Sato",
)
TITLES = (
    "Software Engineer", "Data Scientist", "Product Manager", "Designer", "Engineering Manager",
    "Recruiter", "Sales Lead", "Analyst", "Researcher", "Founder", "CTO", "Consultant", "Architect",
    "Marketing Lead", "Operations Manager", "Developer Advocate", "Security Engineer", "Accountant",
)
INDUSTRIES = (
    "Software", "Finance", "Healthcare", "Retail", "Energy", "Education", "Media", "Logistics",
    "Telecom", "Biotech", "Manufacturing", "Consulting", "Gaming", "Government", "Automotive",
    "Insurance", "Real Estate", "Hospitality", "Agriculture", "Aerospace",
)
COMPANY_WORDS = (
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Cyberdyne",
    "Tyrell", "Soylent", "Aperture", "Wonka", "Gringotts", "Monarch", "Oscorp", "Massive", "Dynamic",
    "Pied", "Piper", "Nakatomi", "Axiom", "Blue", "Sun", "Ollivander", "Duff", "Krusty", "Zorg",
    "Virtucon", "Gekko", "Sirius", "Nimbus", "Quantum", "Vertex", "Nova", "Orbit", "Helix", "Prism",
    "Lumen", "Atlas",
)
COMPANY_SUFFIXES = ("Labs", "Systems", "Group", "Partners", "Works", "Health", "Capital", "Energy",
                    "Media", "Logistics", "Networks", "Bio", "Motors", "Foods", "Analytics")
TOPICS = (
    "graph databases", "hiring", "remote work", "our new product", "a conference talk", "leadership",
    "career growth", "open source", "machine learning", "customer success", "the quarter's results",
    "mentoring", "a side project", "security", "sustainability", "team culture", "pricing",
)
POST_TEMPLATES = (
    "Some thoughts on {topic} after this week.",
    "We are hiring! Ask me about {topic}.",
    "Three lessons I learned about {topic}.",
    "Proud of the team: big milestone in {topic}.",
    "Unpopular opinion about {topic}: it is simpler than it looks.",
    "Reading list on {topic}, comments welcome.",
)

FILES = ("people", "follows", "connections", "requests", "posts", "shares")
#: Written with ``interactions``: what people did with the posts (R20-R22).
INTERACTION_FILES = ("comments", "reactions")

#: Reactions and comments per public post, on average, beyond the hub post's.
REACTIONS_PER_POST = 2.0
COMMENTS_PER_POST = 0.3
#: The hub post: how many people react to it, how many comments it gets (a share of them replies),
#: and how many reactions those comments get together.
HUB_REACTIONS = 50_000
HUB_COMMENTS = 10_000
HUB_REPLY_SHARE = 0.3
HUB_COMMENT_REACTIONS = 10_000
#: How often each kind is chosen (R20's order: LIKE, CELEBRATE, SUPPORT, LOVE, INSIGHTFUL, FUNNY).
REACTION_KINDS = ("LIKE", "CELEBRATE", "SUPPORT", "LOVE", "INSIGHTFUL", "FUNNY")
REACTION_MIX = (0.6, 0.12, 0.08, 0.1, 0.07, 0.03)
#: Reactions and comments come within a week after what they answer.
WEEK_SECONDS = 7 * 24 * 3600
COMMENT_TEMPLATES = (
    "Great point about {topic}.",
    "Thanks for sharing this on {topic}!",
    "I see {topic} differently, but well argued.",
    "Congratulations, well deserved.",
    "We ran into the same thing with {topic}.",
    "Saving this one.",
)


@dataclass(frozen=True)
class Generated:
    """What was written: file paths by kind and row counts by kind."""

    files: dict[str, Path]
    rows: dict[str, int]


def person_ids(n: int) -> list[str]:
    """``p000000`` ... : zero-padded so that string order is numeric order (canonical direction)."""
    width = max(6, len(str(n - 1)))
    return [f"p{i:0{width}d}" for i in range(n)]


def _pairs_unique(src: Ints, dst: Ints, n: int, self_loops: bool = False) -> Pairs:
    """Drops repeated ordered pairs (``dst < n``) and self-loops; the result is sorted by (src, dst)."""
    keep = np.ones(len(src), dtype=bool) if self_loops else src != dst
    keys = _unique(src[keep] * n + dst[keep])
    return keys // n, keys % n


def _unique(keys: Ints) -> Ints:
    """Sorted distinct keys (sorting beats ``np.unique``'s hashing at these sizes)."""
    keys = np.sort(keys)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


def _groups(labels: Ints, count: int = 0) -> Groups:
    """Members sorted by label, with each label's start offset and size, for picking group-mates."""
    order = np.argsort(labels, kind="stable")
    sizes = np.bincount(labels, minlength=count)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    return order, starts, sizes


def _mates(rng: np.random.Generator, of: Ints, labels: Ints, groups: Groups) -> Ints:
    """For each person in ``of``, a uniformly random member of the same group (maybe itself)."""
    order, starts, sizes = groups
    label = labels[of]
    return order[starts[label] + (rng.random(len(of)) * sizes[label]).astype(np.int64)]


def _weighted_mates(rng: np.random.Generator, of: Ints, labels: Ints, weights: Floats,
                    groups: Groups) -> Ints:
    """For each person in ``of``, a member of the same group drawn in proportion to ``weights``."""
    order, starts, sizes = groups
    cumulative = np.cumsum(weights[order])
    label = labels[of]
    before = np.where(starts[label] > 0, cumulative[starts[label] - 1], 0.0)
    total = cumulative[starts[label] + sizes[label] - 1] - before
    picks: Ints = np.searchsorted(cumulative, before + rng.random(len(of)) * total, side="right")
    chosen: Ints = order[np.minimum(picks, starts[label] + sizes[label] - 1)]
    return chosen


def _mix(rng: np.random.Generator, count: int, shares: Sequence[float]) -> list[int]:
    """Splits ``count`` draws between sources in the given proportions."""
    return [int(x) for x in rng.multinomial(count, shares)]


def _timestamps(rng: np.random.Generator, count: int, within: int = YEAR_SECONDS) -> Ints:
    """Seconds before END, uniformly within ``within`` seconds."""
    return rng.integers(0, within, size=count, dtype=np.int64)


def _iso(seconds_before_end: Ints) -> list[str]:
    """ISO 8601 UTC instants, ``seconds_before_end`` before END."""
    instants = np.datetime64(END.replace(tzinfo=None), "s") - seconds_before_end.astype("timedelta64[s]")
    return [f"{text}Z" for text in np.datetime_as_string(instants, unit="s").tolist()]


def _company_name(i: int) -> str:
    """Distinct names: word + suffix, then prefixed by a second word once those run out."""
    words, suffixes = len(COMPANY_WORDS), len(COMPANY_SUFFIXES)
    name = f"{COMPANY_WORDS[i % words]} {COMPANY_SUFFIXES[(i // words) % suffixes]}"
    prefix, number = divmod(i // (words * suffixes), words + 1)
    if number:
        name = f"{COMPANY_WORDS[number - 1]} {name}"
    return f"{name} {prefix + 1}" if prefix else name


def generate(out: Path, people: int = 100_000, seed: int = 42, gzipped: bool = False,
             connections_per_person: float | None = None, interactions: bool = False,
             interactions_only: bool = False, hub_reactions: int = HUB_REACTIONS,
             hub_comments: int = HUB_COMMENTS) -> Generated:
    """Writes people, follows, connections, requests, posts and shares files into ``out``.

    ``connections_per_person``: the median connection count of a dense network (see the module's
    docstring); None (the default) gives the sparse network, byte for byte as it always was. Each
    part is drawn in turn from one generator, so the order of the calls below is part of the output.
    ``interactions``: comments and reactions files too (the module's docstring); with
    ``interactions_only`` those alone are written (to add them to a network imported before).
    """
    if people < 10:
        raise ValueError("a network needs at least 10 people")
    if connections_per_person is not None and not 1 <= connections_per_person <= (people - 1) / 2:
        raise ValueError("connections per person must be at least 1 and at most half the network")
    rng = np.random.default_rng(seed)
    world = _world(rng, people)
    popularity = _popularity(rng, people)
    if connections_per_person is None:
        connections = _sparse_connections(rng, world)
        extra_follows = int(people * EXTRA_FOLLOWS_PER_PERSON)
    else:
        connections = _dense_connections(rng, connections_per_person, world)
        # As many extra follows per connection as the default network has.
        extra_follows = int(len(connections[0]) * EXTRA_FOLLOWS_PER_PERSON / CONNECTIONS_PER_PERSON)
    follows = _follows(rng, world, popularity, connections, extra_follows)
    requests = _requests(rng, world, connections)
    posts = _posts(rng, popularity)
    shares = _shares(rng, people, posts, follows)
    profiles = _profiles(rng, world)
    written = (Generated({}, {}) if interactions_only else
               _write_files(out, gzipped, profiles, connections, follows, requests, posts, shares))
    if interactions or interactions_only:
        drawn = _interactions(np.random.default_rng([seed, 18]), people, posts, connections, follows,
                              hub_reactions, hub_comments)
        more = _write_interactions(out, gzipped, people, posts, drawn)
        written = Generated({**written.files, **more.files}, {**written.rows, **more.rows})
    return written


@dataclass(frozen=True)
class World:
    """Where everyone works: each person's company and its industry, grouped for picking mates."""

    company: Ints
    industry: Ints
    by_company: Groups
    by_industry: Groups
    companies: int

    @property
    def size(self) -> int:
        return len(self.company)


def _world(rng: np.random.Generator, n: int) -> World:
    """Companies (power-law sizes) in industries; every person works at one."""
    companies = max(1, n // PEOPLE_PER_COMPANY)
    company_size = rng.pareto(1.3, companies) + 1.0
    company = rng.choice(companies, size=n, p=company_size / company_size.sum())
    company_industry = rng.integers(0, len(INDUSTRIES), size=companies)
    industry = company_industry[company]
    return World(company, industry, _groups(company), _groups(industry), companies)


def _popularity(rng: np.random.Generator, n: int) -> Floats:
    """Heavy-tailed, so follower counts follow a power law; the top few are hubs. Sums to 1."""
    popularity = rng.pareto(1.1, n) + 1.0
    popularity[rng.choice(n, size=max(1, n // 20_000), replace=False)] *= 400.0
    popularity /= popularity.sum()
    return popularity


def _sparse_connections(rng: np.random.Generator, world: World) -> Pairs:
    """The default network's connections, as canonical pairs (lo < hi) sorted by (lo, hi):
    clustered by company, then industry, then anywhere."""
    n = world.size
    wanted = int(n * CONNECTIONS_PER_PERSON * 1.07)
    sociability = rng.lognormal(0.0, 0.8, n)
    starters = rng.choice(n, size=wanted, p=sociability / sociability.sum())
    same_company, same_industry, anywhere = _mix(rng, wanted, CONNECTION_MIX)
    a = starters
    b = np.concatenate((
        _mates(rng, a[:same_company], world.company, world.by_company),
        _mates(rng, a[same_company:same_company + same_industry], world.industry, world.by_industry),
        rng.integers(0, n, size=anywhere),
    ))
    return _pairs_unique(np.minimum(a, b), np.maximum(a, b), n)


def dense_targets(rng: np.random.Generator, n: int, median: float) -> Floats:
    """How many connections each person should end up with: lognormal around ``median``, plus a
    few super-connectors; nobody above half the network."""
    target = median * rng.lognormal(0.0, DENSE_SPREAD, n)
    supers = rng.choice(n, size=max(1, n // SUPER_CONNECTOR_EVERY), replace=False)
    low, high = np.log(SUPER_CONNECTIONS)
    target[supers] = np.exp(rng.uniform(low, high, len(supers)))
    cap: Floats = np.minimum(target, (n - 1) / 2)
    return cap


def _dense_connections(rng: np.random.Generator, median: float, world: World) -> Pairs:
    """Connections whose counts follow ``dense_targets``, as canonical pairs sorted by (lo, hi).

    A Chung-Lu draw: both ends of an edge are picked in proportion to what they still lack, so
    everyone's expected count is their target. An edge's second end is a colleague, an industry
    peer or anyone (``CONNECTION_MIX``), but no group is asked for more than ``GROUP_FILL`` of its
    members per person, so hubs and people at small companies connect widely. Drawn pairs can
    repeat; each round draws again for the connections people still lack, all vectorized.
    """
    n, company, industry = world.size, world.company, world.industry
    target = dense_targets(rng, n, median)
    company_room = GROUP_FILL * (np.bincount(company, minlength=n)[company] - 1)
    industry_room = GROUP_FILL * (np.bincount(industry, minlength=n)[industry] - 1)
    keys = np.empty(0, dtype=np.int64)
    degree = np.zeros(n, dtype=np.int64)
    for _ in range(DENSE_ROUNDS):
        lacking = np.maximum(target - degree, 0.0)
        draws = int(lacking.sum() / 2)
        if draws < max(1, n // 1000):
            break
        a: Ints = rng.choice(n, size=draws, p=lacking / lacking.sum())
        wants = np.maximum(target[a], 1.0)
        p_company = np.minimum(CONNECTION_MIX[0], company_room[a] / wants)
        p_industry = np.minimum(1.0 - CONNECTION_MIX[2] - p_company, industry_room[a] / wants)
        u = rng.random(draws)
        colleague, peer = u < p_company, (u >= p_company) & (u < p_company + p_industry)
        anyone = ~(colleague | peer)
        b = np.empty(draws, dtype=np.int64)
        b[colleague] = _weighted_mates(rng, a[colleague], company, lacking, world.by_company)
        b[peer] = _weighted_mates(rng, a[peer], industry, lacking, world.by_industry)
        b[anyone] = rng.choice(n, size=int(anyone.sum()), p=lacking / lacking.sum())
        keep = a != b
        lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
        keys = _unique(np.concatenate((keys, lo * n + hi)))
        degree = np.bincount(keys // n, minlength=n) + np.bincount(keys % n, minlength=n)
    return keys // n, keys % n


def _follows(rng: np.random.Generator, world: World, popularity: Floats, connections: Pairs,
             extra: int) -> Pairs:
    """Both ways along every connection, plus ``extra`` follows of popular people, sorted by (src, dst)."""
    n = world.size
    lo, hi = connections
    activity = rng.lognormal(0.0, 1.0, n)
    followers = rng.choice(n, size=extra, p=activity / activity.sum())
    anywhere, in_industry, _ = _mix(rng, extra, FOLLOW_MIX)
    followed = np.concatenate((
        rng.choice(n, size=anywhere, p=popularity),
        _weighted_mates(rng, followers[anywhere:anywhere + in_industry], world.industry, popularity,
                        world.by_industry),
        _mates(rng, followers[anywhere + in_industry:], world.company, world.by_company),
    ))
    return _pairs_unique(np.concatenate((lo, hi, followers)), np.concatenate((hi, lo, followed)), n)


@dataclass(frozen=True)
class Requests:
    sender: Ints
    target: Ints
    age: Ints  # seconds before END

    def rows(self, ids: list[str]) -> Iterator[tuple[str, ...]]:
        """source, target, message (every third request says something), at."""
        for k, (s, t, at) in enumerate(zip(self.sender.tolist(), self.target.tolist(), _iso(self.age),
                                           strict=True)):
            yield ids[s], ids[t], "Let's connect!" if k % 3 == 0 else "", at


def _requests(rng: np.random.Generator, world: World, connections: Pairs) -> Requests:
    """Pending requests to colleagues or industry peers not connected yet, one per unordered pair."""
    n = world.size
    lo, hi = connections
    wanted = int(n * REQUESTS_PER_PERSON)
    senders = rng.integers(0, n, size=wanted)
    half = wanted // 2
    targets = np.concatenate((_mates(rng, senders[:half], world.company, world.by_company),
                              _mates(rng, senders[half:], world.industry, world.by_industry)))
    keep = (senders != targets) & ~np.isin(np.minimum(senders, targets) * n + np.maximum(senders, targets),
                                           lo * n + hi)  # the sorted keys of the connected pairs
    senders, targets = senders[keep], targets[keep]
    _, first = np.unique(np.minimum(senders, targets) * n + np.maximum(senders, targets), return_index=True,
                         sorted=False)
    first.sort()
    return Requests(senders[first], targets[first], _timestamps(rng, len(first), 60 * 24 * 3600))


@dataclass(frozen=True)
class Posts:
    author: Ints
    public: npt.NDArray[np.bool_]
    age: Ints  # seconds before END
    topic: Ints
    template: Ints

    def __len__(self) -> int:
        return len(self.author)

    def rows(self, ids: list[str], post_ids: list[str]) -> Iterator[tuple[str, ...]]:
        """id, author, text, visibility, createdAt."""
        for p, created in enumerate(_iso(self.age)):
            text = POST_TEMPLATES[self.template[p]].format(topic=TOPICS[self.topic[p]])
            visibility = "PUBLIC" if self.public[p] else "CONNECTIONS"
            yield post_ids[p], ids[self.author[p]], text, visibility, created


def _posts(rng: np.random.Generator, popularity: Floats) -> Posts:
    """Popular people post more; most posts are public."""
    n = len(popularity)
    posts = int(n * POSTS_PER_PERSON)
    post_weight = np.sqrt(popularity) + 1.0 / n
    author = rng.choice(n, size=posts, p=post_weight / post_weight.sum())
    public = rng.random(posts) < 0.85
    age = _timestamps(rng, posts)
    topic = rng.integers(0, len(TOPICS), size=posts)
    template = rng.integers(0, len(POST_TEMPLATES), size=posts)
    return Posts(author, public, age, topic, template)


@dataclass(frozen=True)
class Shares:
    person: Ints
    post: Ints
    age: Ints  # seconds before END

    def rows(self, ids: list[str], post_ids: list[str]) -> Iterator[tuple[str, ...]]:
        """person, post, at."""
        for s, p, at in zip(self.person.tolist(), self.post.tolist(), _iso(self.age), strict=True):
            yield ids[s], post_ids[p], at


def _shares(rng: np.random.Generator, n: int, posts: Posts, follows: Pairs) -> Shares:
    """A random follow edge picks a sharer and an author; the sharer shares one of the author's
    public posts (so popular authors' posts travel furthest), a little after it appeared."""
    f_src, f_dst = follows
    shares = int(n * SHARES_PER_PERSON)
    edge = rng.integers(0, len(f_src), size=shares)
    sharer, shared_author = f_src[edge], f_dst[edge]
    public_posts = np.flatnonzero(posts.public)
    order, starts, counts = _groups(posts.author[public_posts], n)
    has_posts = counts[shared_author] > 0
    sharer, shared_author = sharer[has_posts], shared_author[has_posts]
    pick = order[starts[shared_author] + (rng.random(len(sharer)) * counts[shared_author]).astype(np.int64)]
    s_src, s_post = _pairs_unique(sharer, public_posts[pick], len(posts), self_loops=True)
    s_at = np.maximum(posts.age[s_post] - rng.integers(60, 7 * 24 * 3600, size=len(s_post)), 0)
    return Shares(s_src, s_post, s_at)


@dataclass(frozen=True)
class Profiles:
    world: World
    first_name: Ints
    last_name: Ints
    title: Ints

    def rows(self, ids: list[str]) -> Iterator[tuple[str, ...]]:
        """id, name, headline (title at company (industry))."""
        company_names = [_company_name(i) for i in range(self.world.companies)]
        company, industry = self.world.company, self.world.industry
        for i, pid in enumerate(ids):
            yield (pid, f"{FIRST_NAMES[self.first_name[i]]} {LAST_NAMES[self.last_name[i]]}",
                   f"{TITLES[self.title[i]]} at {company_names[company[i]]} ({INDUSTRIES[industry[i]]})")


def _profiles(rng: np.random.Generator, world: World) -> Profiles:
    n = world.size
    first_names = rng.integers(0, len(FIRST_NAMES), size=n)
    last_names = rng.integers(0, len(LAST_NAMES), size=n)
    return Profiles(world, first_names, last_names, rng.integers(0, len(TITLES), size=n))


def _write_files(out: Path, gzipped: bool, profiles: Profiles, connections: Pairs,
                 follows: Pairs, requests: Requests, posts: Posts, shares: Shares) -> Generated:
    out.mkdir(parents=True, exist_ok=True)
    suffix = ".csv.gz" if gzipped else ".csv"
    files = {kind: out / f"{kind}{suffix}" for kind in FILES}
    ids = person_ids(profiles.world.size)
    width = len(str(len(posts) - 1))
    post_ids = [f"post{i:0{max(6, width)}d}" for i in range(len(posts))]
    rows = {
        "people": _write(files["people"], ("id", "name", "headline"), profiles.rows(ids)),
        "follows": _write_pairs(files["follows"], ("source", "target"), ids, *follows),
        "connections": _write_pairs(files["connections"], ("source", "target"), ids, *connections),
        "requests": _write(files["requests"], ("source", "target", "message", "at"), requests.rows(ids)),
        "posts": _write(files["posts"], ("id", "author", "text", "visibility", "createdAt"),
                        posts.rows(ids, post_ids)),
        "shares": _write(files["shares"], ("person", "post", "at"), shares.rows(ids, post_ids)),
    }
    return Generated(files, rows)


@dataclass(frozen=True)
class Interactions:
    """Comments (``comment_*``, ordered so that every thread comes before its replies) and reactions
    (``reaction_*``: to the post, or to comment ``reaction_comment`` of it when that is >= 0)."""

    comment_author: Ints
    comment_post: Ints
    comment_parent: Ints  # -1: a top-level comment
    comment_age: Ints  # seconds before END
    comment_template: Ints
    reaction_person: Ints
    reaction_post: Ints
    reaction_comment: Ints  # -1: a reaction to the post itself
    reaction_kind: Ints
    reaction_age: Ints
    hub_post: int


def _after(rng: np.random.Generator, ages: Ints, within: int = WEEK_SECONDS) -> Ints:
    """Ages (seconds before END) a little after each of ``ages``, never after END."""
    later: Ints = np.maximum(ages - rng.integers(1, within, size=len(ages)), 0)
    return later


def _interactions(rng: np.random.Generator, n: int, posts: Posts, connections: Pairs, follows: Pairs,
                  hub_reactions: int, hub_comments: int) -> Interactions:
    """Followers' reactions and comments on the public posts of those they follow, and the hub post:
    the newest public post of the best-connected person who has one."""
    lo, hi = connections
    degree = np.bincount(lo, minlength=n) + np.bincount(hi, minlength=n)
    public = np.flatnonzero(posts.public)
    best = public[np.lexsort((posts.age[public], -degree[posts.author[public]]))[0]]
    hub = int(best)

    # The hub post: everyone it asks for reacts once; comments, then replies to them.
    reactors = rng.choice(n, size=min(hub_reactions, n), replace=False)
    kinds = rng.choice(len(REACTION_KINDS), size=len(reactors), p=REACTION_MIX)
    ages = _after(rng, np.full(len(reactors), posts.age[hub]))
    authors = rng.integers(0, n, size=hub_comments)
    reply = rng.random(hub_comments) < HUB_REPLY_SHARE
    reply[0] = False
    tops = np.flatnonzero(~reply)
    parents = np.full(hub_comments, -1, dtype=np.int64)
    parents[reply] = tops[rng.integers(0, len(tops), size=int(reply.sum()))]
    comment_age = _after(rng, np.full(hub_comments, posts.age[hub]))
    comment_age[reply] = _after(rng, comment_age[parents[reply]], 24 * 3600)
    # Everyone else's posts: a follower of the author reacts or comments (as shares are drawn).
    f_src, f_dst = follows
    order, starts, counts = _groups(posts.author[public], n)

    def on_followed_posts(count: int) -> tuple[Ints, Ints]:
        edge = rng.integers(0, len(f_src), size=count)
        person, author = f_src[edge], f_dst[edge]
        has = counts[author] > 0
        person, author = person[has], author[has]
        pick = order[starts[author] + (rng.random(len(person)) * counts[author]).astype(np.int64)]
        return person, public[pick]

    b_person, b_post = _pairs_unique(*on_followed_posts(int(len(public) * REACTIONS_PER_POST)), len(posts),
                                     self_loops=True)
    keep = b_post != hub
    b_person, b_post = b_person[keep], b_post[keep]
    c_person, c_post = on_followed_posts(int(len(public) * COMMENTS_PER_POST))
    keep = c_post != hub
    c_person, c_post = c_person[keep], c_post[keep]
    # Comments in one list, the hub's first: comment k is k's position.
    comment_author = np.concatenate((authors, c_person))
    comment_post = np.concatenate((np.full(hub_comments, hub), c_post))
    comment_parent = np.concatenate((parents, np.full(len(c_post), -1)))
    comment_age = np.concatenate((comment_age, _after(rng, posts.age[c_post])))
    # Reactions to the hub's comments: random people and comments, once per pair.
    picks = rng.integers(0, hub_comments, size=min(HUB_COMMENT_REACTIONS, hub_comments * n))
    h_person, h_comment = _pairs_unique(rng.integers(0, n, size=len(picks)), picks, hub_comments,
                                        self_loops=True)
    h_age = _after(rng, comment_age[h_comment])
    reaction_person = np.concatenate((reactors, b_person, h_person))
    reaction_post = np.concatenate((np.full(len(reactors), hub), b_post, np.full(len(h_person), hub)))
    reaction_comment = np.concatenate((np.full(len(reactors) + len(b_person), -1), h_comment))
    reaction_kind = np.concatenate((kinds, rng.choice(len(REACTION_KINDS), size=len(b_person) + len(h_person),
                                                      p=REACTION_MIX)))
    reaction_age = np.concatenate((ages, _after(rng, posts.age[b_post]), h_age))
    template = rng.integers(0, len(COMMENT_TEMPLATES), size=len(comment_author))
    return Interactions(comment_author, comment_post, comment_parent, comment_age, template, reaction_person,
                        reaction_post, reaction_comment, reaction_kind, reaction_age, hub)


def _write_interactions(out: Path, gzipped: bool, people: int, posts: Posts,
                        drawn: Interactions) -> Generated:
    out.mkdir(parents=True, exist_ok=True)
    suffix = ".csv.gz" if gzipped else ".csv"
    files = {kind: out / f"{kind}{suffix}" for kind in INTERACTION_FILES}
    ids = person_ids(people)
    width = len(str(len(posts) - 1))
    post_ids = [f"post{i:0{max(6, width)}d}" for i in range(len(posts))]
    comment_ids = [f"cmt{i:07d}" for i in range(len(drawn.comment_author))]
    # oldest first (ages count back from END), so every thread comes before its replies
    by_time = np.argsort(-drawn.comment_age, kind="stable")
    comment_times = _iso(drawn.comment_age)
    reaction_times = _iso(drawn.reaction_age)

    def comment_rows() -> Iterator[tuple[str, ...]]:
        for k in by_time.tolist():
            parent = int(drawn.comment_parent[k])
            topic = TOPICS[int(posts.topic[drawn.comment_post[k]])]
            yield (comment_ids[k], ids[drawn.comment_author[k]], post_ids[drawn.comment_post[k]],
                   comment_ids[parent] if parent >= 0 else "",
                   COMMENT_TEMPLATES[drawn.comment_template[k]].format(topic=topic), comment_times[k])

    def reaction_rows() -> Iterator[tuple[str, ...]]:
        for k in range(len(drawn.reaction_person)):
            comment = int(drawn.reaction_comment[k])
            yield (ids[drawn.reaction_person[k]], post_ids[drawn.reaction_post[k]],
                   comment_ids[comment] if comment >= 0 else "", REACTION_KINDS[drawn.reaction_kind[k]],
                   reaction_times[k])

    rows = {
        "comments": _write(files["comments"], ("id", "author", "post", "parent", "text", "createdAt"),
                           comment_rows()),
        "reactions": _write(files["reactions"], ("person", "post", "comment", "kind", "at"), reaction_rows()),
    }
    return Generated(files, rows)


def _open(path: Path) -> BinaryIO:
    if path.name.endswith(".gz"):
        # mtime=0 keeps gzipped output byte-identical across runs.
        return cast(BinaryIO, gzip.GzipFile(path, "wb", compresslevel=5, mtime=0))
    return path.open("wb")


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    with _open(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_pairs(path: Path, header: Sequence[str], ids: list[str], src: Ints, dst: Ints) -> int:
    """Two-column files are most of the bytes: laid out as one byte matrix, one row per line.

    Every id has the same width (``person_ids``), so a line is ``src,dst\n`` at fixed offsets.
    """
    width = len(ids[0])
    id_bytes = np.frombuffer("".join(ids).encode("ascii"), dtype=np.uint8).reshape(len(ids), width)
    with _open(path) as f:
        f.write((",".join(header) + "\n").encode())
        chunk = 500_000
        for start in range(0, len(src), chunk):
            s, d = src[start:start + chunk], dst[start:start + chunk]
            lines = np.empty((len(s), 2 * width + 2), dtype=np.uint8)
            lines[:, :width] = id_bytes[s]
            lines[:, width] = ord(",")
            lines[:, width + 1:-1] = id_bytes[d]
            lines[:, -1] = ord("\n")
            f.write(lines.tobytes())
    return len(src)
