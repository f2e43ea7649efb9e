"""A pid file is trusted only for a live, non-zombie process running this home's Neo4j."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from service.tools import pids
from service.tools.neo4j_server import LocalNeo4j, free_port
from tests.conftest import TEST_PASSWORD


def server_in(home: Path) -> LocalNeo4j:
    (home / "run").mkdir(parents=True, exist_ok=True)
    return LocalNeo4j(home=home, lib=home / "lib", bolt_port=free_port(), http_port=free_port(),
                      user="neo4j", password=TEST_PASSWORD)


def test_a_pid_file_naming_a_process_that_is_gone_is_stale(tmp_path: Path) -> None:
    server = server_in(tmp_path)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    server.pid_file.write_text(str(gone.pid))
    assert server.pid() is None
    assert not server.pid_file.exists()


def test_a_pid_file_naming_some_other_live_program_is_stale(tmp_path: Path) -> None:
    # After a reboot or a crash the kernel hands the old number to whatever starts next.
    server = server_in(tmp_path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        server.pid_file.write_text(str(other.pid))
        assert server.pid() is None
        assert not server.pid_file.exists()
        assert other.poll() is None, "an unrelated process must never be signalled"
    finally:
        other.kill()
        other.wait()


def test_a_pid_file_naming_a_zombie_is_stale(tmp_path: Path) -> None:
    # A killed server its parent has not reaped yet is a zombie: it holds no port, serves nothing.
    server = server_in(tmp_path)
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while pids.state(zombie.pid) != "Z":
        assert time.monotonic() < deadline, "the child never exited"
        time.sleep(0.02)
    try:
        server.pid_file.write_text(str(zombie.pid))
        assert server.pid() is None
        assert not server.pid_file.exists()
    finally:
        zombie.wait()


def test_a_neo4j_of_another_home_is_not_ours(tmp_path: Path) -> None:
    server = server_in(tmp_path / "mine")
    # A stand-in whose command line names the entry point and another home.
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)",
                              "org.neo4j.server.CommunityEntryPoint", f"--home-dir={tmp_path / 'theirs'}"])
    try:
        server.pid_file.write_text(str(other.pid))
        assert server.pid() is None
    finally:
        other.kill()
        other.wait()
