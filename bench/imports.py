"""Import speed: relationships/s of ``ties import`` vs a server-side ``UNWIND range(...) CREATE``.

Both write the same number of FOLLOWS and CONNECTED_TO relationships between the same people, in
turns (shuffled order, several rounds), into the benchmark's database. The people are a scratch
network made by ``ties generate`` whose ids are renamed ``benchimp-<n>``: nobody in the main
network, and numbered so the server-side baseline can name them with arithmetic. People are loaded
once, untimed; each turn starts with no scratch relationships and ends by deleting them (untimed).

The baseline is the server doing the same work with nothing in the way: an index seek for each end,
then CREATE (no MERGE: it knows its pairs are new), batched in 10,000-row transactions, no data on
the wire. ``ties import`` must also read and check files, send rows over Bolt, and MERGE (it is
idempotent), so the ratio prices all of that.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import neo4j

from bench import stats
from bench.processes import DATA, ties_command

PREFIX = "benchimp-"

BASELINE = """
UNWIND range(0, $count - 1) AS i
CALL (i) {
  WITH i % $people AS a, i / $people AS k
  MATCH (source:Person {id: $prefix + toString(a)})
  MATCH (target:Person {id: $prefix + toString((a + 1 + (k * 7919) % ($people - 1)) % $people)})
  CREATE (source)-[:REL_TYPE {since: datetime()}]->(target)
} IN TRANSACTIONS OF 10000 ROWS
"""
COUNT_SCRATCH = """
MATCH (p:Person) WHERE p.id STARTS WITH $prefix
RETURN count(p) AS people,
       sum(COUNT { (p)-[:FOLLOWS]->() }) AS follows,
       sum(COUNT { (p)-[:CONNECTED_TO]->() }) AS connections
"""
DELETE_RELATIONSHIPS = """
MATCH (p:Person) WHERE p.id STARTS WITH $prefix
CALL (p) {
  MATCH (p)-[r:FOLLOWS|CONNECTED_TO]->()
  DELETE r
} IN TRANSACTIONS OF 200 ROWS
"""
DELETE_PEOPLE = """
MATCH (p:Person) WHERE p.id STARTS WITH $prefix
CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 1000 ROWS
"""


class Options(Protocol):
    @property
    def import_people(self) -> int: ...
    @property
    def import_rounds(self) -> int: ...


@dataclass
class ImportResult:
    people: int
    follows: int
    connections: int
    #: Seconds per turn, by variant ("ties import", "UNWIND ... CREATE").
    seconds: dict[str, list[float]]
    summary: str

    @property
    def relationships(self) -> int:
        return self.follows + self.connections

    def rate(self, variant: str) -> float:
        """Relationships per second in the variant's median turn."""
        return self.relationships / stats.median(self.seconds[variant])


def _run(driver: neo4j.Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    with driver.session(database=database) as session:  # CALL ... IN TRANSACTIONS needs auto-commit
        return [record.data() for record in session.run(query, params)]


def scratch_files(people: int, log: Callable[[str], None]) -> Path:
    """A generated network with its ids renamed ``benchimp-<n>``, as people/follows/connections CSV."""
    source = DATA / f"import-{people}"
    scratch = source / "renamed"
    if (scratch / "connections.csv").exists():
        return scratch
    if not (source / "people.csv").exists():
        log(f"  generating a {people:,}-person network for the import comparison ...")
        subprocess.run(ties_command("generate", str(source), "--people", str(people), "--seed", "7"),
                       check=True, capture_output=True)
    scratch.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    with (source / "people.csv").open(newline="") as f, \
            (scratch / "people.csv").open("w", newline="") as out:
        rows = csv.DictReader(f)
        writer = csv.writer(out)
        writer.writerow(["id", "name", "headline"])
        for number, row in enumerate(rows):
            names[row["id"]] = f"{PREFIX}{number}"
            writer.writerow([names[row["id"]], row["name"], row.get("headline", "")])
    for kind in ("follows", "connections"):
        with (source / f"{kind}.csv").open(newline="") as f, \
                (scratch / f"{kind}.csv").open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["source", "target"])
            for row in csv.DictReader(f):
                writer.writerow([names[row["source"]], names[row["target"]]])
    return scratch


def compare(driver: neo4j.Driver, database: str, env: dict[str, str], options: Options,
            log: Callable[[str], None]) -> ImportResult:
    scratch = scratch_files(options.import_people, log)
    ties_env = {**os.environ, **env}

    def ties_import(*args: str) -> str:
        done = subprocess.run(ties_command("import", *args, "--quiet"), env=ties_env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"ties import failed:\n{done.stdout}{done.stderr}")
        return done.stdout.strip()

    _run(driver, database, DELETE_PEOPLE, prefix=PREFIX)
    ties_import("--people", str(scratch / "people.csv"))
    people = _run(driver, database, COUNT_SCRATCH, prefix=PREFIX)[0]["people"]
    expected = _expected(scratch)
    seconds: dict[str, list[float]] = {"ties import": [], "UNWIND ... CREATE": []}
    summary = ""
    rng = random.Random(5)
    try:
        for round_number in range(options.import_rounds):
            order = list(seconds)
            rng.shuffle(order)
            for variant in order:
                started = time.perf_counter()
                if variant == "ties import":
                    summary = ties_import("--follows", str(scratch / "follows.csv"),
                                          "--connections", str(scratch / "connections.csv"))
                else:
                    for kind, count in zip(("FOLLOWS", "CONNECTED_TO"), expected, strict=True):
                        _run(driver, database, BASELINE.replace("REL_TYPE", kind), count=count, people=people,
                             prefix=PREFIX)
                elapsed = time.perf_counter() - started
                found = _run(driver, database, COUNT_SCRATCH, prefix=PREFIX)[0]
                written = (found["follows"], found["connections"])
                if written != expected:
                    raise RuntimeError(f"{variant} wrote {written} (follows, connections), not {expected}")
                seconds[variant].append(elapsed)
                log(f"  round {round_number + 1}/{options.import_rounds} {variant}: "
                    f"{sum(written):,} relationships in {elapsed:.1f} s")
                _run(driver, database, DELETE_RELATIONSHIPS, prefix=PREFIX)
    finally:
        _run(driver, database, DELETE_PEOPLE, prefix=PREFIX)
    return ImportResult(people, *expected, seconds, summary)


def _expected(scratch: Path) -> tuple[int, int]:
    """Distinct non-loop pairs in the files: what ``ties import`` will write (connections undirected)."""
    def pairs(kind: str, undirected: bool) -> int:
        seen = set()
        with (scratch / f"{kind}.csv").open(newline="") as f:
            for row in csv.DictReader(f):
                a, b = row["source"], row["target"]
                if a != b:
                    seen.add((min(a, b), max(a, b)) if undirected else (a, b))
        return len(seen)

    return pairs("follows", False), pairs("connections", True)
