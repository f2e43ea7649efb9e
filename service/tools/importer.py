"""``ties import``: loads people, follows, connections (and requests, posts, shares) from files.

Two phases, so that a bad file never leaves half an import behind:

1. **Read** every file completely (``service.tools.import_files``) and check every row before writing
   anything: a missing file, a wrong header or a malformed row stops the import with the line to
   fix. Ids are interned to integers; self-loops and repeated rows are dropped and counted here.
   Connections are undirected, so each pair is kept once, from the smaller id to the larger.
2. **Write** in batches, each one ``UNWIND $rows`` query in its own transaction, people first (the
   people files, then everyone named only in edges, with name = id), so that every edge query
   finds both ends by an index seek and never creates nodes. Every batch is idempotent (``MERGE``),
   so an interrupted import is completed by running it again; the counters of each transaction tell
   what was new, and the rest was already in the graph.

Batches run in parallel without deadlocks: creating a relationship locks both of its ends, so
people are split into ``2 * workers`` buckets and the edges into groups by the buckets of their
two ends. Groups are scheduled in rounds (a round-robin tournament over the buckets) in which no
two groups share a bucket, so transactions that run at the same time never lock the same person
(or post) -- even a hub with tens of thousands of followers is written by one transaction at a time.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from tqdm import tqdm

from service import cypher, events
from service.comments import MAX_TEXT as MAX_COMMENT_TEXT
from service.connections import MAX_MESSAGE
from service.cypher import CypherQuery
from service.graph import Graph
from service.people import MAX_HEADLINE, MAX_ID, MAX_NAME
from service.posts import MAX_TEXT as MAX_POST_TEXT
from service.posts import VISIBILITIES
from service.reactions import KINDS as REACTION_KINDS
from service.tools import import_files
from service.tools.import_files import ImportFileError

Ints = npt.NDArray[np.int64]
S = TypeVar("S", Sequence[Any], npt.NDArray[Any])

IMPORT_PEOPLE = cypher.query("import_people")
IMPORT_PEOPLE_FROM_EDGES = cypher.query("import_people_from_edges")

DEFAULT_BATCH_SIZE = 10_000
DEFAULT_WORKERS = 2
#: How long the driver keeps retrying a batch that failed on a transient error (a deadlock).
RETRY_SECONDS = 120.0


@dataclass(frozen=True)
class Files:
    """The files to import, by kind; any may be None."""

    people: Path | None = None
    follows: Path | None = None
    connections: Path | None = None
    requests: Path | None = None
    posts: Path | None = None
    shares: Path | None = None
    comments: Path | None = None
    reactions: Path | None = None

    def given(self) -> list[tuple[str, Path]]:
        return [(kind, path) for kind, path in vars(self).items() if path is not None]


@dataclass
class Tally:
    """What happened to the rows of one file."""

    rows: int = 0
    duplicates: int = 0  # repeated within the file (for connections: either way round)
    self_loops: int = 0
    created: int = 0
    existing: int = 0  # already in the graph
    skipped: int = 0  # refused by a rule: requests between connected people, shares of non-public posts


@dataclass
class Summary:
    tallies: dict[str, Tally] = field(default_factory=dict)
    people_from_edges: Tally = field(default_factory=Tally)
    read_seconds: float = 0.0
    write_seconds: float = 0.0
    relationship_seconds: float = 0.0

    @property
    def relationships_written(self) -> int:
        """Relationship rows sent to the graph (created or found there already)."""
        return sum(t.created + t.existing + t.skipped for kind, t in self.tallies.items() if kind != "people")

    def lines(self) -> list[str]:
        columns = ("rows", "created", "already there", "duplicates", "self-loops", "skipped")
        out = [f"{'':<18}" + "".join(f"{c:>14}" for c in columns)]
        rows = [(kind, t) for kind, t in self.tallies.items()]
        rows.insert(1 if "people" in self.tallies else 0, ("people from edges", self.people_from_edges))
        for kind, t in rows:
            values = (t.rows, t.created, t.existing, t.duplicates, t.self_loops, t.skipped)
            out.append(f"{kind:<18}" + "".join(f"{v:>14,}" for v in values))
        rate = self.relationships_written / self.relationship_seconds if self.relationship_seconds else 0.0
        out.append(f"read and checked in {self.read_seconds:.1f} s; written in {self.write_seconds:.1f} s; "
                   f"relationships: {self.relationships_written:,} in {self.relationship_seconds:.1f} s "
                   f"({rate:,.0f} relationships/s)")
        return out


# -- reading ---------------------------------------------------------------------------------------


class Names:
    """Interns ids (people, or posts) to 0..n-1 in order of first appearance."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.names: list[str] = []

    def of(self, name: str) -> int:
        i = self.index.get(name)
        if i is None:
            i = self.index[name] = len(self.names)
            self.names.append(name)
        return i

    def __len__(self) -> int:
        return len(self.names)


@dataclass
class Edges:
    """One edge file, read: ends as interned ids (dropped rows already counted), plus extra values."""

    kind: str
    path: Path
    src: Ints
    dst: Ints
    extras: list[tuple[Any, ...]] | None  # per kept row, when the kind has more than its two ends
    tally: Tally


def _id(path: Path, line: int, column: str, value: str) -> str:
    if not value:
        raise ImportFileError(f"{path}: line {line}: '{column}' is empty.")
    if len(value) > MAX_ID:
        raise ImportFileError(f"{path}: line {line}: '{column}' is longer than {MAX_ID} characters.")
    return value


def _text(path: Path, line: int, column: str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise ImportFileError(f"{path}: line {line}: '{column}' is longer than {limit} characters.")
    return value


def _instant(path: Path, line: int, column: str, value: str) -> datetime | None:
    """An ISO 8601 instant (UTC when it names no offset); None when empty (the query uses $now)."""
    if not value:
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise ImportFileError(f"{path}: line {line}: '{column}' is not an ISO 8601 date-time: {value!r}.") \
            from None
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


#: Checks a row's values beyond its two ends (path, line, those values) and converts them to what
#: the kind's query takes, in the order of its fields.
Extras = Callable[[Path, int, Sequence[str]], tuple[Any, ...]]


def _request_extras(path: Path, line: int, values: Sequence[str]) -> tuple[Any, ...]:
    message, at = values
    return _text(path, line, "message", message, MAX_MESSAGE) or None, _instant(path, line, "at", at)


def _post_extras(path: Path, line: int, values: Sequence[str]) -> tuple[Any, ...]:
    text, visibility, created_at = values
    text = _text(path, line, "text", text, MAX_POST_TEXT)
    if visibility.upper() not in VISIBILITIES:
        raise ImportFileError(f"{path}: line {line}: 'visibility' must be PUBLIC or CONNECTIONS, "
                              f"not {visibility!r}.")
    return text, visibility.upper(), _instant(path, line, "createdAt", created_at)


def _share_extras(path: Path, line: int, values: Sequence[str]) -> tuple[Any, ...]:
    (at,) = values
    return (_instant(path, line, "at", at),)


def _comment_extras(path: Path, line: int, values: Sequence[str]) -> tuple[Any, ...]:
    comment_id, text, parent, created_at = values
    if not text.strip():
        raise ImportFileError(f"{path}: line {line}: 'text' is empty.")
    return (_id(path, line, "id", comment_id), _text(path, line, "text", text, MAX_COMMENT_TEXT),
            _id(path, line, "parent", parent) if parent else None,
            _instant(path, line, "createdAt", created_at))


def _reaction_extras(path: Path, line: int, values: Sequence[str]) -> tuple[Any, ...]:
    kind, comment, at = values
    if kind.upper() not in REACTION_KINDS:
        raise ImportFileError(f"{path}: line {line}: 'kind' must be one of {', '.join(REACTION_KINDS)}, "
                              f"not {kind!r}.")
    return (kind.upper(), _id(path, line, "comment", comment) if comment else None,
            _instant(path, line, "at", at))


@dataclass(frozen=True)
class Kind:
    """How a file kind is read and written: everything in which the kinds differ is here."""

    columns: tuple[str, ...]  # required, the two ends first
    optional: tuple[str, ...]
    query: CypherQuery
    #: The keys of one of the query's ``$rows``: the two ends', then the extras'. With ``by_source``,
    #: rows sharing a source are one ``{fields[0]: source, fields[1]: [target, ...]}``: one seek, not many.
    fields: tuple[str, ...]
    by_source: bool = False
    extras: Extras | None = None  # for kinds with more than their two ends
    dst_is_post: bool = False  # shares: the target is a post, not a person
    src_is_post: bool = False  # posts: the row's own id is a post (the query creates it), its author a person
    undirected: bool = False
    can_skip: bool = False  # the query may refuse a row by a rule (it answers how many it wrote)
    #: What makes a row a repeat, beyond its two ends, as positions in its extras (comments: their
    #: id alone, ends aside; reactions: the comment too). None: the two ends.
    key: tuple[int, ...] | None = None
    ends_in_key: bool = True
    creates_nodes: bool = False  # comments: each row is a new node (counted as created)
    #: Rows the query must see written before others (comments: threads before their replies): the
    #: rows for which this is true are written after all the others.
    later: Callable[[tuple[Any, ...]], bool] | None = None

    @property
    def between_people(self) -> bool:
        return not (self.src_is_post or self.dst_is_post)

    def names(self, persons: Names, posts: Names) -> tuple[Names, Names]:
        """Where the source's and the target's ids are interned."""
        return posts if self.src_is_post else persons, posts if self.dst_is_post else persons


KINDS = {
    "connections": Kind(("source", "target"), (), cypher.query("import_connections"), ("source", "targets"),
                        by_source=True, undirected=True),
    "follows": Kind(("source", "target"), (), cypher.query("import_follows"), ("source", "targets"),
                    by_source=True),
    "requests": Kind(("source", "target"), ("message", "at"), cypher.query("import_requests"),
                     ("source", "target", "message", "at"), extras=_request_extras, can_skip=True),
    "posts": Kind(("id", "author", "text", "visibility"), ("createdat",), cypher.query("import_posts"),
                  ("id", "author", "text", "visibility", "createdAt"), extras=_post_extras, src_is_post=True),
    "shares": Kind(("person", "post"), ("at",), cypher.query("import_shares"), ("person", "post", "at"),
                   extras=_share_extras, dst_is_post=True, can_skip=True),
    # A comment is scheduled by its author and its post, so no two transactions at once touch one
    # post (its counters) or one thread; replies after every thread, since they name one.
    "comments": Kind(("author", "post", "id", "text"), ("parent", "createdat"),
                     cypher.query("import_comments"),
                     ("author", "post", "id", "text", "parent", "createdAt"), extras=_comment_extras,
                     dst_is_post=True, can_skip=True, key=(0,), ends_in_key=False, creates_nodes=True,
                     later=lambda extras: extras[2] is not None),
    "reactions": Kind(("person", "post", "kind"), ("comment", "at"), cypher.query("import_reactions"),
                      ("person", "post", "kind", "comment", "at"), extras=_reaction_extras, dst_is_post=True,
                      can_skip=True, key=(1,)),
}
#: Written in this order: connections before requests (which skip connected pairs), posts before shares,
#: comments and reactions (which name them, and reactions name comments).
ORDER = ("connections", "follows", "requests", "posts", "shares", "comments", "reactions")


def read_people(path: Path) -> tuple[dict[str, tuple[str, str | None]], Tally]:
    """People by id (the first row of an id wins), and the tally of the file."""
    people: dict[str, tuple[str, str | None]] = {}
    tally = Tally()
    for line, (pid, name, headline) in import_files.read(path, "people", ("id", "name"), ("headline",)):
        tally.rows += 1
        pid = _id(path, line, "id", pid)
        name = _text(path, line, "name", name, MAX_NAME) or pid
        headline = _text(path, line, "headline", headline, MAX_HEADLINE)
        if pid in people:
            tally.duplicates += 1
        else:
            people[pid] = (name, headline or None)
    return people, tally


def read_edges(kind: str, path: Path, persons: Names, posts: Names) -> Edges:
    spec = KINDS[kind]
    tally = Tally()
    src_names, dst_names = spec.names(persons, posts)
    src: list[int] = []
    dst: list[int] = []
    extras: list[tuple[Any, ...]] = []
    first, second = spec.columns[0], spec.columns[1]
    for line, values in import_files.read(path, kind, spec.columns, spec.optional):
        tally.rows += 1
        src.append(src_names.of(_id(path, line, first, values[0])))
        dst.append(dst_names.of(_id(path, line, second, values[1])))
        if spec.extras is not None:
            extras.append(spec.extras(path, line, values[2:]))
    a, b = np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64)
    keep = np.ones(len(a), dtype=bool)
    if spec.between_people:
        loops = a == b
        tally.self_loops = int(loops.sum())
        keep &= ~loops
        if spec.undirected:  # the smaller id first
            rank = _ranks(persons.names)
            swap = rank[a] > rank[b]
            a, b = np.where(swap, b, a), np.where(swap, a, b)
    # Duplicates: keep the first row of each key (a post id, or an ordered pair).
    if spec.key is not None:
        seen: set[tuple[Any, ...]] = set()
        first_rows = np.zeros(len(a), dtype=bool)
        for i in np.flatnonzero(keep).tolist():
            key = tuple(extras[i][k] for k in spec.key) + ((int(a[i]), int(b[i])) if spec.ends_in_key else ())
            if key not in seen:
                seen.add(key)
                first_rows[i] = True
        tally.duplicates = int(keep.sum()) - len(seen)
    else:
        keys = a if spec.src_is_post else a * max(len(persons), len(posts), 1) + b
        first_rows = np.zeros(len(a), dtype=bool)
        _, firsts = np.unique(keys[keep], return_index=True)
        first_rows[np.flatnonzero(keep)[firsts]] = True
        tally.duplicates = int(keep.sum()) - len(firsts)
    kept = np.flatnonzero(first_rows)
    return Edges(kind, path, a[kept], b[kept],
                 [extras[i] for i in kept.tolist()] if spec.extras else None, tally)


def _ranks(names: list[str]) -> Ints:
    """Each id's position in string order, so that comparing ranks compares ids (as Cypher does)."""
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return rank


@dataclass
class Plan:
    """Everything read and checked, ready to write."""

    people: dict[str, tuple[str, str | None]]
    people_tally: Tally | None
    persons: Names
    posts: Names
    edges: list[Edges]

    def edge_only_people(self) -> list[str]:
        return [name for name in self.persons.names if name not in self.people]


def read(files: Files) -> Plan:
    """Reads and checks every file; raises ImportFileError before anything is written."""
    for kind, path in files.given():
        import_files.require(path, kind)
    people, people_tally = read_people(files.people) if files.people else ({}, None)
    persons, posts = Names(), Names()
    for pid in people:
        persons.of(pid)
    given = dict(files.given())
    edges = [part for kind in ORDER if kind in given
             for part in _in_turn(read_edges(kind, given[kind], persons, posts))]
    return Plan(people, people_tally, persons, posts, edges)


def _in_turn(edges: Edges) -> list[Edges]:
    """The file's rows as they must be written: those its kind wants ``later`` after the rest (each
    part shares the file's tally)."""
    later = KINDS[edges.kind].later
    if later is None or edges.extras is None:
        return [edges]
    last = np.array([later(extras) for extras in edges.extras], dtype=bool)
    if not last.any() or last.all():
        return [edges]
    return [Edges(edges.kind, edges.path, edges.src[part], edges.dst[part],
                  [edges.extras[i] for i in np.flatnonzero(part).tolist()], edges.tally)
            for part in (~last, last)]


# -- scheduling --------------------------------------------------------------------------------------


def rounds(src_bucket: Ints, dst_bucket: Ints, buckets: int, same_space: bool) -> list[list[Ints]]:
    """Row indices grouped by the buckets of their two ends, in rounds of groups sharing no bucket.

    With ``same_space`` (both ends are people) a group is an unordered bucket pair {i, j}: the
    circle method pairs the buckets off in ``buckets - 1`` rounds, and one more round holds the
    pairs {i, i}. Otherwise (a person and a post) group (i, j) runs in round (j - i) mod buckets.
    """
    if same_space:
        low, high = np.minimum(src_bucket, dst_bucket), np.maximum(src_bucket, dst_bucket)
    else:
        low, high = src_bucket, dst_bucket
    group = low * buckets + high
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(buckets * buckets + 1))
    members = {g: order[bounds[g]:bounds[g + 1]]
               for g in range(buckets * buckets) if bounds[g + 1] > bounds[g]}

    def take(pairs: Iterable[tuple[int, int]]) -> list[Ints]:
        return [members[i * buckets + j] for i, j in pairs if i * buckets + j in members]

    if not same_space:
        return [take((i, (i + r) % buckets) for i in range(buckets)) for r in range(buckets)]
    schedule = []
    others = buckets - 1
    for r in range(others):
        pairs = [(r, others)] + [((r + k) % others, (r - k) % others) for k in range(1, buckets // 2)]
        schedule.append(take((min(i, j), max(i, j)) for i, j in pairs))
    schedule.append(take((i, i) for i in range(buckets)))
    return schedule


# -- writing -----------------------------------------------------------------------------------------


#: One transaction's ``$rows``, and how many rows of the file they carry.
Batch = tuple[list[Any], int]


async def _run_batches(graph: Graph, query: CypherQuery, groups: Sequence[Iterable[Batch]], workers: int,
                       tally: Tally, count_nodes: bool, bar: tqdm[Any], now: datetime) -> None:
    """Runs the groups at most ``workers`` at a time; each group's batches one after another."""
    gate = asyncio.Semaphore(workers)

    async def run(batches: Iterable[Batch]) -> None:
        async with gate:
            for rows, size in batches:
                result, counters = await graph.write_counted(query, rows=rows, now=now)
                created = counters.nodes_created if count_nodes else counters.relationships_created
                written = result[0]["written"] if result else 0
                tally.created += created
                tally.existing += written - created
                tally.skipped += size - written
                bar.update(size)

    await asyncio.gather(*(run(batches) for batches in groups))


def _chunks(items: S, size: int) -> Iterator[S]:
    """``items`` (a list, a numpy array: anything sliceable) in slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _bar(kind: str, total: int, quiet: bool) -> tqdm[Any]:
    return tqdm(total=total, desc=f"{kind:<12}", unit=" rows", unit_scale=True, disable=quiet,
                dynamic_ncols=True, mininterval=0.5)


def _edge_rows(edges: Edges, persons: Names, posts: Names) -> Callable[[Ints], list[Any]]:
    """Turns row indices of ``edges`` into the ``$rows`` its query takes."""
    spec = KINDS[edges.kind]
    src_names, dst_names = (names.names for names in spec.names(persons, posts))
    src, dst, extras = edges.src.tolist(), edges.dst.tolist(), edges.extras
    if spec.by_source:
        source, targets = spec.fields

        def by_source(idx: Ints) -> list[Any]:
            idx = idx[np.argsort(edges.src[idx], kind="stable")]
            return [{source: src_names[s], targets: [dst_names[dst[i]] for i in group]}
                    for s, group in itertools.groupby(idx.tolist(), key=src.__getitem__)]
        return by_source
    assert extras is not None
    return lambda idx: [dict(zip(spec.fields, (src_names[src[i]], dst_names[dst[i]], *extras[i]),
                                 strict=True)) for i in idx.tolist()]


async def write(graph: Graph, plan: Plan, now: datetime, batch_size: int = DEFAULT_BATCH_SIZE,
                workers: int = DEFAULT_WORKERS, quiet: bool = False) -> Summary:
    """Writes what ``read`` planned: people, people named only in edges, then each edge file."""
    summary = Summary()
    started = time.perf_counter()

    # People: distinct ids, so parallel batches never touch the same node.
    people = [{"id": pid, "name": name, "headline": headline}
              for pid, (name, headline) in plan.people.items()]
    edge_only = plan.edge_only_people()
    summary.people_from_edges.rows = len(edge_only)
    if plan.people_tally is not None:
        summary.tallies["people"] = plan.people_tally
    for kind, query, rows, tally in (("people", IMPORT_PEOPLE, people, plan.people_tally),
                                     ("people/edges", IMPORT_PEOPLE_FROM_EDGES, edge_only,
                                      summary.people_from_edges)):
        if tally is not None:
            with _bar(kind, len(rows), quiet) as bar:
                await _run_batches(graph, query, [[(list(c), len(c))] for c in _chunks(rows, batch_size)],
                                   workers, tally, True, bar, now)

    relationships_started = time.perf_counter()
    buckets = 2 * workers
    for edges in plan.edges:
        spec = KINDS[edges.kind]
        summary.tallies[edges.kind] = edges.tally
        to_rows = _edge_rows(edges, plan.persons, plan.posts)
        schedule = rounds(edges.src % buckets, edges.dst % buckets, buckets,
                          same_space=spec.between_people)
        with _bar(edges.kind, len(edges.src), quiet) as bar:
            for groups in schedule:
                batches = [((to_rows(c), len(c)) for c in _chunks(g, batch_size)) for g in groups]
                await _run_batches(graph, spec.query, batches, workers, edges.tally,
                                   spec.src_is_post or spec.creates_nodes, bar, now)
        if not spec.can_skip:  # "written" counts the rows a rule let through; here there is no rule
            edges.tally.existing += edges.tally.skipped
            edges.tally.skipped = 0
    summary.relationship_seconds = time.perf_counter() - relationships_started
    # Every worker's copy of the connections (service/network) reloads what was written.
    await events.announce_outside_change(graph, "ties import")
    summary.write_seconds = time.perf_counter() - started
    return summary
