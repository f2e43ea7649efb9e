"""The project's own Neo4j 5.26 Community server, assembled from Maven Central jars.

Used when ``NEO4J_URI`` is unset and no Docker engine runs. ``neo4j-server/pom.xml`` names the server and
Neo4j Browser; Maven copies them and their runtime dependencies into ``<lib>`` once (a marker file
records which descriptor they came from), and every server after that reuses them. Each server has
a home (config, data, logs, pid file); the graph survives restarts because data stays there.

Started without Neo4j's own launcher, so this module passes the JVM flags that launcher would.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import neo4j
import neo4j.exceptions

from service.settings import PROJECT_ROOT, Settings
from service.tools import pids

POM = PROJECT_ROOT / "neo4j-server" / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
COPY_DEPENDENCIES = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies"

#: What Neo4j's launcher would add from server.jvm.additional (see neo4j.conf in a tarball).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]


#: How long ``stop`` waits after SIGTERM before SIGKILL, and then for the kill to land; a start
#: that finds a server stopping waits this long in all for it to go.
STOP_SECONDS = 60.0
KILL_SECONDS = 10.0
SHUTDOWN_SECONDS = STOP_SECONDS + KILL_SECONDS + 5.0

#: Servers this process started, by pid: kept so they are waited for, not left as zombies.
_children: dict[int, subprocess.Popen[bytes]] = {}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now: for a server in a throwaway home (tests,
    benchmarks) and the service beside it, so parallel runs never collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Neo4jServerError(Exception):
    """The local server could not be fetched, configured, started or stopped."""


@dataclass(frozen=True)
class LocalNeo4j:
    home: Path
    lib: Path
    bolt_port: int
    http_port: int
    user: str
    password: str = field(repr=False)  # never in a log or a traceback
    heap: str = "1g"
    pagecache: str = "1g"

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalNeo4j:
        return cls(
            home=settings.neo4j_home,
            lib=settings.neo4j_home / "lib",
            bolt_port=settings.neo4j_bolt_port,
            http_port=settings.neo4j_http_port,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            heap=settings.neo4j_heap,
            pagecache=settings.neo4j_pagecache,
        )

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "ties-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    # -- jars ---------------------------------------------------------------------------------

    def fetch(self) -> bool:
        """Copies the server's jars into ``lib`` unless they are there already. True if it fetched."""
        marker = self.lib / ".fetched-from"
        wanted = hashlib.sha256(POM.read_bytes()).hexdigest()
        if marker.exists() and marker.read_text() == wanted:
            return False
        if self.lib.exists():
            shutil.rmtree(self.lib)
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError("Maven (mvn) is needed to fetch Neo4j's jars; install it and retry")
        command = [mvn, "-q", "-B", "-f", str(POM), COPY_DEPENDENCIES,
                   "-DincludeScope=runtime", f"-DoutputDirectory={self.lib}"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise Neo4jServerError(f"fetching Neo4j's jars failed:\n{done.stdout}{done.stderr}")
        marker.write_text(wanted)
        return True

    # -- configuration ------------------------------------------------------------------------

    def configure(self) -> None:
        """Writes ``conf/neo4j.conf`` for this home and ports; sets the password before first start."""
        for folder in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "server.directories.data": self.home / "data",
            "server.directories.logs": self.home / "logs",
            "server.directories.run": self.home / "run",
            "server.directories.import": self.home / "import",
            "server.directories.plugins": self.home / "plugins",
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.pagecache,
            "dbms.usage_report.enabled": "false",
            "db.tx_log.rotation.retention_policy": "2 files",
        }
        text = "".join(f"{key}={value}\n" for key, value in settings.items())
        (self.home / "conf" / "neo4j.conf").write_text(
            "# Written by `ties neo4j start` (service/tools/neo4j_server.py); edits are overwritten.\n" + text
        )
        if not (self.home / "data" / "databases" / "system").exists():
            self._java(ADMIN_TOOL, "dbms", "set-initial-password", self.password, check=True)

    def _env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}

    def _classpath(self) -> str:
        return f"{self.home / 'plugins'}/*:{self.home / 'conf'}/*:{self.lib}/*"

    def _java(self, main: str, *args: str, check: bool = False) -> None:
        command = ["java", "-cp", self._classpath(), main, *args]
        done = subprocess.run(command, capture_output=True, text=True, env=self._env())
        if check and done.returncode != 0:
            raise Neo4jServerError(f"{main} {args[0]} failed:\n{done.stdout}{done.stderr}")

    # -- process ------------------------------------------------------------------------------

    @property
    def stopping_file(self) -> Path:
        """Names the pid being stopped, so a start meanwhile waits for it instead of trusting it."""
        return self.home / "run" / "ties-neo4j.stopping"

    def pid(self) -> int | None:
        """The running server's process id, or None. A pid file naming a process that is gone, a
        zombie, or not this home's Neo4j (the kernel reuses numbers) is stale and removed."""
        if (pid := pids.read_pid(self.pid_file)) is None:
            return None
        if pids.alive(pid, _children.get(pid)) and self._runs_here(pid):
            return pid
        if (child := _children.pop(pid, None)) is not None:
            child.wait()  # reap it: an exited child of ours must not linger as a zombie
        pids.remove_pid_file(self.pid_file, pid)
        pids.remove_pid_file(self.stopping_file, pid)
        return None

    def _runs_here(self, pid: int) -> bool:
        args = pids.command_line(pid)
        homes = {Path(arg.removeprefix("--home-dir=")).resolve() for arg in args
                 if arg.startswith("--home-dir=")}
        return ENTRY_POINT in args and homes == {self.home.resolve()}

    def stopping(self, pid: int) -> bool:
        """True when the server ``pid`` has been told to stop (by us, or by a signal to its JVM)."""
        return pids.read_pid(self.stopping_file) == pid or pids.jvm_shutting_down(pid)

    def start(self, *, detach: bool = True, timeout: float = 120.0) -> subprocess.Popen[bytes] | None:
        """Fetches if needed, configures, starts and waits until Bolt answers.

        Returns the process, or None if a server was already running in this home and answers. One
        that is still stopping is waited for (up to its shutdown time) and a new one started. With
        ``detach`` the server outlives this process (``ties neo4j start``); without it, it shares
        this process group, so Ctrl-C reaches both.
        """
        if (pid := self.pid()) is not None:
            if self._existing_answers(pid, timeout):
                return None
            self._wait_gone(pid)
        self.fetch()
        self.configure()
        command = ["java", f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_FLAGS,
                   "-cp", self._classpath(), ENTRY_POINT,
                   f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}", "--console-mode"]
        log = self.console_log.open("ab")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=self._env(),
                                   stdin=subprocess.DEVNULL, start_new_session=detach)
        log.close()
        self.pid_file.write_text(str(process.pid))
        _children[process.pid] = process
        try:
            self.wait_ready(timeout, process)
        except BaseException:
            if self.pid() == process.pid:
                self.stop()
            else:  # another start won the race for this home: its server is not ours to stop
                process.kill()
                process.wait()
            raise
        return process

    def _existing_answers(self, pid: int, timeout: float) -> bool:
        """Waits until the server already running answers (True), or is stopping or gone (False)."""
        deadline = time.monotonic() + timeout
        with neo4j.GraphDatabase.driver(self.bolt_uri, auth=(self.user, self.password)) as driver:
            while self.pid() == pid and not self.stopping(pid):
                try:
                    driver.verify_connectivity()
                except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError):
                    if time.monotonic() > deadline:
                        raise Neo4jServerError(f"the Neo4j running in {self.home} (pid {pid}) did not "
                                               f"answer on {self.bolt_uri} in {timeout:.0f}s") from None
                    time.sleep(0.25)
                    continue
                return not self.stopping(pid)  # it may have answered in its last moments
        return False

    def _wait_gone(self, pid: int) -> None:
        """Waits for a server that is stopping to exit, as long as its own stop may take."""
        deadline = time.monotonic() + SHUTDOWN_SECONDS
        while self.pid() == pid:
            if time.monotonic() > deadline:
                raise Neo4jServerError(f"the Neo4j in {self.home} (pid {pid}) is still stopping after "
                                       f"{SHUTDOWN_SECONDS:.0f}s; stop it (`ties neo4j stop`) and retry")
            time.sleep(0.1)

    def wait_ready(self, timeout: float = 120.0, process: subprocess.Popen[bytes] | None = None) -> None:
        """Polls Bolt until it accepts our credentials; fails early if the process dies."""
        deadline = time.monotonic() + timeout
        with neo4j.GraphDatabase.driver(self.bolt_uri, auth=(self.user, self.password)) as driver:
            while True:
                try:
                    driver.verify_connectivity()
                    return
                except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError):
                    pass
                if process is not None and process.poll() is not None:
                    raise Neo4jServerError(f"Neo4j exited early; see {self.console_log}:\n{self._tail()}")
                if time.monotonic() > deadline:
                    raise Neo4jServerError(f"Neo4j did not answer on {self.bolt_uri} in {timeout:.0f}s")
                time.sleep(0.25)

    def stop(self, timeout: float = STOP_SECONDS, *, hard: bool = False) -> bool:
        """Stops the server (SIGTERM, then SIGKILL after ``timeout``; at once with ``hard``)."""
        pid = self.pid()
        if pid is None:
            return False
        self.stopping_file.write_text(str(pid))
        pids.signal_quietly(pid, signal.SIGKILL if hard else signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while pids.alive(pid, _children.get(pid)):
            if time.monotonic() > deadline:
                pids.signal_quietly(pid, signal.SIGKILL)
                deadline = time.monotonic() + KILL_SECONDS
            time.sleep(0.1)
        self.pid()  # reaps our child, removes the pid and stopping files
        return True

    def _tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""
