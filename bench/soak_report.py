"""The soak stage's part of the report: its target rows and its section (bench/soak.py measures)."""

from __future__ import annotations

from bench.soak import SoakResult

TARGET_RSS_GROWTH = 0.10


def _yes(met: bool) -> str:
    return "**yes**" if met else "no"


def targets(soak: SoakResult) -> list[list[str]]:
    growth = soak.rss_growth[2]
    return [["6. soak: acknowledged writes lost", f"{soak.lost}", "0", _yes(soak.lost == 0)],
            ["6. soak: errors other than UNAVAILABLE", f"{soak.other_errors}", "0",
             _yes(soak.other_errors == 0)],
            ["6. soak: service memory growth after warm-up", f"{growth:+.1%}", f"< {TARGET_RSS_GROWTH:.0%}",
             _yes(growth < TARGET_RSS_GROWTH)]]


def section(soak: SoakResult, workers: int) -> list[str]:
    base, end, growth = soak.rss_growth
    recoveries = ", ".join("never" if r is None else f"{r:.1f} s" for r in soak.recoveries) or "no kills"
    errors = ", ".join(f"{code} {n}" for code, n in soak.errors.most_common()) or "none"
    rows = [
        ["reads answered", f"{soak.reads:,}"],
        ["writes acknowledged (each checked at the end)", f"{len(soak.acknowledged):,}"],
        ["acknowledged writes lost", f"{soak.lost}"],
        ["errors by code", errors],
        ["kill to /readyz ready again", recoveries],
        ["service restarted", "yes" if soak.service_restarted else "no"],
        ["service RSS after warm-up -> at the end (Neo4j excluded)",
         f"{base / 2**20:.0f} MiB -> {end / 2**20:.0f} MiB ({growth:+.1%})"],
    ]
    return [
        "## Soak: the local Neo4j killed under load",
        "",
        f"`ties serve --workers {workers}` with the Neo4j it supervises (a fresh home, a generated "
        f"network of {soak.people:,} people); {soak.callers} callers for {soak.seconds:.0f} s, "
        f"{1 - soak.write_share:.0%} reads (the benchmark's questions) and {soak.write_share:.0%} write "
        "steps (create a person, follow, request, accept); Neo4j SIGKILLed at even intervals.",
        "",
        "| figure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
    ]
