"""One benchmark run: start what is needed, measure each stage, stop everything, render the report."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import neo4j

from bench import cost, density, imports, lists, machine, measure, profile, report, soak
from bench.bfs import ConnectionGraph
from bench.clients import GraphQLVariant, RawVariant, Tokens, Variant, http_session
from bench.networks import INTERACTION_FILES, Network
from bench.processes import (
    DATABASE,
    LOGS,
    PASSWORD,
    SECRET,
    Neo4jServer,
    Process,
    cpu_seconds,
    http_ok,
    spawn,
    ties_command,
    ties_env,
    wait_until,
)
from bench.workload import QUESTIONS, Question, Sample, Samples, available
from service import suggestions
from service.graph import open_driver
from service.settings import PROJECT_ROOT
from service.tools.neo4j_server import free_port

PEER_DIR = PROJECT_ROOT / "bench" / "peer"


@dataclass(frozen=True)
class Options:
    #: The sparse network first (every stage runs on it), then the dense one (the questions stage).
    networks: list[Network]
    calls: int
    distinct: int
    warmup: int
    concurrency: int
    rounds: int
    seconds: float
    workers: int
    import_people: int
    import_rounds: int
    list_rounds: int
    stages: frozenset[str]
    #: The questions stage: samples per kind, one-caller calls and seconds per question at most.
    question_samples: int
    question_calls: int
    question_seconds: float
    quick: bool
    keep_neo4j: bool
    out: Path
    #: The soak stage (bench/soak.py): its length, network size and kills of its Neo4j.
    soak_seconds: float = 600.0
    soak_people: int = 10_000
    soak_kills: int = 2
    #: The cost stage (bench/cost.py): seconds per turn, rounds, samples per kind.
    cost_seconds: float = 10.0
    cost_rounds: int = 2
    cost_samples: int = 200
    #: Which of the cost stage's rows to run, by group (bench/cost.py ``Row.group``).
    cost_rows: frozenset[str] = frozenset({"floor", "simple", "mutual", "question", "raw"})


@dataclass
class Results:
    """Everything the report shows; stages fill in what they measure."""

    options: Options
    started: float = field(default_factory=time.time)
    setup: dict[str, Any] = field(default_factory=dict)
    graph: dict[str, int] = field(default_factory=dict)
    #: Per network (by name): graph counts, and what generating and importing it took.
    networks: dict[str, dict[str, Any]] = field(default_factory=dict)
    density: list[density.QuestionsResult] = field(default_factory=list)
    cost: list[cost.CostResult] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    latency: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    throughput: dict[str, list[measure.Turn]] = field(default_factory=dict)
    lists: lists.ListResult | None = None
    imports: imports.ImportResult | None = None
    profiles: list[profile.Profile] = field(default_factory=list)
    soak: soak.SoakResult | None = None
    usage: machine.Usage | None = None
    machine: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def graph_counts(driver: neo4j.Driver) -> dict[str, int]:
    def count(query: str) -> int:
        records = driver.execute_query(query, database_=DATABASE).records
        return int(records[0][0])

    return {
        "people": count("MATCH (p:Person) RETURN count(p)"),
        "follows": count("MATCH ()-[r:FOLLOWS]->() RETURN count(r)"),
        "connections": count("MATCH ()-[r:CONNECTED_TO]->() RETURN count(r)"),
        "posts": count("MATCH (p:Post) RETURN count(p)"),
    }


def ensure_network(uri: str, driver: neo4j.Driver, network: Network) -> dict[str, Any]:
    """Generates and imports ``network`` unless its graph already holds it; its counts and setup times."""
    counts = graph_counts(driver)
    found: dict[str, Any] = {"network": network}
    # Written once `ties import` finished: people come first, so a count alone cannot tell an
    # interrupted import (the dense one runs for tens of minutes) from a finished one.
    imported = network.folder / "imported"
    if counts["people"] >= network.people * 0.99 and imported.exists():
        return {**found, **counts}
    if counts["people"] > 0:
        log(f"{network.name}: completing an interrupted import (`ties import` is idempotent) ...")
    if not (network.files / "people.csv").exists():
        log(f"generating the {network.name} network into {network.files} ...")
        started = time.monotonic()
        subprocess.run(ties_command(*network.generate_args()), check=True)
        found["generate seconds"] = time.monotonic() - started
    log(f"importing {network.name} with `ties import` (once; later runs reuse the graph) ...")
    started = time.monotonic()
    done = subprocess.run(ties_command("import", *network.import_args(), "--quiet"),
                          env={**os.environ, **ties_env(uri)}, check=True, capture_output=True, text=True)
    found["import seconds"] = time.monotonic() - started
    found["import summary"] = done.stdout.strip()
    imported.write_text(found["import summary"] + "\n")
    return {**found, **graph_counts(driver)}


def ensure_interactions(uri: str, network: Network) -> dict[str, Any]:
    """Adds the reactions and comments of ``ties generate --interactions`` (issue 18: a hub post with
    50,000 reactions and 10,000 comments) to a network imported without them, by importing those two
    files alone, once: the network itself is never imported again."""
    marker = network.folder / "interactions-imported"
    if marker.exists():
        return {}
    found: dict[str, Any] = {}
    if not all((network.files / f"{kind}.csv").exists() for kind in INTERACTION_FILES):
        log(f"generating the reactions and comments of {network.name} (the other files stay as they are) ...")
        started = time.monotonic()
        subprocess.run(ties_command(*network.generate_args(), "--interactions-only"), check=True)
        found["interactions generate seconds"] = time.monotonic() - started
    log(f"importing {network.name}'s reactions and comments alone (once; later runs reuse them) ...")
    started = time.monotonic()
    args = [arg for kind in INTERACTION_FILES for arg in (f"--{kind}", str(network.files / f"{kind}.csv"))]
    done = subprocess.run(ties_command("import", *args, "--quiet"), env={**os.environ, **ties_env(uri)},
                          check=True, capture_output=True, text=True)
    found["interactions import seconds"] = time.monotonic() - started
    found["interactions import summary"] = done.stdout.strip()
    marker.write_text(done.stdout.strip() + "\n")
    return found


@asynccontextmanager
async def servers(uri: str, options: Options, *, with_peer: bool
                  ) -> AsyncIterator[tuple[Process, Process | None]]:
    """Ties (``ties serve``) and, if asked, the peer, both against the benchmark's Neo4j; stopped on exit."""
    ties_port, peer_port = free_port(), free_port()
    started: list[Process] = []
    try:
        ties = spawn("ties", ties_command("serve", "--host", "127.0.0.1", "--port", str(ties_port),
                                          "--workers", str(options.workers)), ties_env(uri), LOGS)
        started.append(ties)
        peer = None
        if with_peer:
            peer = spawn("peer", ["node", str(PEER_DIR / "server.mjs")],
                         {**ties_env(uri), "PEER_PORT": str(peer_port),
                          "PEER_SUGGESTIONS_EXPLAIN": str(suggestions.EXPLAINED)}, LOGS, cwd=PEER_DIR)
            started.append(peer)
        wait_until(ties, http_ok(f"http://127.0.0.1:{ties_port}/readyz"))
        ties.url = f"http://127.0.0.1:{ties_port}/graphql"
        if peer is not None:
            wait_until(peer, http_ok(f"http://127.0.0.1:{peer_port}/graphql", {"query": "{ __typename }"}))
            peer.url = f"http://127.0.0.1:{peer_port}/graphql"
        yield ties, peer
    finally:
        for process in reversed(started):
            process.stop()


SERVICE_STAGES = frozenset({"overhead", "throughput", "lists", "profile"})


async def run(options: Options) -> str:
    results = Results(options)
    results.machine = machine.description()
    before = machine.Snapshot.take()
    roots = [os.getpid()]
    if options.stages - {"soak"}:
        for network in options.networks:
            await run_network(network, options, results, roots)
    if "soak" in options.stages:
        # Last, once the networks' Neo4j servers are stopped: the soak runs and kills its own.
        results.soak = await soak.soak(seconds=options.soak_seconds, callers=options.concurrency,
                                       people=options.soak_people, kills=options.soak_kills,
                                       workers=options.workers, password=PASSWORD, secret=SECRET, log=log)
    results.usage = machine.usage_between(before, machine.Snapshot.take(), roots)
    return report.render(results)


async def run_network(network: Network, options: Options, results: Results, roots: list[int]) -> None:
    """One network in its own Neo4j: every stage on the sparse one, the questions stage on each."""
    log(f"starting the Neo4j of {network.name} in {network.home} ...")
    heap = os.environ.get("TIES_NEO4J_HEAP", "2g")
    pagecache = os.environ.get("TIES_NEO4J_PAGECACHE", "2g")
    neo = Neo4jServer.open(network.home, PASSWORD, heap, pagecache)
    results.setup.update({"neo4j heap": heap, "neo4j page cache": pagecache})
    roots.append(neo.pid)
    sparse = network.kind == "sparse"
    service_stages = SERVICE_STAGES & options.stages if sparse else frozenset()
    asking = "questions" in options.stages
    costing = "cost" in options.stages
    try:
        with neo4j.GraphDatabase.driver(neo.uri, auth=("neo4j", PASSWORD)) as sync_driver:
            found = results.networks[network.name] = ensure_network(neo.uri, sync_driver, network)
            log(f"graph {network.name}: " + ", ".join(f"{v:,} {k}" for k, v in found.items()
                                                      if isinstance(v, int)))
            if sparse:
                results.graph = {k: v for k, v in found.items() if isinstance(v, int)}
                results.setup.update({k: v for k, v in found.items() if k.endswith(("seconds", "summary"))})
            questions = available()
            results.questions = [q.name for q in questions]
            results.missing = [q.name for q in QUESTIONS if not q.available()]
            samples = Samples.draw(sync_driver, DATABASE, options.distinct) if service_stages else None
            cost_samples = Samples.draw(sync_driver, DATABASE, options.cost_samples) if costing else None
            if sparse and "import" in options.stages:
                log("import: `ties import` vs server-side UNWIND ... CREATE ...")
                results.imports = imports.compare(sync_driver, DATABASE, ties_env(neo.uri), options, log)
            graph, asked, blocks, hub = None, {}, False, None
            if asking and not sparse:
                found.update(ensure_interactions(neo.uri, network))
            if asking:
                log(f"loading {network.name}'s CONNECTED_TO graph into numpy for the BFS baseline ...")
                graph = ConnectionGraph.load(sync_driver, DATABASE)
                log(f"  {graph.people:,} people, {graph.connections:,} connections in "
                    f"{graph.load_seconds:.1f} s; connections per person: {graph.shape()}")
                asked = density.draw(graph, sync_driver, DATABASE, options.question_samples)
                blocks = bool(graph.blocked)
                hub = density.find_hub(sync_driver, DATABASE)
        if not service_stages and not asking and not costing:
            return
        async with servers(neo.uri, options, with_peer=bool(service_stages & {"overhead", "throughput"})
                           ) as (ties, peer):
            roots += [p.pid for p in (ties, peer) if p is not None]
            if cost_samples is not None:
                await measure_cost(results, network, cost_samples, neo, ties)
            if samples is not None:
                await measure_services(results, questions, samples, neo, ties, peer)
            if graph is not None:
                await measure_questions(results, network, graph, asked, blocks, ties, hub)
    finally:
        if not options.keep_neo4j:
            neo.stop()


async def measure_cost(results: Results, network: Network, samples: Samples, neo: Neo4jServer,
                       ties: Process) -> None:
    options = results.options
    log(f"cost: {network.name}, {options.concurrency} callers, {options.cost_rounds} rounds of "
        f"{options.cost_seconds:.0f} s per request kind, beside the HTTP floor and stock Strawberry ...")
    session = http_session(1)
    try:
        variant = GraphQLVariant("Ties", ties.url, Tokens(SECRET), session, peer=False)
        exact = await density.reach_has_exact(variant, samples.by_kind["self"][0].viewer)
    finally:
        await session.close()
    results.cost.append(await cost.measure(
        network.name, ties, neo.pid, neo.uri, ("neo4j", PASSWORD), DATABASE, SECRET, samples.by_kind,
        callers=options.concurrency, seconds=options.cost_seconds, rounds=options.cost_rounds,
        workers=options.workers, reach_has_exact=exact, groups=options.cost_rows, log=log))


async def measure_questions(results: Results, network: Network, graph: ConnectionGraph,
                            samples: dict[str, list[Sample]], blocks: bool, ties: Process,
                            hub: density.Hub | None) -> None:
    options = results.options
    session = http_session(options.concurrency)
    try:
        variant = GraphQLVariant("Ties", ties.url, Tokens(SECRET), session, peer=False)
        exact = await density.reach_has_exact(variant, graph.ids[0])
        results.density.append(await density.measure(
            network.name, variant, graph, samples, calls=options.question_calls,
            budget=options.question_seconds, callers=options.concurrency, seconds=options.seconds,
            blocks=blocks, log=log, reach_has_exact=exact, hub=hub))
    finally:
        await session.close()


async def measure_services(results: Results, questions: list[Question], samples: Samples,
                           neo: Neo4jServer, ties: Process, peer: Process | None) -> None:
    options = results.options
    tokens = Tokens(SECRET)
    # Configured as the service's own driver is (service.graph.DRIVER_CONFIG), pool aside.
    driver = open_driver(neo.uri, "neo4j", PASSWORD, max_connection_pool_size=options.concurrency * 2)
    session: aiohttp.ClientSession = http_session(options.concurrency)
    try:
        ties_variant = GraphQLVariant("Ties", ties.url, tokens, session, peer=False)
        variants: list[Variant] = [ties_variant, RawVariant(driver, DATABASE)]
        if peer is not None:
            variants.append(GraphQLVariant("peer", peer.url, tokens, session, peer=True))
        if "overhead" in options.stages:
            for question in questions:
                log(f"latency: {question.name} ({options.calls} calls per variant, interleaved) ...")
                results.latency[question.name] = await measure.latency(
                    question, variants, samples.by_kind[question.samples],
                    count=options.calls, warmup=options.warmup)
        if "throughput" in options.stages and questions:
            log(f"throughput: {options.concurrency} callers, {options.rounds} rounds of "
                f"{options.seconds:.0f} s per variant ...")
            work = [(q, samples.by_kind[q.samples][i]) for i in range(options.distinct) for q in questions]
            watched = {"Neo4j": lambda: cpu_seconds(neo.pid), "Ties": lambda: cpu_seconds(ties.pid)}
            if peer is not None:
                watched["peer"] = lambda: cpu_seconds(peer.pid)
            results.throughput = await measure.throughput(
                variants, work, concurrency=options.concurrency, seconds=options.seconds,
                rounds=options.rounds, warmup_seconds=min(options.seconds, 5), processes=watched,
                progress=log)
        if "lists" in options.stages:
            log("lists: a 5,000-person audience through GraphQL pages vs one raw query ...")
            results.lists = await lists.compare(ties_variant, driver, DATABASE, options.list_rounds, log)
        if "profile" in options.stages:
            for question in questions:
                log(f"profile: {question.name} (py-spy on Ties, CPU per request from /proc) ...")
                results.profiles.append(await profile.profile_question(
                    ties.url, ties.pid, neo.pid, question, samples, SECRET,
                    seconds=min(options.seconds, 15)))
    finally:
        await session.close()
        await driver.close()
