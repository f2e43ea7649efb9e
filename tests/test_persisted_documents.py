"""Persisted documents (issue 21): Apollo's automatic persisted queries, driven by Apollo Client itself,
and the operator's trusted-documents manifest (TIES_TRUSTED_DOCUMENTS), which lets nothing else run."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from service.app import create_app
from service.settings import ConfigurationError, Settings
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_people
from tests.test_subscriptions import PROTOCOL, next_message, over_http, signed_in, subscribe

APOLLO = Path(__file__).parent / "js" / "apollo_persisted_queries.mjs"
GRAPHQL_RESPONSE = "application/graphql-response+json"
ME = "query Me { viewer { id name } }"
NAMED = "query Named($id: ID!) { person(id: $id) { id name } }"
LIVE = "subscription Live { notifications { id } }"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def by_hash(text: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256(text)}}


def apollo(url: str, token: str, method: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed for Apollo Client; `make install` expects it (see .ci/run)")
    done = subprocess.run([node, str(APOLLO), f"{url}/graphql", token, method, query, json.dumps(variables)],
                          capture_output=True, text=True, timeout=120, cwd=APOLLO.parent)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def sent_document(request: dict[str, Any]) -> bool:
    """Whether one of Apollo Client's requests carried the document itself, not its hash alone."""
    if request["body"] is not None:
        return "query" in request["body"]
    return "query=" in request["uri"]


@pytest.mark.parametrize("method", ["post", "get"])
def test_apollo_client_sends_the_hash_alone_once_the_service_knows_the_document(
        service: ServiceThread, client: GraphQLClient, graph_db: neo4j.Driver, method: str) -> None:
    draw_people(graph_db, "ada", "alan")
    # A document of its own per case: the service keeps what it was sent for as long as it runs.
    query = f"query {method.title()}Me($id: ID!) {{ viewer {{ id }} person(id: $id) {{ id name }} }}"
    found = apollo(service.url, client.token("ada"), method, query, {"id": "alan"})
    # Apollo's cache asks for __typename too.
    assert [a["data"] for a in found["answers"]] == [{
        "viewer": {"id": "ada", "__typename": "Person"},
        "person": {"id": "alan", "name": "Alan", "__typename": "Person"}}] * 2
    # First its hash alone (unknown: PersistedQueryNotFound), then the document with its hash (kept),
    # then, for the second query, the hash alone again.
    assert [sent_document(r) for r in found["sent"]] == [False, True, False]
    if method == "get":
        assert found["sent"][0]["method"] == found["sent"][2]["method"] == "GET"


def test_an_unknown_hash_is_persisted_query_not_found(client: GraphQLClient) -> None:
    unknown = {"extensions": by_hash("query Nobody { __typename }"), "operationName": "Nobody"}
    legacy = client.http.post("/graphql", json=unknown)
    assert legacy.status_code == 200
    [error] = legacy.json()["errors"]
    # The message is the protocol's (what Apollo's clients look for); the code one of SPEC R17's.
    assert (error["message"], error["extensions"]["code"]) == ("PersistedQueryNotFound", "NOT_FOUND")
    strict = client.http.post("/graphql", json=unknown, headers={"Accept": GRAPHQL_RESPONSE})
    assert strict.status_code == 400 and "data" not in strict.json()  # it never ran
    assert strict.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    by_get = client.http.get("/graphql", params={"extensions": json.dumps(unknown["extensions"])})
    assert by_get.json()["errors"][0]["message"] == "PersistedQueryNotFound"


def test_a_document_is_kept_only_when_its_hash_is_right_and_it_validates(client: GraphQLClient,
                                                                         graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    me = {"Authorization": f"Bearer {client.token('ada')}"}
    wrong = client.http.post("/graphql", json={"query": ME, "extensions": by_hash(ME + " ")}, headers=me)
    assert wrong.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "sha256" in wrong.json()["errors"][0]["message"]
    invalid = "query Bad { viewer { nosuchfield } }"
    refused = client.http.post("/graphql", json={"query": invalid, "extensions": by_hash(invalid)},
                               headers=me)
    assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    for text in (ME, invalid):  # neither was kept
        alone = client.http.post("/graphql", json={"extensions": by_hash(text)}, headers=me)
        assert alone.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    for shape in ({"version": 2, "sha256Hash": sha256(ME)}, {"version": 1}, "abc"):
        odd = client.http.post("/graphql", json={"extensions": {"persistedQuery": shape}}, headers=me)
        assert odd.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", shape

    kept = client.http.post("/graphql", json={"query": ME, "extensions": by_hash(ME)}, headers=me)
    assert kept.json() == {"data": {"viewer": {"id": "ada", "name": "Ada"}}}
    alone = client.http.post("/graphql", json={"extensions": by_hash(ME)}, headers=me)
    assert alone.json() == {"data": {"viewer": {"id": "ada", "name": "Ada"}}}


def test_a_subscription_sent_with_its_hash_is_refused_over_http_and_not_kept(client: GraphQLClient,
                                                                            graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    me = {"Authorization": f"Bearer {client.token('ada')}"}
    sent = client.http.post("/graphql", json={"query": LIVE, "extensions": by_hash(LIVE)}, headers=me)
    assert (sent.status_code, sent.json()) == (400, {"errors": [
        {"message": over_http("POST"), "extensions": {"code": "BAD_USER_INPUT"}}]})
    alone = client.http.post("/graphql", json={"extensions": by_hash(LIVE)}, headers=me)
    assert alone.json()["errors"][0]["message"] == "PersistedQueryNotFound"


# -- trusted documents --------------------------------------------------------------------------------

@pytest.fixture
def trusted_service(settings: Settings, tmp_path: Path) -> Iterator[ServiceThread]:
    """The service with a manifest in Apollo's format holding ME, NAMED and LIVE alone."""
    manifest = tmp_path / "persisted-query-manifest.json"
    manifest.write_text(json.dumps({"format": "apollo-persisted-query-manifest", "version": 1, "operations": [
        {"id": sha256(text), "name": name, "type": "query", "body": text}
        for name, text in (("Me", ME), ("Named", NAMED), ("Live", LIVE))]}))
    with ServiceThread(dataclasses.replace(settings, trusted_documents=manifest)) as running:
        yield running


def test_with_trusted_documents_only_the_manifests_documents_run(trusted_service: ServiceThread,
                                                                  graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "alan")
    ask = GraphQLClient(trusted_service.url, TEST_SECRET)
    me = {"Authorization": f"Bearer {ask.token('ada')}"}
    try:
        for body in ({"query": ME}, {"extensions": by_hash(ME)}, {"query": ME, "extensions": by_hash(ME)}):
            assert ask.http.post("/graphql", json=body, headers=me).json() == {
                "data": {"viewer": {"id": "ada", "name": "Ada"}}}, body
        assert ask.data(NAMED, {"id": "alan"}, as_="ada") == {"person": {"id": "alan", "name": "Alan"}}

        other = "query Other { viewer { id } }"
        refused = ask.http.post("/graphql", json={"query": other}, headers=me).json()
        [error] = refused["errors"]
        assert error["extensions"]["code"] == "FORBIDDEN" and "TIES_TRUSTED_DOCUMENTS" in error["message"]
        assert ask.error_code("{ __typename }") == "FORBIDDEN"  # introspection too, unless registered
        # Sent with its hash, another document is neither run nor kept.
        again = ask.http.post("/graphql", json={"query": other, "extensions": by_hash(other)}, headers=me)
        assert again.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        alone = ask.http.post("/graphql", json={"extensions": by_hash(other)}, headers=me)
        assert alone.json()["errors"][0]["message"] == "PersistedQueryNotFound"
        by_get = ask.http.get("/graphql", params={"query": other}, headers=me)
        assert by_get.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        # A trusted subscription is for WebSockets: by hash over HTTP it is told so.
        live = ask.http.post("/graphql", json={"extensions": by_hash(LIVE)}, headers=me)
        assert (live.status_code, live.json()["errors"]) == (400, [
            {"message": over_http("POST"), "extensions": {"code": "BAD_USER_INPUT"}}])
        live = ask.http.get("/graphql", params={"extensions": json.dumps(by_hash(LIVE))}, headers=me)
        assert live.json()["errors"][0]["message"] == over_http("GET")
    finally:
        ask.close()


def test_with_trusted_documents_a_subscription_outside_them_is_refused(trusted_service: ServiceThread,
                                                                       graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    ask = GraphQLClient(trusted_service.url, TEST_SECRET)
    try:
        with signed_in(trusted_service, ask, "ada") as ws:
            assert ws.subprotocol == PROTOCOL
            subscribe(ws, "subscription { notifications { id } }")
            message = next_message(ws, timeout=10)
            assert message["type"] == "error"
            assert message["payload"][0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        ask.close()


def test_a_manifest_that_cannot_be_trusted_stops_the_service_from_starting(settings: Settings,
                                                                          tmp_path: Path) -> None:
    manifest = tmp_path / "trusted.json"
    cases = {
        "is not JSON": "{",
        "must be a JSON object": json.dumps([ME]),
        "not the lowercase hex sha256": json.dumps({sha256(ME + " "): ME}),
        "operations must be a list": json.dumps({"format": "apollo-persisted-query-manifest",
                                                 "operations": {}}),
    }
    for says, text in cases.items():
        manifest.write_text(text)
        with pytest.raises(ConfigurationError, match=says):
            create_app(dataclasses.replace(settings, trusted_documents=manifest))
    with pytest.raises(ConfigurationError, match="cannot be read"):
        create_app(dataclasses.replace(settings, trusted_documents=tmp_path / "missing.json"))
    manifest.write_text(json.dumps({sha256(ME): ME}))  # the plain form: sha256 -> document
    create_app(dataclasses.replace(settings, trusted_documents=manifest))
    assert Settings.from_env({"TIES_JWT_SECRET": TEST_SECRET, "TIES_TRUSTED_DOCUMENTS": str(manifest),
                              "TIES_NEO4J_HOME": str(tmp_path)}).trusted_documents == manifest
