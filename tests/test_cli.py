"""The `ties` command: tokens, migrations and the local server's status, run as a user would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jwt
import neo4j
import pytest

from service.tools.cli import main
from service.tools.neo4j_server import free_port
from tests.conftest import TEST_SECRET, Endpoint


def test_token_prints_a_jwt_for_the_person_and_marks_admins(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIES_JWT_SECRET", TEST_SECRET)
    assert main(["token", "ada"]) == 0
    plain = jwt.decode(capsys.readouterr().out.strip(), TEST_SECRET, algorithms=["HS256"])
    assert main(["token", "root", "--admin"]) == 0
    admin = jwt.decode(capsys.readouterr().out.strip(), TEST_SECRET, algorithms=["HS256"])
    assert (plain["sub"], plain.get("role")) == ("ada", None)
    assert (admin["sub"], admin["role"]) == ("root", "admin")


def test_migrate_is_idempotent_and_creates_the_constraints(
        neo4j_endpoint: Endpoint, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_endpoint.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_endpoint.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_endpoint.password)
    assert main(["migrate"]) == 0
    assert main(["migrate"]) == 0
    assert "applied 001_person_id_unique.cypher" in capsys.readouterr().out
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    assert {"person_id_unique", "post_id_unique"} <= set(records[0]["names"])


def test_status_of_a_home_without_a_server_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TIES_NEO4J_HOME", str(tmp_path))
    assert main(["neo4j", "status"]) == 3
    assert "not running" in capsys.readouterr().out
    assert main(["neo4j", "stop"]) == 0
    assert "not running" in capsys.readouterr().out


def test_the_project_server_runs_in_its_own_home_on_its_own_port(neo4j_endpoint: Endpoint) -> None:
    server = neo4j_endpoint.server
    if server is None:
        pytest.skip("the database here is not the project's own server")
    assert server.pid() is not None
    assert (server.home / "conf" / "neo4j.conf").read_text().count(f"127.0.0.1:{server.bolt_port}") == 1


def test_serve_with_two_workers_migrates_once_then_both_serve(neo4j_endpoint: Endpoint,
                                                              driver: neo4j.Driver) -> None:
    # Two workers used to migrate at once and race to create the same index; one then died with
    # EquivalentSchemaRuleAlreadyExists. With indexes missing, both must still come up.
    for index in ("post_created_at", "person_name", "requested_at"):
        driver.execute_query(f"DROP INDEX {index} IF EXISTS")
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_endpoint.uri, "NEO4J_USER": neo4j_endpoint.user,
           "NEO4J_PASSWORD": neo4j_endpoint.password, "TIES_JWT_SECRET": TEST_SECRET}
    server = subprocess.Popen([sys.executable, "-m", "service.tools.cli", "serve", "--port", str(port),
                               "--workers", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.communicate()[0].decode()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "ties serve --workers 2 did not get ready"
            time.sleep(0.2)
        records, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS names")
        assert {"post_created_at", "person_name", "requested_at"} <= set(records[0]["names"])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)
