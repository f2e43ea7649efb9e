"""Fixtures: one real Neo4j for the session from one of three sources, the service over real HTTP.

The database is, in order: ``NEO4J_URI`` when set; a testcontainers ``neo4j:5.26-community``
when a Docker engine answers; otherwise the project's own server (``service/tools/neo4j_server.py``) in
a throwaway home on free ports, so parallel runs and a running ``make run`` never collide.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest
import uvicorn

from service import cypher
from service.app import create_app
from service.identity import issue_token
from service.settings import Settings
from service.tools.neo4j_server import LocalNeo4j, free_port

TEST_PASSWORD = "ties-test-password"
TEST_SECRET = "ties-test-secret-at-least-32-bytes-long"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks ``db`` every test that needs the database (``neo4j_endpoint`` among its fixtures, as
    every fixture that reaches Neo4j has): the rest, pure logic, is the fast tier that
    ``make test-fast`` runs alone, in seconds, with no Neo4j started."""
    for item in items:
        if "neo4j_endpoint" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@dataclass(frozen=True)
class Endpoint:
    uri: str
    user: str
    password: str
    http_url: str | None = None
    server: LocalNeo4j | None = None  # set when the project's own server runs it (tests may stop it)


def docker_available() -> bool:
    if not (os.environ.get("DOCKER_HOST") or os.path.exists("/var/run/docker.sock")):
        return False
    try:
        import docker  # type: ignore[import-untyped]  # only where a Docker engine runs

        docker.from_env(timeout=3).ping()
    except Exception:
        return False
    return True


@pytest.fixture(scope="session")
def neo4j_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    if uri := os.environ.get("NEO4J_URI"):
        yield Endpoint(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    elif docker_available():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community", password=TEST_PASSWORD).with_exposed_ports(7474) as c:
            http = f"http://{c.get_container_host_ip()}:{c.get_exposed_port(7474)}"
            yield Endpoint(c.get_connection_url(), "neo4j", TEST_PASSWORD, http)
    else:
        project = Settings.from_env()
        server = LocalNeo4j(home=tmp_path_factory.mktemp("neo4j"), lib=project.neo4j_home / "lib",
                            bolt_port=free_port(), http_port=free_port(), user="neo4j",
                            password=TEST_PASSWORD, heap="768m", pagecache="256m")
        server.start(detach=False)
        try:
            yield Endpoint(server.bolt_uri, "neo4j", TEST_PASSWORD,
                           f"http://127.0.0.1:{server.http_port}", server)
        finally:
            server.stop()


@pytest.fixture(scope="session")
def settings(neo4j_endpoint: Endpoint, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env({
        "NEO4J_URI": neo4j_endpoint.uri,
        "NEO4J_USER": neo4j_endpoint.user,
        "NEO4J_PASSWORD": neo4j_endpoint.password,
        "TIES_JWT_SECRET": TEST_SECRET,
        "TIES_INDEX_DIR": str(tmp_path_factory.mktemp("index")),  # the session's own snapshots
    })


class AnnouncingDriver:
    """The tests' driver. Tests draw their graphs straight into Neo4j, outside the service; as every
    such writer must, a write through ``execute_query`` records GRAPH_CHANGED in the change log
    (``cypher/record_events.cypher``), so the service's connection index reloads what was drawn."""

    def __init__(self, driver: neo4j.Driver) -> None:
        self._driver = driver

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)

    def wipe(self) -> None:
        """Deletes everything, the change log too: a reader finds the log gone and starts over, so
        there is nothing to announce (and the graph stays empty)."""
        self._driver.execute_query("MATCH (n) DETACH DELETE n")

    def execute_query(self, query: Any, *args: Any, **kwargs: Any) -> neo4j.EagerResult:
        result: neo4j.EagerResult = self._driver.execute_query(query, *args, **kwargs)
        if result.summary.counters.contains_updates:
            self._driver.execute_query(cypher.query("record_events").text, changes=[
                {"kind": "GRAPH_CHANGED", "actor": "tests", "subject": None, "post": None}])
        return result


@pytest.fixture(scope="session")
def driver(neo4j_endpoint: Endpoint) -> Iterator[neo4j.Driver]:
    with neo4j.GraphDatabase.driver(neo4j_endpoint.uri,
                                    auth=(neo4j_endpoint.user, neo4j_endpoint.password)) as d:
        yield AnnouncingDriver(d)  # type: ignore[misc]


class ServiceThread:
    """The real app under uvicorn on a free port, in a thread of the test process."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServiceThread:
        self.thread.start()
        deadline = time.monotonic() + 90
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the service did not start; see the log above")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def service(settings: Settings) -> Iterator[ServiceThread]:
    with ServiceThread(settings) as running:
        yield running


class GraphQLClient:
    """Sends GraphQL over real HTTP, optionally as a person (``as_``) or as an admin."""

    def __init__(self, url: str, secret: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=60)
        self.secret = secret

    def token(self, person_id: str, admin: bool = False) -> str:
        return issue_token(self.secret, person_id, admin=admin)

    def execute(self, query: str, variables: dict[str, Any] | None = None, *,
                as_: str | None = None, admin: bool = False) -> dict[str, Any]:
        headers = {}
        if as_ is not None or admin:
            headers["Authorization"] = f"Bearer {self.token(as_ or 'admin', admin)}"
        response = self.http.post("/graphql", json={"query": query, "variables": variables or {}},
                                  headers=headers)
        assert response.status_code in (200, 400), response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, variables: dict[str, Any] | None = None, **who: Any) -> dict[str, Any]:
        """The ``data`` of a request that must succeed."""
        body = self.execute(query, variables, **who)
        assert not body.get("errors"), body["errors"]
        result: dict[str, Any] = body["data"]
        return result

    def error_code(self, query: str, variables: dict[str, Any] | None = None, **who: Any) -> str:
        """The ``extensions.code`` of the one error a request that must fail returns."""
        body = self.execute(query, variables, **who)
        assert body.get("errors"), f"expected an error, got {body}"
        codes: set[str] = {error["extensions"]["code"] for error in body["errors"]}
        assert len(codes) == 1, f"expected one kind of error, got {body['errors']}"
        return codes.pop()

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def graph_db(driver: neo4j.Driver) -> neo4j.Driver:
    """A driver onto an empty graph (schema kept): each test draws its own."""
    driver.wipe()  # type: ignore[attr-defined]
    return driver


@pytest.fixture
def client(service: ServiceThread, graph_db: neo4j.Driver) -> Iterator[GraphQLClient]:
    """A GraphQL client onto the running service, over an empty graph."""
    c = GraphQLClient(service.url, TEST_SECRET)
    yield c
    c.close()


def routing_uri(endpoint: Endpoint) -> str:
    """The same server through the routing scheme a cluster or Aura needs (neo4j:// or neo4j+s://)."""
    scheme, _, rest = endpoint.uri.partition("://")
    return f"neo4j://{rest}" if scheme == "bolt" else endpoint.uri


def ready(url: str) -> bool:
    """Whether the service at ``url`` answers /readyz with 200 (a refused connection: not yet)."""
    try:
        return httpx.get(f"{url}/readyz", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture
def two_workers(neo4j_endpoint: Endpoint, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``ties serve --workers 2`` in its own process group, on a free port; yields (url, its log)."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NEO4J_URI": routing_uri(neo4j_endpoint), "NEO4J_USER": neo4j_endpoint.user,
           "NEO4J_PASSWORD": neo4j_endpoint.password, "TIES_JWT_SECRET": TEST_SECRET}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "service.tools.cli", "serve", "--workers", "2",
                                    "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not ready(url):
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.25)
        yield url, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
