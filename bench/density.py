"""The questions stage (issue 11): every graph question through GraphQL, on each network, at 1 and 16 callers.

For each question (``ASKS``): one caller sends it for each sample in turn (after one untimed call
per sample, which also checks the answer), then ``callers`` callers send it in a closed loop. The
samples always hold the five best-connected people plus random ones (``draw``), because the
slowest answers belong to the people with thousands of connections.

Reach has a baseline measured in the same run, interleaved call by call in shuffled order: the
numpy BFS of ``bench/bfs.py`` over the same CONNECTED_TO graph, loaded once from Neo4j. Its
answers must equal Ties' (the run stops if they differ, as it does when Ties and the raw driver
disagree). If Ties marks a reach answer as estimated (``Reach.exact`` false), it must instead be
within 2% of the BFS, and the largest error is reported. Degree, connection paths and mutual
connection counts are checked against the same arrays when the graph holds no blocks (the
generated networks hold none).

Where the network holds a hub post (issue 18: ``ties generate --interactions`` gives one post of the
best-connected author 50,000 reactions and 10,000 comments), three questions more are asked about
it by the five best-connected people (thousands of connections each) and random viewers: its
counts (reactions, of each kind, comments), the first page of its comments, and
``reactionsFromConnections``. The counts are checked against the graph (no blocks: everyone sees
all), and everyone ``reactionsFromConnections`` names must be a connection of the viewer.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from bench.bfs import ConnectionGraph
from bench.clients import GraphQLFailed, GraphQLVariant
from bench.measure import AnswersDiffer
from bench.workload import Sample

Data = dict[str, Any]
TOP = 5
#: The most an estimated reach count may be off, relative to the exact one (SPEC R12).
ESTIMATE_ERROR = 0.02
TARGET_P99 = 0.100  # seconds, every question (issue 11)
TARGET_REACH_RATIO = 5.0  # reach / BFS


@dataclass(frozen=True)
class Ask:
    """One question as a client sends it: a GraphQL document for Ties, who asks it, what it answers."""

    name: str
    document: str
    variables: Callable[[Sample], dict[str, Any]]
    answer: Callable[[Data], Any]
    #: "person" (anyone asks about a person), "pair" (a viewer about someone near or far),
    #: "self" (the viewer about itself), "post" (the author about its post), "hub" (anyone about the
    #: hub post; none when the network has no interactions).
    samples: str


PERSON = "query($id: ID!) { person(id: $id) { %s } }"
POST = "query($id: ID!) { post(id: $id) { %s } }"
REACH_FIELDS = "followers connections followersOutsideConnections secondDegree thirdDegree audience"


def _by_person(s: Sample) -> dict[str, Any]:
    return {"id": s.person}


def _by_post(s: Sample) -> dict[str, Any]:
    return {"id": s.post}


def asks(reach_has_exact: bool) -> list[Ask]:
    reach = REACH_FIELDS + (" exact" if reach_has_exact else "")
    return [
        Ask("reach", PERSON % f"reach {{ {reach} }}", _by_person, lambda d: d["person"]["reach"], "person"),
        Ask("suggestions", """{ viewer { suggestions(first: 10) { person { id name } mutualConnectionCount
              mutualConnections(first: 3) { id name } } } }""", lambda s: {},
            lambda d: [(x["person"]["id"], x["mutualConnectionCount"]) for x in d["viewer"]["suggestions"]],
            "self"),
        Ask("degree", PERSON % "degree", _by_person, lambda d: d["person"]["degree"], "pair"),
        Ask("connectionPath", PERSON % "connectionPath { id name }", _by_person,
            lambda d: [p["id"] for p in d["person"]["connectionPath"] or []] or None, "pair"),
        Ask("mutualConnections",
            PERSON % "mutualConnections(first: 20) { totalCount edges { node { id name } } }",
            _by_person, lambda d: d["person"]["mutualConnections"]["totalCount"], "pair"),
        Ask("relationship.mutualConnectionCount", PERSON % "relationship { mutualConnectionCount }",
            _by_person, lambda d: d["person"]["relationship"]["mutualConnectionCount"], "pair"),
        Ask("post.audienceSize", POST % "audienceSize", _by_post, lambda d: d["post"]["audienceSize"],
            "post"),
        Ask("post.audience", POST % "audience(first: 20) { totalCount edges { node { id name } } }", _by_post,
            lambda d: d["post"]["audience"]["totalCount"], "post"),
        Ask("post.reach", POST % "reach { direct viaShares total }", _by_post,
            lambda d: d["post"]["reach"], "post"),
        Ask("feed", "{ feed(first: 20) { edges { node { id text author { id name } } sharedBy { id } } } }",
            lambda s: {}, lambda d: [e["node"]["id"] for e in d["feed"]["edges"]], "self"),
        Ask("hub post: counts",
            POST % "reactionCount reactionCounts { kind count } viewerReaction commentCount",
            _by_post, lambda d: d["post"], "hub"),
        Ask("hub post: comments (first page)", POST % """comments(first: 20) { totalCount
              edges { node { id text createdAt author { id name } replyCount reactionCount } } }""",
            _by_post, lambda d: d["post"]["comments"], "hub"),
        Ask("hub post: reactionsFromConnections", POST % "reactionsFromConnections(first: 3) { id name }",
            _by_post, lambda d: [p["id"] for p in d["post"]["reactionsFromConnections"]], "hub"),
    ]


# -- samples ------------------------------------------------------------------------------------

POSTS = "MATCH (a:Person)-[:POSTED]->(p:Post) RETURN p.id AS post, a.id AS author ORDER BY post"
#: The post most reacted to, if any has more than a thousand reactions, with what the graph holds
#: of it (the checks' answers).
HUB = """MATCH (p:Post) WHERE p.reactionsLIKE > 1000
         WITH p ORDER BY p.reactionsLIKE DESC LIMIT 1
         RETURN p.id AS post, COUNT { (p)<-[:REACTED]-(:Person) } AS reactions,
                COUNT { (p)<-[:ON]-(:Comment) } AS comments,
                COUNT { (p)<-[:ON]-(c:Comment) WHERE c.parentId IS NULL } AS topLevel"""


@dataclass(frozen=True)
class Hub:
    """The hub post and what the graph holds of it."""

    post: str
    reactions: int
    comments: int
    top_level: int


def find_hub(driver: neo4j.Driver, database: str) -> Hub | None:
    records = driver.execute_query(HUB, database_=database, routing_=neo4j.RoutingControl.READ).records
    return None if not records else Hub(records[0]["post"], records[0]["reactions"], records[0]["comments"],
                                        records[0]["topLevel"])


def draw(graph: ConnectionGraph, driver: neo4j.Driver, database: str, count: int,
         seed: int = 2026) -> dict[str, list[Sample]]:
    """``count`` samples of each kind: the ``TOP`` best-connected people first, then random ones."""
    rng = random.Random(seed)
    top = graph.best_connected(TOP)
    others = [graph.ids[i] for i in rng.sample(range(graph.people), min(graph.people, count))]
    people = (top + [p for p in others if p not in top])[:max(count, TOP)]

    pairs: list[Sample] = []
    for hub in top:  # the best-connected ask, and are asked about
        pairs.append(Sample(rng.choice(graph.ids), hub))
    for viewer in people:
        if len(pairs) >= len(people):
            break
        # A mix a product would see: people one, two and three steps away, and strangers.
        steps = rng.choice([1, 2, 2, 3, 0])
        person = graph.walk(rng, viewer, steps) if steps else rng.choice(graph.ids)
        if person is not None and person != viewer:
            pairs.append(Sample(viewer, person))

    rows = [dict(r) for r in driver.execute_query(POSTS, database_=database,
                                                  routing_=neo4j.RoutingControl.READ).records]
    degrees = graph.degrees()
    # Posts by the best-connected authors (the largest audiences), then random posts.
    by_reach = sorted(rows, key=lambda r: (-int(degrees[graph.index[r["author"]]]), r["post"]))
    firsts = list({r["author"]: r for r in reversed(by_reach)}.values())[::-1]  # each author's first
    chosen = firsts[:TOP] + rng.sample(rows, min(len(rows), count))
    unique = list({r["post"]: r for r in chosen}.values())[:max(count, TOP)]
    posts = [Sample(r["author"], r["author"], r["post"]) for r in unique]

    found = find_hub(driver, database)
    on_hub = [] if found is None else [Sample(p, found.post, found.post) for p in people]
    return {"person": [Sample(rng.choice(graph.ids), p) for p in people],
            "self": [Sample(p, p) for p in people], "pair": pairs, "post": posts, "hub": on_hub}


# -- measuring ----------------------------------------------------------------------------------

@dataclass
class AskResult:
    name: str
    samples: int
    #: One caller: seconds per call, and which calls asked about one of the best-connected.
    seconds: list[float] = field(default_factory=list)
    best_connected: list[bool] = field(default_factory=list)
    #: Refusals (e.g. LIMIT_EXCEEDED), by message, one caller and many.
    refused: dict[str, int] = field(default_factory=dict)
    #: ``callers`` callers in a closed loop.
    loaded_seconds: float = 0.0
    loaded_latencies: list[float] = field(default_factory=list)
    #: Reach only: the BFS baseline's seconds per call, interleaved with Ties'.
    baseline: list[float] = field(default_factory=list)
    #: Reach only: the largest relative error of an answer Ties marked as estimated.
    estimate_error: float | None = None


@dataclass
class QuestionsResult:
    network: str
    shape: dict[str, float]
    load_seconds: float
    calls: int
    callers: int
    seconds: float
    #: One-caller seconds per question, once every sample was timed.
    budget: float
    asks: list[AskResult]
    checks: list[str]


class Caller:
    """Sends one ``Ask`` for one sample to Ties and returns its answer (or raises GraphQLFailed)."""

    def __init__(self, ties: GraphQLVariant) -> None:
        self.ties = ties

    async def __call__(self, ask: Ask, sample: Sample) -> Any:
        return ask.answer(await self.ties.post(ask.document, ask.variables(sample), sample.viewer))


def _check(ask: Ask, sample: Sample, answer: Any, graph: ConnectionGraph, result: AskResult,
           blocks: bool, hub: Hub | None = None) -> None:
    """Ties' answer against the BFS arrays (and the graph's own counts of the hub post);
    AnswersDiffer stops the run."""
    expected: Any = None
    if ask.samples == "hub" and hub is not None and not blocks:
        _check_hub(ask, sample, answer, graph, hub)
        return
    if ask.name == "reach":
        second, third = graph.reach(sample.person)
        found = (answer["secondDegree"], answer["thirdDegree"])
        if answer.get("exact", True):
            if found != (second, third):
                expected = (second, third)
        else:
            error = max(abs(found[0] - second) / max(second, 1), abs(found[1] - third) / max(third, 1))
            result.estimate_error = max(result.estimate_error or 0.0, error)
            if error > ESTIMATE_ERROR:
                expected = (second, third)
        if expected is not None:
            raise AnswersDiffer(f"reach of {sample.person}: Ties -> (secondDegree, thirdDegree) {found}, "
                                f"the BFS -> {expected} (exact: {answer.get('exact', True)})")
        return
    if blocks:
        return
    if ask.name == "degree":
        expected = graph.degree(sample.viewer, sample.person)
        ok = answer == expected
    elif ask.name == "connectionPath":
        steps = graph.degree(sample.viewer, sample.person)
        expected = f"a path of {steps} steps" if steps is not None else None
        ok = (answer is None if steps is None else
              answer is not None and len(answer) == steps + 1 and answer[0] == sample.viewer
              and answer[-1] == sample.person and graph.is_path(answer))
    elif ask.name in ("mutualConnections", "relationship.mutualConnectionCount"):
        expected = graph.mutual_count(sample.viewer, sample.person)
        ok = answer == expected
    else:
        return
    if not ok:
        raise AnswersDiffer(f"{ask.name} for {sample}: Ties -> {answer!r}, the BFS arrays -> {expected!r}")


def _check_hub(ask: Ask, sample: Sample, answer: Any, graph: ConnectionGraph, hub: Hub) -> None:
    found: Any
    if ask.name == "hub post: counts":
        found = (answer["reactionCount"], sum(c["count"] for c in answer["reactionCounts"]),
                 answer["commentCount"])
        ok = found == (hub.reactions, hub.reactions, hub.comments)
        expected: Any = (hub.reactions, hub.reactions, hub.comments)
    elif ask.name == "hub post: comments (first page)":
        found = (answer["totalCount"], len(answer["edges"]))
        expected = (hub.top_level, min(20, hub.top_level))
        ok = found == expected
    else:
        found = answer
        # where everyone reacted (the generated hub), every viewer's connections did
        degree = int(graph.degrees()[graph.index[sample.viewer]])
        wanted = min(3, degree) if hub.reactions >= graph.people else None
        expected = f"{wanted if wanted is not None else 'at most 3'} of {sample.viewer}'s connections"
        ok = (len(answer) <= 3 and (wanted is None or len(answer) == wanted)
              and all(graph.connected(sample.viewer, p) for p in answer))
    if not ok:
        raise AnswersDiffer(f"{ask.name} for {sample}: Ties -> {found!r}, the graph -> {expected!r}")


async def _one_caller(ask: Ask, samples: Sequence[Sample], call: Caller, graph: ConnectionGraph,
                      result: AskResult, top: set[str], *, calls: int, budget: float, blocks: bool,
                      hub: Hub | None = None) -> None:
    def refused(exc: GraphQLFailed) -> None:
        result.refused[str(exc)[:160]] = result.refused.get(str(exc)[:160], 0) + 1

    for sample in samples:  # untimed: warms every sample up and checks its answer
        try:
            _check(ask, sample, await call(ask, sample), graph, result, blocks, hub)
        except GraphQLFailed as exc:
            refused(exc)
    rng = random.Random(11)
    deadline = time.monotonic() + budget
    for i in range(calls):
        if i >= len(samples) and time.monotonic() > deadline:
            break  # every sample timed at least once; the rest fit the budget
        sample = samples[i % len(samples)]
        turns = ["ties", "bfs"] if ask.name == "reach" else ["ties"]
        rng.shuffle(turns)
        for turn in turns:
            started = time.perf_counter()
            if turn == "bfs":
                graph.reach(sample.person)
                result.baseline.append(time.perf_counter() - started)
                continue
            try:
                await call(ask, sample)
            except GraphQLFailed as exc:
                refused(exc)
            result.seconds.append(time.perf_counter() - started)
            result.best_connected.append(sample.person in top or sample.viewer in top)


async def _closed_loop(ask: Ask, samples: Sequence[Sample], call: Caller, *, callers: int,
                       seconds: float) -> tuple[float, list[float], int]:
    """``callers`` callers, each sending its next request when the last returns, for ``seconds``:
    (elapsed seconds, latencies, refusals)."""
    positions = itertools.count()
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    refusals = 0

    async def caller() -> None:
        nonlocal refusals
        while time.perf_counter() < deadline:
            sample = samples[next(positions) % len(samples)]
            sent = time.perf_counter()
            try:
                await call(ask, sample)
            except GraphQLFailed:
                refusals += 1
            latencies.append(time.perf_counter() - sent)

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(callers)))
    return time.perf_counter() - started, latencies, refusals


async def measure(network: str, ties: GraphQLVariant, graph: ConnectionGraph,
                  samples: dict[str, list[Sample]],
                  *, calls: int, budget: float, callers: int, seconds: float, blocks: bool,
                  log: Callable[[str], None], reach_has_exact: bool,
                  hub: Hub | None = None) -> QuestionsResult:
    """Every question of ``asks`` at one caller, then at ``callers``; reach beside the BFS. The hub
    post's questions are left out where the network has none."""
    call = Caller(ties)
    top = set(graph.best_connected(TOP))
    results: list[AskResult] = []
    for ask in asks(reach_has_exact):
        chosen = samples.get(ask.samples, [])
        if not chosen:
            continue
        result = AskResult(ask.name, len(chosen))
        log(f"  {network} {ask.name}: one caller, {len(chosen)} samples (the {TOP} best-connected among "
            f"them), up to {calls} calls or {budget:.0f} s ...")
        await _one_caller(ask, chosen, call, graph, result, top, calls=calls, budget=budget, blocks=blocks,
                          hub=hub)
        log(f"  {network} {ask.name}: {callers} callers for {seconds:.0f} s ...")
        await _closed_loop(ask, chosen, call, callers=callers, seconds=min(seconds, 5))  # warm-up
        elapsed, latencies, refusals = await _closed_loop(ask, chosen, call, callers=callers, seconds=seconds)
        result.loaded_seconds, result.loaded_latencies = elapsed, latencies
        if refusals:
            result.refused[f"under {callers} callers"] = refusals
        results.append(result)
    checks = ["reach (secondDegree, thirdDegree) = the BFS for every sample"]
    if not blocks:
        checks.append("degree, connectionPath (a real shortest path), mutualConnections.totalCount and "
                      "relationship.mutualConnectionCount = the same arrays, for every sample")
        if hub is not None:
            checks.append(f"the hub post {hub.post}: reactionCount and the sum of reactionCounts = its "
                          f"{hub.reactions:,} REACTED, commentCount = its {hub.comments:,} comments, "
                          f"comments.totalCount = its {hub.top_level:,} top-level ones, and everyone "
                          "reactionsFromConnections names a connection of the viewer (as many as it "
                          "asks for, where everyone reacted)")
    return QuestionsResult(network, graph.shape(), graph.load_seconds, calls, callers, seconds, budget,
                           results, checks)


async def reach_has_exact(ties: GraphQLVariant, viewer: str) -> bool:
    """Whether Ties' Reach type has the ``exact`` field (api-contract-next.graphql) yet."""
    data = await ties.post('{ __type(name: "Reach") { fields { name } } }', {}, viewer)
    return any(f["name"] == "exact" for f in data["__type"]["fields"])

