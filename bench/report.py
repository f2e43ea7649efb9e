"""Renders a run's results as the Markdown file kept under bench/results/."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bench import cost, density, soak_report, stats
from bench.measure import Turn

if TYPE_CHECKING:
    from bench.run import Results

TIES, RAW, PEER = "Ties", "raw driver", "peer"
TARGET_P50, TARGET_P99, TARGET_THROUGHPUT = 1.3, 1.5, 0.6
TARGET_PEER_THROUGHPUT, TARGET_LISTS, TARGET_IMPORT = 1.5, 2.0, 0.5


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def yes(met: bool) -> str:
    return "**yes**" if met else "no"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows)]


def render(results: Results) -> str:
    o = results.options
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(results.started))
    m = results.machine
    lines = [f"# Ties benchmark, {when}", ""]
    if o.quick:
        lines += ["**A `--quick` smoke run: too few samples to trust any figure below.**", ""]
    graphs = "; ".join(
        f"{name}: {g.get('people', 0):,} people, {g.get('follows', 0):,} FOLLOWS, "
        f"{g.get('connections', 0):,} CONNECTED_TO, {g.get('posts', 0):,} posts"
        for name, g in results.networks.items())
    if not results.networks:  # the soak alone: its own network and Neo4j, described in its section
        lines += [f"Commit `{m.get('commit')}`. Machine: {m.get('cores')} cores, {m.get('memory')}, "
                  f"Python {m.get('python')}.", ""]
    else:
        lines += [
            f"Commit `{m.get('commit')}`. Graphs: {graphs}; each in its own Neo4j 5.26 Community "
            f"(heap {results.setup.get('neo4j heap')}, page cache {results.setup.get('neo4j page cache')}). "
            f"Ties: `ties serve --workers {o.workers}`. Peer: `bench/peer` (@neo4j/graphql on graphql-yoga, "
            f"Node {m.get('node')}). Client: one Python process (aiohttp for HTTP, the neo4j driver with "
            f"neo4j-rust-ext for raw Cypher). Machine: {m.get('cores')} cores, {m.get('memory')}, "
            f"Python {m.get('python')}.",
            "",
        ]
    lines += _machine(results)
    targets, sections = _targets(results), []
    sections += _overhead(results)
    sections += _throughput(results)
    sections += _lists(results)
    sections += _imports(results)
    sections += _profiles(results)
    for costed in results.cost:
        sections += _cost(costed)
    for found in results.density:
        sections += _density(found, results)
    if results.soak is not None:
        targets += soak_report.targets(results.soak)
        sections += soak_report.section(results.soak, o.workers)
    lines += ["## Targets", "", *table(["figure", "measured", "target", "met"], targets), ""]
    lines += _networks(results)
    if results.missing:
        lines += [f"Not measured yet (their queries have not landed): {', '.join(results.missing)}.", ""]
    lines += sections
    lines += _method(results)
    return "\n".join(lines) + "\n"


def _machine(results: Results) -> list[str]:
    usage = results.usage
    if usage is None:
        return []
    cores = int(results.machine.get("cores") or 1)
    others = (", ".join(f"{name} {cpu:.0f} s" for name, cpu in usage.others[:6] if cpu >= 1)
              or "nothing notable")
    return [
        f"What else ran: over the {usage.seconds / 60:.0f} min run, processes outside the benchmark used "
        f"{usage.others_total:.0f} CPU-seconds ({usage.others_share(cores):.0%} of the machine): {others}. "
        f"Load average at start {usage.load_start[0]:.2f}, at end {usage.load_end[0]:.2f}.",
        "",
    ]


def _latency_ratio(results: Results, question: str, a: str, b: str,
                   statistic: Callable[[Sequence[float]], float]) -> stats.Ratio:
    timings = results.latency[question]
    return stats.bootstrap_ratio(timings[a], timings[b], statistic)


def _worst(results: Results, a: str, b: str, statistic: Callable[[Sequence[float]], float]
           ) -> tuple[str, stats.Ratio] | None:
    ratios = [(q, _latency_ratio(results, q, a, b, statistic)) for q in results.latency]
    return max(ratios, key=lambda item: item[1].value) if ratios else None


def _throughput_ratio(turns: dict[str, list[Turn]], a: str, b: str) -> tuple[float, float, float]:
    """Median, min and max over rounds of (a's rate / b's rate in the same round)."""
    ratios = [x.rate / y.rate for x, y in zip(turns[a], turns[b], strict=True)]
    return stats.median(ratios), min(ratios), max(ratios)


def _targets(results: Results) -> list[list[str]]:
    rows = []
    if worst := _worst(results, TIES, RAW, stats.p50):
        q, r = worst
        rows.append(["1. GraphQL overhead p50, Ties / raw (worst question)", f"{r} {q}",
                     f"<= {TARGET_P50}", yes(r.value <= TARGET_P50)])
    if worst := _worst(results, TIES, RAW, stats.p99):
        q, r = worst
        rows.append(["1. GraphQL overhead p99, Ties / raw (worst question)", f"{r} {q}",
                     f"<= {TARGET_P99}", yes(r.value <= TARGET_P99)])
    if results.throughput:
        value, low, high = _throughput_ratio(results.throughput, TIES, RAW)
        rows.append([f"2. throughput at {results.options.concurrency} callers, Ties / raw",
                     f"{value:.2f} ({low:.2f}-{high:.2f})", f">= {TARGET_THROUGHPUT}",
                     yes(value >= TARGET_THROUGHPUT)])
        value, low, high = _throughput_ratio(results.throughput, TIES, PEER)
        rows.append(["3. throughput, Ties / peer", f"{value:.2f} ({low:.2f}-{high:.2f})",
                     f">= {TARGET_PEER_THROUGHPUT}", yes(value >= TARGET_PEER_THROUGHPUT)])
    if worst := _worst(results, TIES, PEER, stats.p50):
        q, r = worst
        rows.append(["3. p50, Ties / peer (worst question)", f"{r} {q}", "<= 1", yes(r.value <= 1)])
    if results.lists is not None:
        value = results.lists.ratio
        rows.append(["4. lists: cost per returned person, Ties / raw", f"{value:.2f}", f"<= {TARGET_LISTS}",
                     yes(value <= TARGET_LISTS)])
    if results.imports is not None:
        i = results.imports
        value = i.rate("ties import") / i.rate("UNWIND ... CREATE")
        rows.append(["5. import relationships/s, `ties import` / UNWIND CREATE", f"{value:.2f}",
                     f">= {TARGET_IMPORT}", yes(value >= TARGET_IMPORT)])
    return rows + _cost_targets(results) + _density_targets(results)


#: Issue 21: the service's CPU per request, as a multiple of the HTTP floor's.
TARGET_COST = {"simple": 5.0, "mutual": 6.0}


def _cost_targets(results: Results) -> list[list[str]]:
    rows = []
    for found in results.cost:
        floor = found.floor_ms
        for group, target in TARGET_COST.items():
            measured = [r for r in found.rows if r.row.group == group]
            if not measured or not floor:
                continue
            worst = max(measured, key=lambda r: r.server_ms)
            ratio = worst.server_ms / floor
            label = "simple reads" if group == "simple" else "degree + mutualConnectionCount"
            rows.append([f"21. {found.network}: service CPU per request / HTTP floor, {label} (worst)",
                         f"{ratio:.1f} ({worst.server_ms:.2f} / {floor:.3f} ms) {worst.row.name}",
                         f"<= {target:g}", yes(ratio <= target)])
    return rows


def _cost(found: cost.CostResult) -> list[str]:
    floor = found.floor_ms
    rows = []
    for r in found.rows:
        answered = sum(t.answered for t in r.turns)
        elapsed = sum(t.seconds for t in r.turns)
        refused = sum(t.refused for t in r.turns)
        low, high = r.spread(lambda t: t.per_request(t.server_cpu) * 1000)
        server = "-" if r.row.server == "raw" else f"{r.server_ms:.3f} ({low:.3f}-{high:.3f})"
        ratio = "-" if r.row.server == "raw" else f"{r.server_ms / floor:.1f}"
        neo = "-" if r.row.group == "floor" else f"{r.neo4j_ms:.3f}"
        tx = "-" if r.row.group == "floor" else f"{r.transactions:.2f}"
        busy = stats.median([t.others_cpu / t.seconds for t in r.turns])
        rows.append([r.row.name, f"{answered / elapsed:.0f}", server, ratio, neo, tx, f"{r.client_ms:.3f}",
                     f"{busy:.2f}", str(refused) if refused else ""])
    others = [t.others_cpu / t.seconds for r in found.rows for t in r.turns]
    return [
        f"## Cost per request on {found.network} (issue 21)",
        "",
        f"{found.callers} keep-alive callers in a closed loop, {found.rounds} rounds of {found.seconds:g} s "
        "turns (after a warm-up each), the rows' order shuffled each round; each server with "
        f"{found.workers} uvicorn worker(s). CPU seconds (psutil, user + system) of the server's processes "
        "and of Neo4j per answered request, median over rounds (min-max); Cypher transactions per request "
        "from Neo4j's own transaction numbers (the tailer's polls count too: a few per second). "
        "Others: cores busy with processes outside the benchmark during the turn (median); the "
        f"machine has {found.cores}. Raw Bolt runs in the benchmark's process (no service): its client CPU "
        "is what the Python driver alone spends on one read.",
        "",
        *table(["request", "req/s", "service CPU ms/req", "x HTTP floor", "Neo4j CPU ms/req",
                "Cypher tx/req", "client CPU ms/req", "others' cores", "refused"], rows),
        "",
        f"Others' cores over the stage: median {stats.median(others):.2f}, max {max(others):.2f}.",
        "",
    ]


def _density_targets(results: Results) -> list[list[str]]:
    rows = []
    for found in results.density:
        for ask in found.asks:
            if ask.name == "reach" and ask.baseline:
                for label, statistic in (("p50", stats.p50), ("p99", stats.p99)):
                    r = stats.bootstrap_ratio(ask.seconds, ask.baseline, statistic)
                    rows.append([f"6. {found.network}: reach {label}, Ties / in-memory BFS", str(r),
                                 f"<= {density.TARGET_REACH_RATIO:g}",
                                 yes(r.value <= density.TARGET_REACH_RATIO)])
        if found.asks:
            worst = max(found.asks, key=lambda a: stats.p99(a.seconds))
            value = stats.p99(worst.seconds)
            rows.append([f"7. {found.network}: p99 at one caller (worst question)",
                         f"{ms(value)} ms {worst.name}", f"<= {density.TARGET_P99 * 1000:.0f} ms",
                         yes(value <= density.TARGET_P99)])
            loaded = [a for a in found.asks if a.loaded_latencies]
            if loaded:
                worst = max(loaded, key=lambda a: stats.p99(a.loaded_latencies))
                value = stats.p99(worst.loaded_latencies)
                rows.append([f"7. {found.network}: p99 at {found.callers} callers (worst question)",
                             f"{ms(value)} ms {worst.name}", f"<= {density.TARGET_P99 * 1000:.0f} ms",
                             yes(value <= density.TARGET_P99)])
    return rows


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def _networks(results: Results) -> list[str]:
    if not results.networks:
        return []
    rows = []
    for name, found in results.networks.items():
        network = found["network"]
        shape = next((d.shape for d in results.density if d.network == name), {})
        made = " + ".join(f"{kind} {_duration(found[f'{kind} seconds'])}" for kind in ("generate", "import")
                          if f"{kind} seconds" in found) or "reused from an earlier run"
        command = f"`ties generate {' '.join(network.generate_args()[2:])}`"
        rows.append([name, command, f"{found.get('people', 0):,}",
                     f"{found.get('connections', 0):,}", f"{found.get('follows', 0):,}",
                     " / ".join(f"{shape[k]:,.0f}" for k in ("median", "p99", "max")) if shape else "-",
                     made])
    return ["## Networks", "",
            *table(["network", "generated by", "people", "CONNECTED_TO", "FOLLOWS",
                    "connections per person: median / p99 / max", "generate + import this run"], rows), ""]


def _density(found: density.QuestionsResult, results: Results) -> list[str]:
    rows = []
    target = density.TARGET_P99
    for ask in found.asks:
        if not ask.seconds:
            continue
        best = [t for t, top in zip(ask.seconds, ask.best_connected, strict=True) if top]
        loaded = ask.loaded_latencies
        rate = len(loaded) / ask.loaded_seconds if ask.loaded_seconds else 0.0
        refused = sum(ask.refused.values())
        rows.append([f"`{ask.name}`", str(ask.samples), str(len(ask.seconds)), ms(stats.p50(ask.seconds)),
                     ms(stats.p99(ask.seconds)), ms(stats.p50(best)) if best else "-",
                     ms(max(best)) if best else "-", yes(stats.p99(ask.seconds) <= target),
                     f"{rate:.1f}", ms(stats.p99(loaded)) if loaded else "-",
                     yes(bool(loaded) and stats.p99(loaded) <= target), str(refused) if refused else ""])
    lines = [
        f"## 6-7. Every question on {found.network} (issue 11)",
        "",
        f"Connections per person: median {found.shape['median']:,.0f}, p99 {found.shape['p99']:,.0f}, "
        f"max {found.shape['max']:,.0f} ({found.shape['over 2,000']:,.0f} people above 2,000). Through "
        f"GraphQL as a client asks. One caller: every sample once untimed (answers checked), then up to "
        f"{found.calls} timed calls per question round-robin over the samples, or fewer once every sample "
        f"was timed and {found.budget:.0f} s had passed. Then {found.callers} callers in a closed loop on "
        f"the question alone for {found.seconds:.0f} s after a warm-up. Samples: the 5 best-connected "
        "people always (as the person asked about, the viewer, or the author of the post) plus random ones; "
        "\"best-connected\" columns are the calls that involved one of those five. "
        f"p99 target: {target * 1000:.0f} ms.",
        "",
        *table(["question", "samples", "calls", "p50 ms", "p99 ms", "best-connected p50 ms",
                "best-connected max ms", "p99 met", f"{found.callers} callers req/s", "p99 ms", "met",
                "refused"], rows),
        "",
    ]
    for ask in found.asks:
        if ask.name == "reach" and ask.baseline:
            r50 = stats.bootstrap_ratio(ask.seconds, ask.baseline, stats.p50)
            r99 = stats.bootstrap_ratio(ask.seconds, ask.baseline, stats.p99)
            lines += [
                f"Reach beside its baseline, interleaved call by call in shuffled order: a numpy BFS over "
                f"the same CONNECTED_TO graph in CSR arrays ({found.load_seconds:.0f} s to load from Neo4j "
                f"once), in the benchmark's process. BFS p50 {ms(stats.p50(ask.baseline))} ms, p99 "
                f"{ms(stats.p99(ask.baseline))} ms; Ties / BFS: p50 **{r50}**, p99 **{r99}** "
                f"(target <= {density.TARGET_REACH_RATIO:g}).",
                "",
            ]
            if ask.estimate_error is not None:
                lines += ["Ties marked some reach answers as estimated; the largest relative error against "
                          f"the BFS: {ask.estimate_error:.2%} (bound {density.ESTIMATE_ERROR:.0%}).", ""]
    refusals = [(a.name, why, n) for a in found.asks for why, n in a.refused.items()]
    if refusals:
        lines += ["Refused requests (counted in the timings):", "",
                  *(f"- `{name}` ({n}): {why}" for name, why, n in refusals), ""]
    lines += ["Checked on every sample, or the run stops: " + "; ".join(found.checks) + ".", ""]
    return lines


def _overhead(results: Results) -> list[str]:
    if not results.latency:
        return []
    o = results.options
    rows = []
    for q, t in results.latency.items():
        r50 = _latency_ratio(results, q, TIES, RAW, stats.p50)
        r99 = _latency_ratio(results, q, TIES, RAW, stats.p99)
        peer = _latency_ratio(results, q, TIES, PEER, stats.p50)
        rows.append([f"`{q}`", ms(stats.p50(t[TIES])), ms(stats.p50(t[RAW])), str(r50),
                     ms(stats.p99(t[TIES])), ms(stats.p99(t[RAW])), str(r99),
                     ms(stats.p50(t[PEER])), str(peer)])
    return [
        "## 1. GraphQL overhead, and 3. latency against the peer",
        "",
        f"One caller; {o.calls} timed calls per question and variant after {o.warmup} untimed (and one "
        "per sample), the three variants interleaved in shuffled order for each sample, every sample's "
        "three answers checked equal. Ratios with a bootstrap 95% interval.",
        "",
        *table(["question", "Ties p50 ms", "raw p50 ms", "p50 ratio", "Ties p99 ms", "raw p99 ms",
                "p99 ratio", "peer p50 ms", "Ties / peer p50"], rows),
        "",
    ]


def _throughput(results: Results) -> list[str]:
    turns = results.throughput
    if not turns:
        return []
    o = results.options
    names = sorted({name for ts in turns.values() for t in ts for name in t.cpu})
    rows = []
    for variant, ts in turns.items():
        rates = [t.rate for t in ts]
        latencies = [x for t in ts for x in t.latencies]
        requests = sum(t.requests for t in ts)
        elapsed = sum(t.seconds for t in ts)
        used = {n: sum(t.cpu[n] for t in ts) for n in names}
        cpu = [f"{used[n] / requests * 1000:.2f} / {used[n] / elapsed:.2f}" for n in names]
        rows.append([variant, f"{stats.median(rates):.1f}", f"{min(rates):.1f}-{max(rates):.1f}",
                     ms(stats.p50(latencies)), ms(stats.p99(latencies)), *cpu])
    return [
        "## 2. Throughput, and 3. against the peer",
        "",
        f"{o.concurrency} callers in a closed loop over a mix of {', '.join(results.questions)} (round "
        f"robin over the same samples for every variant); {o.rounds} rounds of {o.seconds:.0f} s turns, "
        "the variants' order shuffled each round, after a warm-up turn each. CPU columns: "
        "milliseconds of CPU per request / cores busy during the turns, per process.",
        "",
        *table(["variant", "req/s (median)", "rounds", "p50 ms", "p99 ms", *(f"CPU {n}" for n in names)],
               rows),
        "",
    ]


def _lists(results: Results) -> list[str]:
    lst = results.lists
    if lst is None:
        return []
    rows = [[name, f"{lst.median(name) * 1000:.1f}", f"{lst.median(name) / lst.people * 1e6:.1f}"]
            for name in lst.seconds]
    return ["## 4. Lists", "", lst.note, "",
            *table(["variant", "median ms", "µs per person"], rows), "",
            f"Per returned person, Ties / raw, one page of 5,000 each: **{lst.ratio:.2f}**; walking 50 "
            f"pages of 100, Ties / the same pages through the driver: {lst.paging_ratio:.2f}.", ""]


def _imports(results: Results) -> list[str]:
    i = results.imports
    if i is None:
        return []
    rows = [[name, ", ".join(f"{s:.1f}" for s in times), f"{i.rate(name):,.0f}"]
            for name, times in i.seconds.items()]
    return [
        "## 5. Import",
        "",
        f"{i.relationships:,} relationships ({i.follows:,} FOLLOWS, {i.connections:,} CONNECTED_TO) among "
        f"{i.people:,} scratch people, written by each variant in turn, {results.options.import_rounds} "
        "rounds, order shuffled; rate from the median turn. See bench/imports.py for the baseline's Cypher.",
        "",
        *table(["variant", "seconds per turn", "relationships/s"], rows),
        "",
        "Last `ties import` summary:",
        "",
        "```",
        i.summary,
        "```",
        "",
    ]


def _profiles(results: Results) -> list[str]:
    if not results.profiles:
        return []
    layers = sorted({name for p in results.profiles for name, _ in p.layers})
    rows = [[f"`{p.question}`", f"{p.requests / p.seconds:.1f}", f"{p.ties_ms:.2f}", f"{p.neo4j_ms:.2f}",
             *(f"{dict(p.layers).get(name, 0):.0%}" for name in layers)] for p in results.profiles]
    return [
        "## Where the time goes",
        "",
        f"Each question alone at Ties (4 callers, {min(results.options.seconds, 15):g} s) while py-spy "
        "samples every Ties process (only "
        "samples holding the GIL); CPU per request from /proc. The layer columns share out Ties' "
        "samples by the innermost frame. Raw stacks: `bench/data/profiles/` (not committed).",
        "",
        *table(["question", "req/s", "Ties CPU ms/req", "Neo4j CPU ms/req", *layers], rows),
        "",
    ]


def _method(results: Results) -> list[str]:
    return [
        "## How to reproduce",
        "",
        "`make bench` on a fresh checkout (installs the bench extras and the peer's npm packages, "
        "generates and imports the network once into `bench/data/`, then runs every stage); "
        "`.venv/bin/python -m bench --help` for the knobs.",
    ]
