"""Neo4j dies under load: nothing acknowledged is lost, requests fail fast with UNAVAILABLE,
/readyz says 503, and the service recovers by itself once the database is back.

Runs its own Neo4j (the project's server, in a throwaway home) so killing it leaves the rest of the
suite alone. The recovery time it measures is printed (``pytest -s``) and logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import neo4j
import pytest

from service.identity import issue_token
from service.settings import Settings
from service.tools.neo4j_server import LocalNeo4j, free_port
from tests.conftest import TEST_PASSWORD, TEST_SECRET, ServiceThread

log = logging.getLogger("tests.outage")

#: Far below the driver's default 30 s of retries: a request must not hang while Neo4j is down.
FAIL_FAST_CEILING = 20.0

CREATE = "mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }"
REQUEST = "mutation ($id: ID!) { sendConnectionRequest(personId: $id) { requestSent connected } }"
ACCEPT = "mutation ($id: ID!) { acceptConnectionRequest(personId: $id) { connected } }"
FOLLOW = "mutation ($id: ID!) { follow(personId: $id) { following } }"


@dataclass
class Outcomes:
    """What one load worker saw: each acknowledged write as (kind, a, b), and every error code."""

    acknowledged: list[tuple[str, str, str]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    failures: list[tuple[float, float]] = field(default_factory=list)  # (started, seconds taken)
    last_success: float = 0.0


class Load:
    """Worker threads building a chain of people as fast as the service answers, until stopped.

    Each step creates a person, who asks the previous one to connect; the previous one accepts
    (one CONNECTED_TO, the request gone, follows both ways: R4), and the new one follows the one
    before that. A step stops at its first failure and the next step starts afresh.
    """

    def __init__(self, url: str, workers: int = 3) -> None:
        self.url = url
        self.stop = threading.Event()
        self.outcomes = [Outcomes() for _ in range(workers)]
        self.threads = [threading.Thread(target=self._work, args=(n,), daemon=True) for n in range(workers)]

    def _work(self, worker: int) -> None:
        seen = self.outcomes[worker]
        with httpx.Client(base_url=self.url, timeout=FAIL_FAST_CEILING) as http:

            def send(query: str, variables: dict[str, object], as_: str, admin: bool = False) -> bool:
                token = issue_token(TEST_SECRET, as_, admin=admin)
                started = time.monotonic()
                body = http.post("/graphql", json={"query": query, "variables": variables},
                                 headers={"Authorization": f"Bearer {token}"}).json()
                if body.get("errors"):
                    seen.codes.extend(e["extensions"]["code"] for e in body["errors"])
                    seen.failures.append((started, time.monotonic() - started))
                    time.sleep(0.05)
                    return False
                seen.last_success = time.monotonic()
                return True

            chain: list[str] = []  # people of this worker that exist, oldest first
            n = 0
            while not self.stop.is_set():
                n += 1
                me = f"w{worker}-{n}"
                if not send(CREATE, {"input": {"id": me, "name": me}}, "admin", admin=True):
                    continue
                seen.acknowledged.append(("person", me, me))
                if chain and send(REQUEST, {"id": chain[-1]}, me):
                    seen.acknowledged.append(("requested", me, chain[-1]))
                    if send(ACCEPT, {"id": me}, chain[-1]):
                        seen.acknowledged.append(("connected", me, chain[-1]))
                if len(chain) > 1 and send(FOLLOW, {"id": chain[-2]}, me):
                    seen.acknowledged.append(("follows", me, chain[-2]))
                chain.append(me)

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=FAIL_FAST_CEILING + 10)

    def acknowledged(self) -> int:
        return sum(len(o.acknowledged) for o in self.outcomes)

    def wait_until(self, condition: str, predicate: object, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():  # type: ignore[operator]
            assert time.monotonic() < deadline, f"timed out waiting until {condition}"
            assert all(t.is_alive() for t in self.threads), "a load worker died; see the log"
            time.sleep(0.1)


def wait_for_database(server: LocalNeo4j, timeout: float = 300.0) -> float:
    """When the graph database itself (not only Bolt) answers a query again, after recovery; a
    database that never comes back fails the test instead of hanging the suite."""
    deadline = time.monotonic() + timeout
    with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", TEST_PASSWORD)) as driver:
        while True:
            try:
                driver.execute_query("MATCH (p:Person) RETURN count(p) AS n", database_="neo4j")
                return time.monotonic()
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError):
                assert time.monotonic() < deadline, f"Neo4j did not answer within {timeout:.0f} s"
                time.sleep(0.05)


def lost_writes(uri: str, acknowledged: list[tuple[str, str, str]]) -> list[list[str]]:
    """The acknowledged writes (as ``Outcomes.acknowledged`` holds them) the graph does not show."""
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", TEST_PASSWORD)) as driver:
        missing, _, _ = driver.execute_query("""
            UNWIND $writes AS w
            OPTIONAL MATCH (a:Person {id: w[1]})
            OPTIONAL MATCH (b:Person {id: w[2]})
            WITH w, a, b,
                 CASE w[0]
                   WHEN 'person' THEN a IS NOT NULL AND a.name IS NOT NULL AND a.createdAt IS NOT NULL
                                      AND a.connectionsVisibility IS NOT NULL AND a.followPolicy IS NOT NULL
                   WHEN 'requested' THEN EXISTS { (a)-[:REQUESTED]->(b) }
                                         OR EXISTS { (a)-[:CONNECTED_TO]-(b) }
                   WHEN 'connected' THEN EXISTS { (a)-[:CONNECTED_TO]-(b) }
                   WHEN 'follows' THEN EXISTS { (a)-[:FOLLOWS]->(b) }
                 END AS present
            WHERE NOT present
            RETURN w""", writes=[list(w) for w in acknowledged], database_="neo4j")
    return [record["w"] for record in missing]


@pytest.fixture
def own_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    """A Neo4j for this test alone, so killing it leaves the session's database alone."""
    project = Settings.from_env()
    server = LocalNeo4j(home=tmp_path_factory.mktemp("outage-neo4j"), lib=project.neo4j_home / "lib",
                        bolt_port=free_port(), http_port=free_port(), user="neo4j",
                        password=TEST_PASSWORD, heap="512m", pagecache="64m")
    server.start(detach=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_killing_neo4j_mid_load_loses_nothing_acknowledged_and_the_service_recovers(
        own_neo4j: LocalNeo4j) -> None:
    # A database that is still recovering holds queries; the deadline turns that into UNAVAILABLE.
    settings = Settings.from_env({"NEO4J_URI": own_neo4j.bolt_uri, "NEO4J_USER": "neo4j",
                                  "NEO4J_PASSWORD": TEST_PASSWORD, "TIES_JWT_SECRET": TEST_SECRET,
                                  "TIES_QUERY_TIMEOUT": "10"})
    with ServiceThread(settings) as service, Load(service.url) as load:
        load.wait_until("some writes are acknowledged", lambda: load.acknowledged() >= 60)

        own_neo4j.stop(hard=True)  # SIGKILL: no clean shutdown, no flush beyond what commit did
        killed_at = time.monotonic()
        load.wait_until("every worker has failed since the kill",
                        lambda: all(any(started > killed_at for started, _ in o.failures)
                                    for o in load.outcomes))
        ready = httpx.get(f"{service.url}/readyz", timeout=FAIL_FAST_CEILING)
        assert (ready.status_code, ready.json()["status"]) == (503, "unavailable")

        restarted_at = time.monotonic()
        own_neo4j.start(detach=False)  # same home: the same store and transaction logs
        database_back_at = wait_for_database(own_neo4j)
        load.wait_until("every worker succeeds again",
                        lambda: all(o.last_success > database_back_at for o in load.outcomes))
        recovered_at = max(o.last_success for o in load.outcomes)
        readyz = f"{service.url}/readyz"
        load.wait_until("/readyz says ready again",
                        lambda: httpx.get(readyz, timeout=FAIL_FAST_CEILING).status_code == 200)

    failures = [(started, took) for o in load.outcomes for started, took in o.failures]
    recovery = {
        "killed_to_restart": restarted_at - killed_at,
        "restart_to_database_answers": database_back_at - restarted_at,
        "database_answers_to_every_worker_served": recovered_at - database_back_at,
        "slowest_failure_while_down": max(took for started, took in failures if started < restarted_at),
    }
    log.warning("outage test: %s", {k: round(v, 2) for k, v in recovery.items()})
    print(f"\noutage test measured (seconds): {recovery}")

    codes = {code for o in load.outcomes for code in o.codes}
    assert codes <= {"UNAVAILABLE"}, f"only UNAVAILABLE may be seen while Neo4j is down, got {codes}"

    acknowledged = [write for o in load.outcomes for write in o.acknowledged]
    assert {kind for kind, _, _ in acknowledged} == {"person", "requested", "connected", "follows"}
    assert lost_writes(own_neo4j.bolt_uri, acknowledged) == [], "acknowledged writes lost"
    with neo4j.GraphDatabase.driver(own_neo4j.bolt_uri, auth=("neo4j", TEST_PASSWORD)) as driver:
        half_made, _, _ = driver.execute_query("""
            MATCH (a:Person)-[:CONNECTED_TO]-(b:Person) WHERE a.id < b.id
            WITH a, b, count(*) AS edges
            WHERE edges > 1 OR EXISTS { (a)-[:REQUESTED]-(b) }
               OR NOT (EXISTS { (a)-[:FOLLOWS]->(b) } AND EXISTS { (b)-[:FOLLOWS]->(a) })
            RETURN a.id AS a, b.id AS b, edges""")
    assert [dict(r) for r in half_made] == [], "half-made (R4: one edge, no request, follows both ways)"
