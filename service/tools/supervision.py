"""Keeps the local Neo4j that ``ties serve`` started running while the service runs.

A watcher thread polls the server's process. When it exits on its own (a crash, the kernel's
out-of-memory killer's SIGKILL), the watcher reaps it and starts a new one in the same home (the
graph and its transaction logs are there, so every committed write comes back), waiting 1 s, then
2, 4 ... up to ``MAX_DELAY`` between attempts, each logged. The service itself carries on: its
driver answers UNAVAILABLE meanwhile and reconnects by itself (``service.graph.DRIVER_CONFIG``).

A clean stop is respected, as systemd's ``Restart=on-failure`` does: a server that exits with 0 or
after SIGTERM, SIGINT or SIGHUP (Ctrl-C, ``ties neo4j stop``) was asked to, and stays stopped.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time

from service.tools.neo4j_server import KILL_SECONDS, STOP_SECONDS, LocalNeo4j, Neo4jServerError

log = logging.getLogger("ties.supervision")

FIRST_DELAY = 1.0
MAX_DELAY = 60.0
#: A server that ran this long before dying starts its next restart from FIRST_DELAY again.
STEADY_SECONDS = 300.0
POLL_SECONDS = 0.5

_CLEAN_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
#: Exit codes meaning "asked to stop": 0, a signal the JVM handled (128 + n), or died of one (-n).
CLEAN_EXITS = frozenset({0, *(128 + s for s in _CLEAN_SIGNALS), *(-s for s in _CLEAN_SIGNALS)})


class Supervisor:
    """Watches ``process`` (the server ``server.start`` returned) and restarts it when it fails."""

    def __init__(self, server: LocalNeo4j, process: subprocess.Popen[bytes], *,
                 first_delay: float = FIRST_DELAY, max_delay: float = MAX_DELAY) -> None:
        self.server = server
        self.process = process
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.restarts = 0
        self._owned = True
        self._stopping = threading.Event()
        self._lock = threading.Lock()  # held while starting a server, so stop() never races a start
        self._thread = threading.Thread(target=self._watch, name="neo4j-supervisor", daemon=True)

    def __enter__(self) -> Supervisor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stops watching, then stops the server (waiting for a start in progress to finish first)."""
        self._stopping.set()
        with self._lock:
            if not self._owned:
                return
            if self.server.pid() == self.process.pid:
                self.server.stop()
            elif self.process.poll() is None:  # the pid file names a newer server: stop only ours
                self.process.terminate()
                self.process.wait(STOP_SECONDS + KILL_SECONDS)
        self._thread.join(timeout=POLL_SECONDS * 4)

    def _watch(self) -> None:
        delay = self.first_delay
        since = time.monotonic()
        while not self._stopping.wait(POLL_SECONDS):
            code = self.process.poll()  # reaps it once it has exited
            if code is None or self._stopping.is_set():
                continue
            if code in CLEAN_EXITS:
                log.warning("Neo4j (pid %d) was stopped (exit %d); not restarting it", self.process.pid, code)
                return
            if time.monotonic() - since > STEADY_SECONDS:
                delay = self.first_delay
            log.error("Neo4j (pid %d) died (exit %d); restarting it in %.0f s (its log: %s)",
                      self.process.pid, code, delay, self.server.console_log)
            while not self._stopping.wait(delay):
                delay = min(delay * 2, self.max_delay)
                if (started := self._restart()) is not None:
                    self.process, since = started, time.monotonic()
                    break
                if not self._stopping.is_set():
                    log.error("next attempt to restart Neo4j in %.0f s", delay)

    def _restart(self) -> subprocess.Popen[bytes] | None:
        with self._lock:
            if self._stopping.is_set():
                return None
            began = time.monotonic()
            try:
                process = self.server.start(detach=False)
            except Neo4jServerError as exc:
                log.error("restarting Neo4j failed: %s", exc)
                return None
        if process is None:  # another `ties neo4j start` got there first: not ours to watch or stop
            log.warning("a Neo4j started elsewhere runs in %s; not supervising it", self.server.home)
            self._owned = False
            self._stopping.set()
            return None
        self.restarts += 1
        log.warning("Neo4j is back (pid %d, restart %d, %.1f s to answer)",
                    process.pid, self.restarts, time.monotonic() - began)
        return process
