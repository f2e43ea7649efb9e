"""Rough request bodies: every one gets a 4xx and a GraphQL error with code BAD_USER_INPUT, never 500."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from service.api.view import MAX_BODY_BYTES
from tests.conftest import ServiceThread

FINE = '{"query": "{ __typename }"'
JSON = {"Content-Type": "application/json"}

BODIES: dict[str, bytes] = {
    "null": b"null",
    "a string": b'"{ __typename }"',
    "a number": b"42",
    "a boolean": b"true",
    "an empty array": b"[]",
    "a batch": b'[{"query": "{ __typename }"}]',
    "not JSON": b"{ __typename }",
    "truncated JSON": FINE.encode(),
    "empty": b"",
    "bad UTF-8": b'{"query": "{ __typename }", "operationName": "\xff\xfe"}',
    "nested without end": b"[" * 200_000,
    "no query": b"{}",
    "query a number": b'{"query": 7}',
    "query an object": b'{"query": {"text": "{ __typename }"}}',
    "variables a string": (FINE + ', "variables": "{}"}').encode(),
    "variables an array": (FINE + ', "variables": [1]}').encode(),
    "operationName a number": (FINE + ', "operationName": 7}').encode(),
    "operationName an array": (FINE + ', "operationName": ["Q"]}').encode(),
    "operationName an object": (FINE + ', "operationName": {"a": 1}}').encode(),
    "extensions a number": (FINE + ', "extensions": 1}').encode(),
    "oversize": (FINE + ', "variables": {"pad": "' + "x" * MAX_BODY_BYTES + '"}}').encode(),
}


@pytest.fixture
def http(service: ServiceThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=30) as client:
        yield client


def assert_bad_user_input(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and error["message"]


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_malformed_body_is_a_graphql_error_not_a_crash(http: httpx.Client, body: bytes) -> None:
    assert_bad_user_input(http.post("/graphql", content=body, headers=JSON))


def test_an_oversize_body_is_refused_before_it_is_all_read(http: httpx.Client) -> None:
    declared = http.post("/graphql", content=BODIES["oversize"], headers=JSON)
    assert declared.status_code == 413
    chunked = http.post("/graphql", content=iter([BODIES["oversize"][i:i + 65536]
                                                   for i in range(0, len(BODIES["oversize"]), 65536)]),
                        headers=JSON)
    assert chunked.request.headers["transfer-encoding"] == "chunked" and chunked.status_code == 413
    assert_bad_user_input(chunked)


@pytest.mark.parametrize("params", [{"query": "{ __typename }", "variables": "5"},
                                    {"query": "{ __typename }", "variables": "[1]"},
                                    {"query": "{ __typename }", "variables": "{"},
                                    {"query": "{ __typename }", "extensions": "7"},
                                    {"variables": "{}"}], ids=str)
def test_a_malformed_get_is_a_graphql_error_too(http: httpx.Client, params: dict[str, str]) -> None:
    assert_bad_user_input(http.get("/graphql", params=params, headers={"Accept": "application/json"}))


def test_a_body_just_under_the_limit_still_runs(http: httpx.Client) -> None:
    padding = "x" * (MAX_BODY_BYTES - 200)
    response = http.post("/graphql", json={"query": "{ __typename }", "variables": {"pad": padding}})
    assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}
