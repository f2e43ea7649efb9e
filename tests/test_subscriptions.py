"""Live notifications over graphql-transport-ws (R18), with a real WebSocket client: signing in
through connection_init, the protocol's close codes, and an event committed through one service
instance reaching a subscriber connected to another (how soon is the benchmark's to measure: a test
asserts no timings). The client is ``websockets``, which uvicorn[standard] already brings (both
locks pin it), so the dev extra needs no entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect
from websockets.sync.connection import Connection

from service import cypher
from service.settings import Settings
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_graph

PROTOCOL = "graphql-transport-ws"
SUBSCRIBE = "subscription { notifications { id kind at read actor { id name } } }"


def ws_url(service: ServiceThread) -> str:
    return service.url.replace("http://", "ws://") + "/graphql"


def open_socket(service: ServiceThread, payload: dict[str, Any] | None) -> ClientConnection:
    ws = connect(ws_url(service), subprotocols=[PROTOCOL], open_timeout=10)  # type: ignore[list-item]
    init: dict[str, Any] = {"type": "connection_init"}
    if payload is not None:
        init["payload"] = payload
    ws.send(json.dumps(init))
    return ws


def close_code(ws: Connection) -> int | None:
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            ws.recv(timeout=10)
    return closed.value.rcvd.code if closed.value.rcvd else None


def signed_in(service: ServiceThread, client: GraphQLClient, person: str,
              header: str = "Authorization") -> ClientConnection:
    ws = open_socket(service, {header: f"Bearer {client.token(person)}"})
    assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
    return ws


def subscribe(ws: Connection, query: str = SUBSCRIBE, op: str = "1") -> None:
    ws.send(json.dumps({"id": op, "type": "subscribe", "payload": {"query": query}}))


def next_message(ws: Connection, timeout: float) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(ws.recv(timeout=timeout))
    return message


@pytest.fixture
def second_service(settings: Settings) -> Iterator[ServiceThread]:
    """Another instance of the service on the same database (another worker, another machine)."""
    with ServiceThread(settings) as other:
        yield other


def test_a_socket_without_a_token_or_with_a_bad_one_is_closed_with_4403(service: ServiceThread,
                                                                        graph_db: neo4j.Driver) -> None:
    for payload in (None, {}, {"Authorization": "Bearer not.a.token"}, {"Authorization": "Basic YWRhOg=="}):
        with open_socket(service, payload) as ws:
            assert close_code(ws) == 4403, payload


def test_subscribing_before_connection_init_is_closed_with_4401(service: ServiceThread,
                                                                graph_db: neo4j.Driver) -> None:
    with connect(ws_url(service), subprotocols=[PROTOCOL], open_timeout=10) as ws:  # type: ignore[list-item]
        subscribe(ws)
        assert close_code(ws) == 4401


def test_a_lowercase_authorization_key_signs_in_too(service: ServiceThread, client: GraphQLClient,
                                                    graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["ada"])
    with signed_in(service, client, "ada", header="authorization") as ws:
        ws.send(json.dumps({"id": "q", "type": "subscribe", "payload": {"query": "{ viewer { id } }"}}))
        assert next_message(ws, 10)["payload"] == {"data": {"viewer": {"id": "ada"}}}


def test_an_event_through_one_instance_reaches_a_subscriber_on_another(
        service: ServiceThread, second_service: ServiceThread, client: GraphQLClient,
        graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["ada", "bob", "cat", "dan"])
    # The drawing wiped the graph and began a new change log. The subscriber's instance takes that
    # in first, as a running service long has: the first pass over a new log starts at its end, so
    # a follow committed before that pass would never be news there.
    client.data('{ person(id: "ada") { degree } }', as_="bob")
    other = GraphQLClient(second_service.url, TEST_SECRET)
    try:
        with signed_in(service, client, "ada") as ws:
            subscribe(ws)
            # the first event also waits for the other instance to take in the drawing above
            other.data('mutation { follow(personId: "ada") { following } }', as_="bob")
            node = next_message(ws, 10)["payload"]["data"]["notifications"]
            assert node["kind"] == "NEW_FOLLOWER" and node["actor"] == {"id": "bob", "name": "Bob"}
            assert node["read"] is False
            for who in ("cat", "dan"):
                other.data('mutation { sendConnectionRequest(personId: "ada") { requestSent } }', as_=who)
                node = next_message(ws, 10)["payload"]["data"]["notifications"]
                assert (node["kind"], node["actor"]["id"]) == ("CONNECTION_REQUEST", who)
            # someone else's notification never reaches ada's socket
            other.data('mutation { follow(personId: "bob") { following } }', as_="cat")
            other.data('mutation { follow(personId: "ada") { following } }', as_="cat")
            node = next_message(ws, 5)["payload"]["data"]["notifications"]
            assert (node["kind"], node["actor"]["id"]) == ("NEW_FOLLOWER", "cat")
    finally:
        other.close()


def test_the_subscription_needs_a_person(service: ServiceThread, client: GraphQLClient,
                                         graph_db: neo4j.Driver) -> None:
    ws = open_socket(service, {"Authorization": f"Bearer {client.token('admin', admin=True)}"})
    assert next_message(ws, 10)["type"] == "connection_ack"
    subscribe(ws)
    try:
        # coded as every error is (R17): the admin's token names no person in the network
        [error] = next_message(ws, 10)["payload"]["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND"
        assert "'admin' is not in the network" in error["message"]
    finally:
        ws.close()


def draw_events(db: neo4j.Driver, *changes: dict[str, str]) -> None:
    """Events written into the log as a writer would record them (the rules apply at delivery)."""
    db.execute_query(cypher.query("record_events").text,
                     changes=[{"subject": None, "post": None, **change} for change in changes])


def test_live_delivery_never_pushes_a_blocked_actor_a_withdrawn_request_or_ones_own_action(
        service: ServiceThread, client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    # eve blocks ada; ada has a post of her own. Each unwanted event is followed by one that must
    # arrive: the first message after it proves it was skipped (a subscription gets its events in
    # the log's order).
    draw_graph(graph_db, ["ada", "bob", "cat", "dan", "eve"], blocks=[("eve", "ada")],
               posts=[("ada-post", "ada", "PUBLIC", 1)])
    client.data('{ person(id: "ada") { degree } }', as_="bob")  # the service takes in the new log
    with signed_in(service, client, "ada") as ws:
        subscribe(ws)
        client.data('mutation { follow(personId: "ada") { following } }', as_="dan")
        assert next_message(ws, 10)["payload"]["data"]["notifications"]["actor"]["id"] == "dan"

        # one's own action: ada shares her own post (POST_SHARED, for its author: herself)
        client.data('mutation { sharePost(postId: "ada-post") { id } }', as_="ada")
        client.data('mutation { follow(personId: "ada") { following } }', as_="bob")
        node = next_message(ws, 10)["payload"]["data"]["notifications"]
        assert (node["kind"], node["actor"]["id"]) == ("NEW_FOLLOWER", "bob")

        # a blocked actor: eve's follow, as if committed just before the block took effect
        draw_events(graph_db, {"kind": "FOLLOWED", "actor": "eve", "subject": "ada"})
        client.data('mutation { sendConnectionRequest(personId: "ada") { requestSent } }', as_="cat")
        node = next_message(ws, 10)["payload"]["data"]["notifications"]
        assert (node["kind"], node["actor"]["id"]) == ("CONNECTION_REQUEST", "cat")

        # a withdrawn request: dan asks and takes it back before the delivery reads it
        draw_events(graph_db, {"kind": "REQUEST_SENT", "actor": "dan", "subject": "ada"},
                    {"kind": "REQUEST_WITHDRAWN", "actor": "dan", "subject": "ada"})
        client.data('mutation { sendConnectionRequest(personId: "ada") { requestSent } }', as_="bob")
        node = next_message(ws, 10)["payload"]["data"]["notifications"]
        assert (node["kind"], node["actor"]["id"]) == ("CONNECTION_REQUEST", "bob")


def test_a_subscriber_not_in_the_network_is_told_so_with_a_code(service: ServiceThread, client: GraphQLClient,
                                                    graph_db: neo4j.Driver) -> None:
    with signed_in(service, client, "ghost") as ws:
        subscribe(ws)
        [error] = next_message(ws, 10)["payload"]["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND" and "not in the network" in error["message"]


# -- a subscription sent over plain HTTP ------------------------------------------------------------

def over_http(method: str) -> str:
    """What a subscription sent by HTTP is told: where subscriptions are served instead."""
    return (f"Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql; this request "
            f"came by HTTP {method}.")


@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
def test_a_subscription_sent_by_http_is_a_client_error_that_says_where_to_subscribe(
        client: GraphQLClient, graph_db: neo4j.Driver, accept: str) -> None:
    draw_graph(graph_db, ["ada"])
    headers = {"Authorization": f"Bearer {client.token('ada')}", "Accept": accept}
    named = "subscription Live { notifications { id } }"
    for method, body in (("POST", {"query": SUBSCRIBE}), ("POST", {"query": SUBSCRIBE}),  # known the 2nd time
                         ("GET", {"query": SUBSCRIBE}),
                         ("POST", {"query": f"query Q {{ __typename }} {named}", "operationName": "Live"})):
        answer = (client.http.post("/graphql", json=body, headers=headers) if method == "POST"
                  else client.http.get("/graphql", params=body, headers=headers))
        assert answer.status_code == 400, (method, body, answer.text)
        assert answer.json() == {"errors": [{"message": over_http(method),
                                             "extensions": {"code": "BAD_USER_INPUT"}}]}, (method, body)
