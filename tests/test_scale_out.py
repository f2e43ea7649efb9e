"""Scale-out: the service keeps no state of its own, so it runs behind a routing (neo4j://) driver and
as several worker processes over one database; what one writes, every other reads."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import neo4j
import pytest

from service.identity import issue_token
from service.settings import Settings
from tests.conftest import TEST_SECRET, Endpoint, GraphQLClient, ServiceThread, routing_uri

CREATE = "mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }"
PERSON = "query ($id: ID!) { person(id: $id) { id name } }"


def test_the_service_reads_and_writes_through_a_routing_neo4j_uri(neo4j_endpoint: Endpoint,
                                                                   graph_db: neo4j.Driver) -> None:
    settings = Settings.from_env({"NEO4J_URI": routing_uri(neo4j_endpoint), "NEO4J_USER": neo4j_endpoint.user,
                                  "NEO4J_PASSWORD": neo4j_endpoint.password, "TIES_JWT_SECRET": TEST_SECRET})
    assert settings.bolt_uri.startswith("neo4j")
    with ServiceThread(settings) as service:
        client = GraphQLClient(service.url, TEST_SECRET)
        client.data(CREATE, {"input": {"id": "routed", "name": "Routed"}}, admin=True)
        assert client.data(PERSON, {"id": "routed"}) == {"person": {"id": "routed", "name": "Routed"}}
        assert httpx.get(f"{service.url}/readyz").status_code == 200
        client.close()


@pytest.mark.slow
def test_two_worker_processes_share_one_database_and_one_metrics_view(
        two_workers: tuple[str, Path], graph_db: neo4j.Driver) -> None:
    url, log = two_workers
    admin = {"Authorization": f"Bearer {issue_token(TEST_SECRET, 'admin', admin=True)}"}
    for n in range(20):  # a new connection each time, so the kernel spreads them over the workers
        created = httpx.post(f"{url}/graphql", headers=admin,
                             json={"query": CREATE, "variables": {"input": {"id": f"p{n}", "name": f"P{n}"}}})
        assert created.json()["data"]["createPerson"]["id"] == f"p{n}"
    for n in range(20):
        read = httpx.post(f"{url}/graphql", json={"query": PERSON, "variables": {"id": f"p{n}"}})
        assert read.json()["data"]["person"]["name"] == f"P{n}"

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    ready_pids = {line["pid"] for line in lines if line["message"].startswith("ready: Neo4j")}
    assert len(ready_pids) == 2, "both workers started, each with its own driver"

    scraped = httpx.get(f"{url}/metrics").text
    served = sum(float(line.rsplit(" ", 1)[1]) for line in scraped.splitlines()
                 if line.startswith('ties_http_requests_total{') and 'route="/graphql"' in line)
    assert served == 40, "a scrape adds up every worker's numbers"
