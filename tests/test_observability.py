"""What operators see: Prometheus metrics, request ids, JSON logs, named queries in SHOW TRANSACTIONS."""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from collections.abc import Iterator

import httpx
import neo4j
import pytest
from prometheus_client.parser import text_string_to_metric_families

from service.logs import JsonFormatter
from tests.conftest import GraphQLClient, ServiceThread

CREATE = "mutation Create($input: CreatePersonInput!) { createPerson(input: $input) { id } }"


def scrape(service: ServiceThread) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = httpx.get(f"{service.url}/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(response.text) for sample in family.samples}


def value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return sum(v for (n, ls), v in samples.items() if n == name and set(labels.items()) <= ls)


def test_metrics_count_operations_errors_queries_and_requests(client: GraphQLClient,
                                                              service: ServiceThread) -> None:
    before = scrape(service)
    client.data("query LookUp { person(id: \"nobody\") { name } }")
    client.data("query LookUp { person(id: \"nobody\") { name } }")
    client.error_code(CREATE, {"input": {"name": "X"}})  # FORBIDDEN: not an admin
    after = scrape(service)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("ties_graphql_operation_duration_seconds_count", operation="LookUp", type="query") == 2
    assert grew("ties_graphql_operation_duration_seconds_count", operation="Create", type="mutation") == 1
    assert grew("ties_graphql_errors_total", code="FORBIDDEN") == 1
    assert grew("ties_neo4j_query_duration_seconds_count", query="people_by_ids") == 2
    assert grew("ties_http_requests_total", method="POST", route="/graphql", status="200") == 3
    assert grew("ties_http_request_duration_seconds_count", route="/graphql") == 3


def test_operation_names_cannot_grow_the_metrics_without_end(client: GraphQLClient,
                                                             service: ServiceThread) -> None:
    name = "ties_graphql_operation_duration_seconds_count"
    before = scrape(service)
    client.data("query Weird_ { __typename }")
    client.execute("query " + "x" * 100 + " { __typename }")
    after = scrape(service)
    labels = {dict(ls).get("operation") for (n, ls) in after if n == name}
    assert "Weird_" in labels and not any(len(str(label)) > 64 for label in labels)
    assert value(after, name, operation="other", type="query") - value(before, name, operation="other",
                                                                         type="query") == 1


def test_a_request_id_is_returned_and_one_is_made_up_when_missing_or_unsafe(service: ServiceThread) -> None:
    query = {"query": "{ __typename }"}
    given = httpx.post(f"{service.url}/graphql", json=query, headers={"X-Request-ID": "gateway-42"})
    assert given.headers["x-request-id"] == "gateway-42"

    made_up = httpx.post(f"{service.url}/graphql", json=query).headers["x-request-id"]
    unsafe = httpx.post(f"{service.url}/graphql", json=query,
                        headers={"X-Request-ID": "evil id; <script>"}).headers["x-request-id"]
    assert len(made_up) == len(unsafe) == 32 and made_up != unsafe
    assert httpx.get(f"{service.url}/healthz").headers["x-request-id"]


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Every ``ties.*`` log line, formatted as the service writes it."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("ties")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield out
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_access_log_lines_are_json_with_the_request_id_and_operation(service: ServiceThread,
                                                                     json_log: io.StringIO) -> None:
    httpx.post(f"{service.url}/graphql", json={"query": "query Hello { __typename }"},
               headers={"X-Request-ID": "trace-me"})
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    [access] = [line for line in lines if line.get("request_id") == "trace-me"]
    assert access["logger"] == "ties.access"
    assert (access["method"], access["path"], access["status"], access["operation"]) == \
        ("POST", "/graphql", 200, "Hello")
    assert access["duration_ms"] >= 0 and access["level"] == "INFO"


def test_show_transactions_names_the_query_file_a_request_runs(client: GraphQLClient,
                                                               graph_db: neo4j.Driver) -> None:
    # Hold an uncommitted person with the same id, so the service's create waits on the id
    # constraint and stays visible in SHOW TRANSACTIONS until this test lets go.
    with graph_db.session() as session:
        holder = session.begin_transaction()
        holder.run("CREATE (:Person {id: 'held', name: 'Held'})").consume()
        outcome: list[str] = []
        request = threading.Thread(target=lambda: outcome.append(
            client.error_code(CREATE, {"input": {"id": "held", "name": "Held"}}, admin=True)))
        request.start()
        try:
            # The transaction can show up a moment before its query text does: wait for both.
            shown: list[dict[str, object]] = []
            deadline = time.monotonic() + 60
            while not any(row["currentQuery"] for row in shown) and time.monotonic() < deadline:
                # (Each worker also reads the change log every 200 ms, 'events_after': not this request.)
                records, _, _ = graph_db.execute_query(
                    "SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.app = 'ties' "
                    "AND metaData.query <> 'events_after' RETURN metaData.query AS query, currentQuery")
                shown = [dict(r) for r in records]
                time.sleep(0.1)
        finally:
            holder.commit()
        request.join(timeout=60)
    assert [row["query"] for row in shown] == ["create_person"]
    assert "CREATE (p:Person" in str(shown[0]["currentQuery"])
    assert outcome == ["CONFLICT"]  # the held person was committed first
