"""What the service log says about failures: a refusal is one INFO line, a crash one ERROR line
with its traceback and the request id the client is shown; Neo4j's notes stay out unless asked for."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import httpx
import pytest

from service import logs
from service.api.context import Context
from service.api.schema import schema
from service.connections import ConnectionLimits
from service.graph import Graph
from service.identity import Viewer
from service.logs import JsonFormatter, RequestInfo, current_request
from service.network import RequestNetwork
from service.quotas import InteractionLimits
from service.settings import Settings
from tests.conftest import TEST_SECRET, ServiceThread

CREATE = "mutation Create($input: CreatePersonInput!) { createPerson(input: $input) { id } }"


def test_a_refusal_is_one_info_line_without_a_traceback(service: ServiceThread,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    response = httpx.post(f"{service.url}/graphql", headers={"X-Request-ID": "refused-1"},
                          json={"query": CREATE, "variables": {"input": {"name": "X"}}})
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"  # not an admin
    mine = [r for r in caplog.records if getattr(r, "request_id", None) == "refused-1"
            and r.name != "ties.access"]
    assert [(r.name, r.levelname, vars(r)["code"], vars(r)["operation"]) for r in mine] == [
        ("ties.api", "INFO", "FORBIDDEN", "Create")]
    assert mine[0].exc_info is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.name.startswith("strawberry")]


class Exploding:
    """A graph whose every use fails the way a bug would."""

    def __getattr__(self, name: str) -> None:
        raise RuntimeError(f"bug: the graph has no {name}")


def test_a_crash_is_one_error_line_with_the_traceback_and_the_id_the_client_sees(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings.from_env({"TIES_JWT_SECRET": TEST_SECRET, "TIES_NEO4J_HOME": str(tmp_path)})
    context = Context(graph=cast(Graph, Exploding()), network=cast(RequestNetwork, Exploding()),
                      connection_limits=ConnectionLimits.from_settings(settings),
                      interaction_limits=InteractionLimits.from_settings(settings), identity=Viewer("ada"))
    caplog.set_level(logging.INFO)
    token = current_request.set(RequestInfo("crash-1"))
    try:
        result = asyncio.run(schema.execute('query Who { person(id: "bob") { name } }',
                                            context_value=context))
    finally:
        current_request.reset(token)
    [error] = result.errors or []
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "crash-1"}
    assert "crash-1" in error.message and "bug" not in error.message
    [record] = caplog.records
    assert (record.name, record.levelname, vars(record)["request_id"]) == ("ties.api", "ERROR", "crash-1")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "crash-1" and line["operation"] == "Who"
    assert "RuntimeError: bug: the graph has no" in line["exception"]


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    logging.captureWarnings(False)
    root.handlers[:], root.level = handlers, level


def test_neo4j_notifications_and_deprecations_stay_out_unless_debugging(restored_logging: None) -> None:
    def written(level: str) -> str:
        out = io.StringIO()
        logs.configure(level, out)
        logging.getLogger("neo4j.notifications").warning("The query used a deprecated function: id()")
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("websockets.legacy is deprecated", DeprecationWarning, stacklevel=1)
        logging.getLogger("ties.test").warning("something an operator should see")
        return out.getvalue()

    quiet = written("INFO")
    assert "deprecated function" not in quiet and "websockets.legacy" not in quiet
    assert "something an operator should see" in quiet
    loud = written("DEBUG")
    assert "deprecated function" in loud and "websockets.legacy" in loud
