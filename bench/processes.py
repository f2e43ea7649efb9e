"""The processes a benchmark run starts, watches and stops: Neo4j, the Ties service, the peer.

Each runs in its own session (process group), so stopping it reaches its workers too; only
processes this module started are ever signalled. ``cpu_seconds`` tells how much CPU a process
tree used (through psutil), which is how the report says what bounded a throughput figure.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from service.settings import PROJECT_ROOT
from service.tools.neo4j_server import ENTRY_POINT, LocalNeo4j, free_port

#: Everything a run makes and keeps between runs (the network, its Neo4j, logs, profiles): not committed.
DATA = PROJECT_ROOT / "bench" / "data"
LOGS = DATA / "logs"
#: The bench's own Neo4j and Ties: a password and a signing secret that protect nothing real.
PASSWORD = "ties-bench-password"
SECRET = "ties-bench-secret-that-is-at-least-32-bytes"
DATABASE = "neo4j"


def ties_env(uri: str) -> dict[str, str]:
    """What ``ties serve`` (or ``ties import``) needs to reach the bench's Neo4j."""
    return {"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_DATABASE": DATABASE, "TIES_JWT_SECRET": SECRET}


def family(pid: int) -> list[psutil.Process]:
    """``pid`` and its live descendants (uvicorn workers, the Neo4j ``ties serve`` supervises);
    empty when ``pid`` is gone."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` and all its live descendants (uvicorn workers, JVM threads)."""
    total = 0.0
    for process in family(pid):
        try:
            used = process.cpu_times()
        except psutil.NoSuchProcess:  # it ended since the family was listed
            continue
        total += used.user + used.system
    return total


def service_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its live descendants (uvicorn workers), leaving out the Neo4j
    that ``ties serve`` supervises as its child: the soak stage watches the service's own memory."""
    total = 0
    for process in family(pid):
        try:
            if ENTRY_POINT not in process.cmdline():
                total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


@dataclass
class Process:
    """A server started by the benchmark, with its log file; ``stop`` ends its whole group."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    #: Where it serves, once known.
    url: str = ""

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tail(self, lines: int = 25) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, timeout: float = 20) -> None:
        if not self.alive():
            return
        os.killpg(self.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.pid, signal.SIGKILL)
            self.popen.wait(10)


def spawn(name: str, command: list[str], env: Mapping[str, str], logs: Path,
          cwd: Path = PROJECT_ROOT) -> Process:
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    with log.open("ab") as out:
        popen = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 env={**os.environ, **env}, cwd=cwd, start_new_session=True)
    return Process(name, popen, log)


def wait_until(process: Process, ready: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if not process.alive():
            raise RuntimeError(f"{process.name} exited while starting; see {process.log}:\n{process.tail()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{process.name} did not get ready in {timeout:.0f}s; see {process.log}")
        time.sleep(0.25)


def http_ok(url: str, json: object | None = None) -> Callable[[], bool]:
    def probe() -> bool:
        try:
            response = (httpx.post(url, json=json, timeout=5) if json is not None
                        else httpx.get(url, timeout=5))
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    return probe


@dataclass
class Neo4jServer:
    """The benchmark's own Neo4j in its own home (its graph survives between runs)."""

    server: LocalNeo4j
    started_here: bool = field(default=False)

    @classmethod
    def open(cls, home: Path, password: str, heap: str, pagecache: str) -> Neo4jServer:
        """Reuses a server already running in ``home`` (its ports come from its config), else starts one."""
        bolt, http = _configured_ports(home)
        lib = PROJECT_ROOT / ".neo4j" / "lib"
        probe = LocalNeo4j(home=home, lib=lib, bolt_port=bolt or 0, http_port=http or 0, user="neo4j",
                           password=password, heap=heap, pagecache=pagecache)
        if probe.pid() is not None and bolt and http:
            probe.wait_ready()
            return cls(probe)
        server = LocalNeo4j(home=home, lib=lib, bolt_port=free_port(), http_port=free_port(), user="neo4j",
                            password=password, heap=heap, pagecache=pagecache)
        server.start(detach=True)
        return cls(server, started_here=True)

    @property
    def uri(self) -> str:
        return self.server.bolt_uri

    @property
    def pid(self) -> int:
        pid = self.server.pid()
        if pid is None:
            raise RuntimeError("the benchmark's Neo4j is not running")
        return pid

    def stop(self) -> None:
        if self.started_here:
            self.server.stop()


def _configured_ports(home: Path) -> tuple[int | None, int | None]:
    try:
        conf = (home / "conf" / "neo4j.conf").read_text()
    except FileNotFoundError:
        return None, None

    def port(key: str) -> int | None:
        found = re.search(rf"^{re.escape(key)}=.*:(\d+)$", conf, re.MULTILINE)
        return int(found.group(1)) if found else None

    return port("server.bolt.listen_address"), port("server.http.listen_address")


def ties_command(*args: str) -> list[str]:
    """``ties <args>`` run by this interpreter (the project's venv), as a command line."""
    return [sys.executable, "-m", "service.tools.cli", *args]
