"""Secrets: none from the repository ever signs a token or guards a database.

Outside local development (NEO4J_URI set, or a host other machines can reach) the service refuses
to start without TIES_JWT_SECRET or TIES_JWT_JWKS_URL; on a laptop, random secrets are made once
and kept beside the local server's data.
"""

from __future__ import annotations

import asyncio
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from service.app import create_app
from service.identity import Authenticator, Viewer
from service.settings import LEGACY_NEO4J_PASSWORD, ConfigurationError, Settings
from service.tools.cli import main

EXTERNAL = {"NEO4J_URI": "bolt://db.example:7687", "NEO4J_PASSWORD": "db-password"}


@pytest.mark.parametrize("env", [EXTERNAL, {"TIES_HOST": "0.0.0.0"}, {"TIES_HOST": "10.1.2.3"}],
                         ids=["NEO4J_URI", "any-address", "lan-address"])
def test_the_service_refuses_to_start_without_a_secret_outside_local_development(
        env: dict[str, str], tmp_path: Path) -> None:
    env = {**env, "TIES_NEO4J_HOME": str(tmp_path)}
    settings = Settings.from_env(env)
    assert settings.jwt_secret is None
    with pytest.raises(ConfigurationError, match=r"TIES_JWT_SECRET .*32 bytes.*TIES_JWT_JWKS_URL"):
        create_app(settings)
    assert not (tmp_path / "jwt-secret").exists()
    create_app(Settings.from_env({**env, "TIES_JWT_SECRET": "s" * 32}))
    create_app(Settings.from_env({**env, "TIES_JWT_JWKS_URL": "https://id.example/jwks.json"}))
    with pytest.raises(ConfigurationError, match="too short"):
        create_app(Settings.from_env({**env, "TIES_JWT_SECRET": "s" * 31}))


def test_serve_says_what_to_set_before_starting_anything(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIES_", "NEO4J_"))}
    # No java or mvn on the PATH: were the check to let it through, no Neo4j could start either.
    done = subprocess.run([sys.executable, "-m", "service.tools.cli", "serve", "--host", "0.0.0.0"],
                          env={**env, "PATH": str(tmp_path / "no-bin"), "TIES_NEO4J_HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "TIES_JWT_SECRET" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "run").exists()  # no Neo4j was started


def test_an_external_database_needs_its_password() -> None:
    with pytest.raises(ConfigurationError, match="NEO4J_PASSWORD"):
        Settings.from_env({"NEO4J_URI": "bolt://db.example:7687", "TIES_JWT_SECRET": "s" * 32})


def test_local_development_makes_random_secrets_once_and_keeps_them_private(tmp_path: Path) -> None:
    home = {"TIES_NEO4J_HOME": str(tmp_path)}
    first, again = Settings.from_env(home), Settings.from_env(home)
    other = Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path / "other")})
    assert first.jwt_secret is not None and len(first.jwt_secret) >= 32
    assert (again.jwt_secret, again.neo4j_password) == (first.jwt_secret, first.neo4j_password)
    assert other.jwt_secret != first.jwt_secret and other.neo4j_password != first.neo4j_password
    assert first.neo4j_password not in ("", LEGACY_NEO4J_PASSWORD)
    for name in ("jwt-secret", "neo4j-password"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    # what the environment gives wins, and is not written down
    given = Settings.from_env({**home, "TIES_JWT_SECRET": "g" * 32, "NEO4J_PASSWORD": "given"})
    assert (given.jwt_secret, given.neo4j_password) == ("g" * 32, "given")


def test_ties_token_and_the_service_agree_on_the_local_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("TIES_JWT_SECRET", "NEO4J_URI", "TIES_HOST", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TIES_NEO4J_HOME", str(tmp_path))
    assert main(["token", "ada", "--admin"]) == 0
    token = capsys.readouterr().out.strip()
    served = Authenticator.from_settings(Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path)}))
    assert asyncio.run(served.viewer(f"Bearer {token}")) == Viewer("ada", admin=True)


def test_ties_token_refuses_to_make_up_a_secret_for_a_real_database(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("TIES_JWT_SECRET", raising=False)
    for name, value in EXTERNAL.items():
        monkeypatch.setenv(name, value)
    assert main(["token", "ada"]) == 2
    assert "TIES_JWT_SECRET" in capsys.readouterr().err


def test_a_local_database_made_with_the_old_default_password_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "data" / "databases" / "system").mkdir(parents=True)
    settings = Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path)})
    assert settings.neo4j_password == LEGACY_NEO4J_PASSWORD
    assert (tmp_path / "neo4j-password").read_text().strip() == LEGACY_NEO4J_PASSWORD


PORT = "a TCP port number, 1-65535"
NOT_PARSING = [
    ("TIES_PORT", "eighty", PORT),
    ("TIES_NEO4J_BOLT_PORT", "7687/tcp", PORT),
    ("TIES_NEO4J_HTTP_PORT", "", PORT),
    ("TIES_WEEKLY_REQUEST_LIMIT", "ten", "a whole number of connection requests, at least 1"),
    ("TIES_MAX_CONNECTIONS", "30k", "a whole number of connections, at least 1"),
    ("TIES_WORKERS", "2.5", "a whole number of worker processes, at least 1"),
    ("TIES_QUERY_TIMEOUT", "30s", "a number of seconds above 0"),
    ("TIES_INDEX_REQUEST_WORK", "3e7", "a whole number of neighbour entries, at least 1"),
    ("TIES_EVENT_RETENTION_DAYS", "a month", "a whole number of days, at least 1"),
]
#: Values that parse but make no sense: each fails the same way, naming the variable and its range.
OUT_OF_RANGE = [
    ("TIES_PORT", "0", PORT),
    ("TIES_PORT", "65536", PORT),
    ("TIES_NEO4J_BOLT_PORT", "-1", PORT),
    ("TIES_NEO4J_HTTP_PORT", "100000", PORT),
    ("TIES_WORKERS", "0", "a whole number of worker processes, at least 1"),
    ("TIES_QUERY_TIMEOUT", "0", "a number of seconds above 0"),
    ("TIES_QUERY_TIMEOUT", "-5", "a number of seconds above 0"),
    ("TIES_QUERY_TIMEOUT", "nan", "a number of seconds above 0"),
    ("TIES_QUERY_TIMEOUT", "inf", "a number of seconds above 0"),
    ("TIES_EVENT_RETENTION_DAYS", "0", "a whole number of days, at least 1"),
    ("TIES_INDEX_REQUEST_WORK", "0", "a whole number of neighbour entries, at least 1"),
    ("TIES_LOG_LEVEL", "verbose", "one of DEBUG, INFO, WARNING, ERROR"),
    ("TIES_LOG_LEVEL", "", "one of DEBUG, INFO, WARNING, ERROR"),
    ("TIES_WEEKLY_REQUEST_LIMIT", "0", "a whole number of connection requests, at least 1"),
    ("TIES_MAX_CONNECTIONS", "-1", "a whole number of connections, at least 1"),
    ("TIES_REACTION_LIMIT", "0", "a whole number of reactions per hour, at least 1"),
    ("TIES_WRITING_LIMIT", "0", "a whole number of comments, replies and messages per 3 hours, at least 1"),
    ("TIES_NEW_CONVERSATION_LIMIT", "0", "a whole number of conversations per 7 days, at least 1"),
    ("TIES_ENDORSEMENT_LIMIT", "-3", "a whole number of endorsements per day, at least 1"),
    ("TIES_RECOMMENDATION_REQUEST_LIMIT", "0",
     "a whole number of recommendation requests per 7 days, at least 1"),
]


@pytest.mark.parametrize(("name", "value", "expects"), NOT_PARSING + OUT_OF_RANGE,
                         ids=[f"{row[0]}={row[1]}" for row in NOT_PARSING + OUT_OF_RANGE])
def test_a_value_that_does_not_parse_or_makes_no_sense_fails_naming_the_variable_and_what_it_expects(
        name: str, value: str, expects: str, tmp_path: Path) -> None:
    said = rf"^{name} must be {re.escape(expects)} \(default .*\); it is {re.escape(repr(value))}\.$"
    with pytest.raises(ConfigurationError, match=said):
        Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path), name: value})
    assert not list(tmp_path.iterdir())  # it failed before making any secret


def test_the_edges_of_each_range_are_accepted(tmp_path: Path) -> None:
    settings = Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path), "TIES_PORT": "1",
                                  "TIES_NEO4J_BOLT_PORT": "65535", "TIES_WORKERS": "1",
                                  "TIES_QUERY_TIMEOUT": "0.5", "TIES_EVENT_RETENTION_DAYS": "1",
                                  "TIES_LOG_LEVEL": "warning", "TIES_REACTION_LIMIT": "1"})
    assert (settings.port, settings.neo4j_bolt_port, settings.workers, settings.query_timeout,
            settings.event_retention_days, settings.log_level, settings.reaction_limit) == (
        1, 65535, 1, 0.5, 1, "WARNING", 1)


def test_secrets_stay_out_of_the_settings_repr(tmp_path: Path) -> None:
    settings = Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path), "TIES_JWT_SECRET": "j" * 40,
                                  "NEO4J_PASSWORD": "the-database-password"})
    shown = repr(settings)
    assert "j" * 40 not in shown and "the-database-password" not in shown
    assert "neo4j_user='neo4j'" in shown  # the rest is still there to read
    made_up = Settings.from_env({"TIES_NEO4J_HOME": str(tmp_path / "laptop")})
    assert made_up.jwt_secret is not None and made_up.jwt_secret not in repr(made_up)
    assert made_up.neo4j_password not in repr(made_up)


def test_serve_refuses_a_port_or_worker_count_that_makes_no_sense(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIES_NEO4J_HOME", str(tmp_path))
    for args, said in ((["--port", "0"], "--port: '0' is not a whole number from 1 to 65535"),
                       (["--workers", "0"], "--workers: '0' is not a whole number from 1 up")):
        with pytest.raises(SystemExit) as exited:
            main(["serve", *args])
        assert exited.value.code == 2 and said in capsys.readouterr().err


def test_ties_says_which_variable_is_wrong_without_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setenv("TIES_NEO4J_HOME", str(tmp_path))
    monkeypatch.setenv("TIES_MAX_CONNECTIONS", "thirty thousand")
    assert main(["token", "ada"]) == 2
    assert capsys.readouterr().err == (
        "ties: TIES_MAX_CONNECTIONS must be a whole number of connections, at least 1 (default 30000); "
        "it is 'thirty thousand'.\n")
