"""Issue 14: a quick restart starts a new server instead of waiting on the one still stopping, and
`ties serve` brings its local Neo4j back when it dies (SIGKILL, as the out-of-memory killer would)
with no restart of the service and no acknowledged write lost.

Each test runs its own Neo4j in a throwaway home on free ports (the jars are the project's).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import neo4j
import pytest

from service.settings import Settings
from service.tools import pids
from service.tools.neo4j_server import LocalNeo4j, free_port
from tests.conftest import TEST_PASSWORD, TEST_SECRET
from tests.test_outage import Load, lost_writes


def new_home(tmp_path: Path) -> Path:
    home = tmp_path / "neo4j"
    home.mkdir()
    (home / "lib").symlink_to(Settings.from_env().neo4j_home.resolve() / "lib")
    return home


def local_server(home: Path) -> LocalNeo4j:
    return LocalNeo4j(home=home, lib=home / "lib", bolt_port=free_port(), http_port=free_port(),
                      user="neo4j", password=TEST_PASSWORD, heap="512m", pagecache="64m")


def people(server: LocalNeo4j) -> int:
    with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", TEST_PASSWORD)) as driver:
        records, _, _ = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n", database_="neo4j")
    return int(records[0]["n"])


def add_person(server: LocalNeo4j, person_id: str) -> None:
    with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", TEST_PASSWORD)) as driver:
        driver.execute_query("CREATE (:Person {id: $id})", id=person_id, database_="neo4j")


@pytest.mark.slow
def test_a_server_still_stopping_is_waited_for_and_a_new_one_started(tmp_path: Path) -> None:
    # Today's main found the stopping server's pid, waited 120 s for it to answer, then failed.
    server = local_server(new_home(tmp_path))
    server.start(detach=True)
    try:
        for n in range(3):
            add_person(server, f"p{n}")
            old = server.pid()
            assert old is not None
            os.kill(old, signal.SIGTERM)  # it begins to stop; nobody waits for it
            began = time.monotonic()
            started = server.start(detach=True, timeout=90)
            assert started is not None, "start() trusted a server that was stopping"
            assert not pids.alive(old), "the old server must be gone before the new one starts"
            assert server.pid() == started.pid != old
            assert people(server) == n + 1, "the graph survives each restart"
            print(f"restart {n + 1}: {time.monotonic() - began:.1f} s from SIGTERM to answering")
    finally:
        server.stop()


class Serve:
    """`ties serve` as a user runs it, with its local Neo4j in ``home``."""

    def __init__(self, home: Path, server: LocalNeo4j, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env.update({"TIES_NEO4J_HOME": str(home), "TIES_NEO4J_BOLT_PORT": str(server.bolt_port),
                    "TIES_NEO4J_HTTP_PORT": str(server.http_port), "TIES_NEO4J_HEAP": server.heap,
                    "TIES_NEO4J_PAGECACHE": server.pagecache, "NEO4J_PASSWORD": TEST_PASSWORD,
                    "TIES_JWT_SECRET": TEST_SECRET, "TIES_QUERY_TIMEOUT": "10"})
        self.log = log
        with log.open("ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "service.tools.cli", "serve", "--port",
                                             str(self.port)], env=env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def wait_ready(self, timeout: float = 180) -> float:
        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, f"ties serve exited:\n{self.log.read_text()[-3000:]}"
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return time.monotonic()
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"ties serve not ready:\n{self.log.read_text()[-3000:]}"
            time.sleep(0.2)

    def interrupt(self) -> None:
        """Ctrl-C: SIGINT to the whole foreground group (the service and the Neo4j it started)."""
        os.killpg(self.process.pid, signal.SIGINT)

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=120)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    home = new_home(tmp_path)
    yield home
    leftover = local_server(home)
    if (pid := leftover.pid()) is not None:  # never leave a server behind, whatever failed
        os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
def test_ties_serve_interrupted_and_started_again_at_once_serves(home: Path, tmp_path: Path) -> None:
    server = local_server(home)
    log = tmp_path / "serve.log"
    first = Serve(home, server, log)
    try:
        first.wait_ready()
        first.interrupt()
        second = Serve(home, server, log)  # at once: the first is still stopping its Neo4j
        try:
            second.wait_ready()
            assert first.process.wait(timeout=90) == 0
            assert httpx.get(f"{second.url}/readyz", timeout=5).status_code == 200
        finally:
            second.close()
    finally:
        first.close()


@pytest.mark.slow
def test_ties_serve_restarts_its_killed_neo4j_and_keeps_every_acknowledged_write(
        home: Path, tmp_path: Path) -> None:
    server = local_server(home)
    serve = Serve(home, server, tmp_path / "serve.log")
    try:
        serve.wait_ready()
        with Load(serve.url) as load:
            load.wait_until("some writes are acknowledged", lambda: load.acknowledged() >= 30)
            killed = server.pid()
            assert killed is not None
            os.kill(killed, signal.SIGKILL)
            killed_at = time.monotonic()
            load.wait_until("every worker has failed since the kill",
                            lambda: all(any(t > killed_at for t, _ in o.failures) for o in load.outcomes))
            load.wait_until("every worker succeeds again",
                            lambda: all(o.last_success > killed_at + 1 for o in load.outcomes), timeout=240)
            print(f"service answering again {time.monotonic() - killed_at:.1f} s after the kill")
            assert pids.state(killed) is None, "the killed server must be reaped, not left a zombie"
            load.wait_until("some more writes are acknowledged",
                            lambda: load.acknowledged() >= 60)
        assert serve.process.poll() is None, "the service itself must not have restarted"
        restarted = server.pid()
        assert restarted is not None and restarted != killed
        codes = {code for o in load.outcomes for code in o.codes}
        assert codes <= {"UNAVAILABLE"}, f"only UNAVAILABLE may be seen while Neo4j is down, got {codes}"
        assert lost_writes(server.bolt_uri, [w for o in load.outcomes for w in o.acknowledged]) == []
        assert "restarting it in" in serve.log.read_text()
    finally:
        serve.close()
    assert server.pid() is None, "ties serve stops the Neo4j it restarted"
