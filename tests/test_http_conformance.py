"""GraphQL over HTTP: graphql-http's server audit (npm, run by node) passes with no error and no
warning, and the spec's media type and status codes hold for the cases clients rely on."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.conftest import ServiceThread

AUDIT = Path(__file__).parent / "js" / "graphql_http_audit.mjs"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def test_graphql_http_server_audit_passes_without_warnings(service: ServiceThread) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed for graphql-http's audit; `make install` expects it (see .ci/run)")
    done = subprocess.run([node, str(AUDIT), f"{service.url}/graphql"], capture_output=True, text=True,
                          timeout=300, cwd=AUDIT.parent)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert len(results) > 50  # the audit ran in full
    assert [r for r in results if r["status"] != "ok"] == []


def test_requests_that_never_ran_are_400_without_data_for_graphql_response_json(
        service: ServiceThread) -> None:
    url, accept = f"{service.url}/graphql", {"Accept": GRAPHQL_RESPONSE}
    for bad in ("{ __typename", "{ noSuchField }", "{ " + "a: __typename " * 21 + "}"):
        response = httpx.post(url, json={"query": bad}, headers=accept)
        assert response.status_code == 400 and response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
        assert "data" not in response.json() and response.json()["errors"]

    fine = httpx.post(url, json={"query": "{ __typename }"}, headers=accept)
    assert (fine.status_code, fine.json()) == (200, {"data": {"__typename": "Query"}})
    assert fine.headers["content-type"].startswith(GRAPHQL_RESPONSE)


def test_field_errors_stay_200_and_legacy_json_clients_keep_200(service: ServiceThread) -> None:
    url = f"{service.url}/graphql"
    forbidden = httpx.post(url, json={"query": 'mutation { createPerson(input: {name: "X"}) { id } }'},
                           headers={"Accept": GRAPHQL_RESPONSE})
    assert forbidden.status_code == 200 and forbidden.json()["data"] is None
    assert forbidden.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    legacy = httpx.post(url, json={"query": "{ __typename"}, headers={"Accept": "application/json"})
    assert legacy.status_code == 200 and legacy.headers["content-type"].startswith("application/json")
