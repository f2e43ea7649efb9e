"""Live messages over graphql-transport-ws (R27), with a real WebSocket client: a new message reaches
both participants' subscriptions (every device of each), nobody else's, nothing across a block, and
it does so across the two worker processes of ``ties serve --workers 2`` through the change log."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest
from websockets.sync.client import ClientConnection, connect

from service.identity import issue_token
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_accepted, draw_people
from tests.messaging_api import send
from tests.relationship_api import mutate
from tests.test_subscriptions import PROTOCOL

SUBSCRIBE = "subscription { messages { id text sender { id } conversation { id person { id } } } }"
#: How long a socket is given to deliver what it should (the tailer reads the log every 200 ms).
PATIENCE = 10.0


def socket(url: str, person: str) -> ClientConnection:
    """A WebSocket to ``url`` signed in as ``person``, subscribed to its messages."""
    ws = connect(url.replace("http://", "ws://") + "/graphql", subprotocols=[PROTOCOL],  # type: ignore[list-item]
                 open_timeout=10)
    ws.send(json.dumps({"type": "connection_init",
                        "payload": {"Authorization": f"Bearer {issue_token(TEST_SECRET, person)}"}}))
    assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
    ws.send(json.dumps({"id": "m", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
    return ws


def received(ws: ClientConnection, timeout: float) -> list[dict[str, Any]]:
    """The messages that arrive on ``ws`` within ``timeout`` seconds of quiet."""
    got: list[dict[str, Any]] = []
    while True:
        try:
            frame = json.loads(ws.recv(timeout=timeout))
        except TimeoutError:
            return got
        assert frame["type"] == "next", frame
        got.append(frame["payload"]["data"]["messages"])


def take(ws: ClientConnection, n: int) -> list[dict[str, Any]]:
    """The next ``n`` messages on ``ws``, each given PATIENCE seconds to come."""
    return [json.loads(ws.recv(timeout=PATIENCE))["payload"]["data"]["messages"] for _ in range(n)]


def until_live(sockets: Iterable[ClientConnection], warm_up: Callable[[], object],
               drain: Iterable[ClientConnection] = ()) -> None:
    """Sends warm-up messages until each socket has received one: from then on its subscription is
    registered, so what the test sends next cannot pass it by. Then reads every warm-up left on
    these sockets and on ``drain``."""
    sockets = list(sockets)
    waiting = sockets
    for _ in range(20):
        warm_up()
        waiting = [ws for ws in waiting if not received(ws, 0.5)]
        if not waiting:
            break
    assert not waiting, f"{len(waiting)} subscriptions never went live"
    for ws in [*sockets, *drain]:
        received(ws, 0.5)


def texts_on(ws: ClientConnection, wanted: set[str]) -> set[str]:
    """Reads ``ws`` until every text in ``wanted`` arrived, waiting at most PATIENCE seconds for
    each next message; the texts seen, warm-ups left out."""
    seen: set[str] = set()
    while not wanted <= seen:
        try:
            frame = json.loads(ws.recv(timeout=PATIENCE))
        except TimeoutError:
            break
        text = frame["payload"]["data"]["messages"]["text"]
        if not text.startswith("warm-up"):
            seen.add(text)
    return seen


def test_a_new_message_reaches_both_participants_and_nobody_else(
        service: ServiceThread, client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "eve")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "eve"))
    phone, laptop, bob, eve = (socket(service.url, p) for p in ("ada", "ada", "bob", "eve"))
    try:
        until_live([phone, laptop, bob], lambda: send(client, "ada", "bob", "warm-up"))
        until_live([eve], lambda: send(client, "ada", "eve", "warm-up"), drain=[phone, laptop])
        message = send(client, "bob", "ada", "Lunch?")
        for ws in (phone, laptop, bob):  # both participants, every device, the sender's too
            got = take(ws, 1)
            assert [(m["id"], m["text"], m["sender"]["id"]) for m in got] == [
                (message["id"], "Lunch?", "bob")]
        assert received(bob, 0.5) == []
        mutate(client, "block", "bob", as_="ada")
        send(client, "eve", "ada", "Still here")
        assert [m["text"] for m in take(eve, 1)] == ["Still here"]
        assert [m["text"] for m in take(phone, 1)] == ["Still here"]
        # nothing else: not ada's other conversations, not across the block
        assert received(eve, 0.5) == received(bob, 0.5) == []
    finally:
        for ws in (phone, laptop, bob, eve):
            ws.close()


def test_the_subscription_needs_a_person(service: ServiceThread, graph_db: neo4j.Driver) -> None:
    with socket(service.url, "ghost") as ws:  # a token for an account not made yet
        frame = json.loads(ws.recv(timeout=10))
        assert frame["type"] == "next", frame
        [error] = frame["payload"]["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND" and "not in the network" in error["message"]


def served_by(log: Path, request_ids: set[str]) -> set[int]:
    """The worker pids whose access lines name these requests."""
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return {line["pid"] for line in lines if line.get("request_id") in request_ids}


@pytest.mark.slow
def test_messages_sent_through_either_worker_reach_subscribers_on_both(
        two_workers: tuple[str, Path], graph_db: neo4j.Driver) -> None:
    url, log = two_workers
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    sent: dict[str, str] = {}  # request id -> text

    def post(sender: str, recipient: str, text: str) -> None:
        # A new connection each time, so the kernel spreads the requests over both workers.
        request_id = uuid.uuid4().hex
        headers = {"Authorization": f"Bearer {issue_token(TEST_SECRET, sender)}", "X-Request-ID": request_id}
        query = "mutation ($to: ID!, $text: String!) { sendMessage(personId: $to, text: $text) { id } }"
        body = httpx.post(f"{url}/graphql", headers=headers, timeout=30,
                          json={"query": query, "variables": {"to": recipient, "text": text}}).json()
        assert "errors" not in body, body
        if not text.startswith("warm-up"):
            sent[request_id] = text

    # several sockets per person, each a new connection the kernel gives to either worker
    sockets = [socket(url, person) for person in ("ada", "bob") * 3]
    try:
        until_live(sockets, lambda: post("ada", "bob", f"warm-up {uuid.uuid4().hex}"))
        n = 0
        while n < 8 or len(served_by(log, set(sent))) < 2:  # until both workers took some sends
            assert n < 40, "every send went to one worker"
            post(*(("ada", "bob") if n % 2 else ("bob", "ada")), f"message {n}")
            n += 1
        # every socket got every message: those sent through its own worker and through the other
        for ws in sockets:
            assert texts_on(ws, set(sent.values())) == set(sent.values())
    finally:
        for ws in sockets:
            ws.close()
