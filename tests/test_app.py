"""The HTTP surface: health, readiness, GraphQL over GET and POST, GraphiQL, tokens."""

from __future__ import annotations

import httpx

from tests.conftest import Endpoint, GraphQLClient, ServiceThread


def test_healthz_and_readyz_answer_while_neo4j_is_up(service: ServiceThread) -> None:
    assert httpx.get(f"{service.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{service.url}/readyz")
    assert (ready.status_code, ready.json()["status"]) == (200, "ready")


def test_graphql_over_get_and_post(service: ServiceThread) -> None:
    got = httpx.get(f"{service.url}/graphql", params={"query": "{ __typename }"},
                    headers={"Accept": "application/json"})
    posted = httpx.post(f"{service.url}/graphql", json={"query": "{ __typename }"})
    assert got.json() == posted.json() == {"data": {"__typename": "Query"}}


def test_browsers_get_graphiql(service: ServiceThread) -> None:
    page = httpx.get(f"{service.url}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_a_bad_token_is_unauthenticated_not_anonymous(client: GraphQLClient) -> None:
    response = client.http.post("/graphql", json={"query": "{ viewer { id } }"},
                                headers={"Authorization": "Bearer not-a-jwt"})
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_syntax_errors_are_bad_user_input(client: GraphQLClient) -> None:
    assert client.error_code("{ viewer { id }") == "BAD_USER_INPUT"
    assert client.error_code("{ noSuchField }") == "BAD_USER_INPUT"


def test_neo4j_browser_is_served(neo4j_endpoint: Endpoint) -> None:
    assert neo4j_endpoint.http_url is not None
    page = httpx.get(f"{neo4j_endpoint.http_url}/browser/")
    assert page.status_code == 200 and "<title>Neo4j Browser</title>" in page.text
