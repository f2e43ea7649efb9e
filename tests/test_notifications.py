"""Notifications over GraphQL (R18): derived from the event log the mutations write, the viewer's
own, newest first, unread counts, marking read, and the privacy rules; pruning the log (retention)."""

from __future__ import annotations

import asyncio
from typing import Any

import neo4j
import pytest

from service import retention
from service.events import Event, Kind
from service.graph import Graph, open_driver
from service.notifications import LiveNotifications
from tests.conftest import Endpoint, GraphQLClient
from tests.graphs import draw_graph

LIST = """query ($first: Int, $after: String) { notifications(first: $first, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id kind at read actor { id } post { id } } } } }"""
UNREAD = 'query ($id: ID!) { person(id: $id) { unreadNotificationCount } }'
MARK = "mutation ($upTo: String!) { markNotificationsRead(upTo: $upTo) }"


def act(client: GraphQLClient, who: str, mutation: str) -> None:
    client.data(f"mutation {{ {mutation} }}", as_=who)


def seen(client: GraphQLClient, who: str, first: int = 20,
         after: str | None = None) -> list[tuple[str, str | None]]:
    page = client.data(LIST, {"first": first, "after": after}, as_=who)["notifications"]
    return [(e["node"]["kind"], (e["node"]["actor"] or {}).get("id")) for e in page["edges"]]


def unread(client: GraphQLClient, who: str) -> int:
    count: int = client.data(UNREAD, {"id": who}, as_=who)["person"]["unreadNotificationCount"]
    return count


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["ada", "bob", "cat", "dan", "eve"], posts=[("a1", "ada", "PUBLIC", 1)])


@pytest.mark.usefixtures("network")
def test_the_four_kinds_newest_first_and_nobody_elses(client: GraphQLClient) -> None:
    act(client, "bob", 'follow(personId: "ada") { following }')
    act(client, "cat", 'sendConnectionRequest(personId: "ada") { requestSent }')
    act(client, "ada", 'sendConnectionRequest(personId: "dan") { requestSent }')
    act(client, "dan", 'acceptConnectionRequest(personId: "ada") { connected }')
    act(client, "eve", 'sharePost(postId: "a1") { id }')
    act(client, "ada", 'sharePost(postId: "a1") { id }')  # her own doing: no notification
    act(client, "ada", 'follow(personId: "eve") { following }')
    assert seen(client, "ada") == [("POST_SHARED", "eve"), ("CONNECTION_ACCEPTED", "dan"),
                                   ("CONNECTION_REQUEST", "cat"), ("NEW_FOLLOWER", "bob")]
    page = client.data(LIST, as_="ada")["notifications"]
    assert page["edges"][0]["node"]["post"] == {"id": "a1"}
    assert seen(client, "dan") == [("CONNECTION_REQUEST", "ada")]  # accepting it tells dan nothing new
    assert seen(client, "eve") == [("NEW_FOLLOWER", "ada")]
    assert seen(client, "bob") == []


@pytest.mark.usefixtures("network")
def test_pages_resume_from_their_cursor_without_missing_or_repeating(client: GraphQLClient) -> None:
    for who in ("bob", "cat", "dan", "eve"):
        act(client, who, 'follow(personId: "ada") { following }')
    everyone = seen(client, "ada")
    pages, after = [], None
    while True:
        page = client.data(LIST, {"first": 3, "after": after}, as_="ada")["notifications"]
        pages += [(e["node"]["kind"], e["node"]["actor"]["id"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == everyone == [("NEW_FOLLOWER", who) for who in ("eve", "dan", "cat", "bob")]
    assert client.error_code(LIST, {"after": "bm90LWEtY3Vyc29y"}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(LIST, {"after": "ImJvYiI="}, as_="ada") == "BAD_USER_INPUT"  # a people cursor


@pytest.mark.usefixtures("network")
def test_marking_read_up_to_a_cursor_counts_down_and_never_goes_back(client: GraphQLClient) -> None:
    for who in ("bob", "cat", "dan"):
        act(client, who, 'follow(personId: "ada") { following }')
    assert unread(client, "ada") == 3
    edges = client.data(LIST, as_="ada")["notifications"]["edges"]
    assert client.data(MARK, {"upTo": edges[1]["cursor"]}, as_="ada") == {"markNotificationsRead": 1}
    assert [e["node"]["read"] for e in client.data(LIST, as_="ada")["notifications"]["edges"]] == [
        False, True, True]
    assert client.data(MARK, {"upTo": edges[2]["cursor"]}, as_="ada") == {"markNotificationsRead": 1}
    act(client, "eve", 'follow(personId: "ada") { following }')
    assert unread(client, "ada") == 2
    assert client.data(MARK, {"upTo": edges[0]["cursor"]}, as_="ada") == {"markNotificationsRead": 1}
    assert client.error_code(UNREAD, {"id": "ada"}, as_="bob") == "FORBIDDEN"
    assert client.error_code(MARK, {"upTo": "bm9wZQ=="}, as_="ada") == "BAD_USER_INPUT"


@pytest.mark.usefixtures("network")
def test_a_withdrawn_request_and_anything_across_a_block_disappear(client: GraphQLClient) -> None:
    act(client, "bob", 'sendConnectionRequest(personId: "ada") { requestSent }')
    act(client, "cat", 'follow(personId: "ada") { following }')
    act(client, "dan", 'follow(personId: "ada") { following }')
    act(client, "eve", 'sendConnectionRequest(personId: "ada") { requestSent }')
    assert unread(client, "ada") == 4
    act(client, "bob", 'withdrawConnectionRequest(personId: "ada") { requestSent }')
    act(client, "ada", 'block(personId: "cat") { blocking }')
    act(client, "dan", 'block(personId: "ada") { blocking }')
    assert seen(client, "ada") == [("CONNECTION_REQUEST", "eve")]
    assert unread(client, "ada") == 1
    act(client, "ada", 'unblock(personId: "cat") { blocking }')
    act(client, "dan", 'unblock(personId: "ada") { blocking }')
    assert seen(client, "ada") == [("CONNECTION_REQUEST", "eve")], "unblocking restores nothing (R8)"
    act(client, "cat", 'follow(personId: "ada") { following }')
    assert seen(client, "ada") == [("NEW_FOLLOWER", "cat"), ("CONNECTION_REQUEST", "eve")]


@pytest.mark.usefixtures("network")
def test_deleted_posts_take_their_share_notifications_and_deleted_actors_turn_null(
        client: GraphQLClient) -> None:
    act(client, "bob", 'sharePost(postId: "a1") { id }')
    act(client, "cat", 'follow(personId: "ada") { following }')
    act(client, "ada", 'follow(personId: "dan") { following }')
    act(client, "ada", 'deletePost(postId: "a1")')
    assert seen(client, "ada") == [("NEW_FOLLOWER", "cat")]
    act(client, "cat", 'deleteAccount(personId: "cat")')
    assert seen(client, "ada") == [("NEW_FOLLOWER", None)]
    act(client, "ada", 'deleteAccount(personId: "ada")')
    assert seen(client, "dan") == [("NEW_FOLLOWER", None)]
    assert client.error_code(LIST, as_="ada") == "NOT_FOUND"


def test_pruning_deletes_only_events_older_than_the_retention(client: GraphQLClient, graph_db: neo4j.Driver,
                                                              neo4j_endpoint: Endpoint) -> None:
    draw_graph(graph_db, ["ada", "bob"])
    graph_db.execute_query("""
        UNWIND range(1, 12) AS n
        CREATE (:Event {seq: 100000 + n, kind: 'FOLLOWED', actor: 'bob', subject: 'ada',
                        at: datetime() - duration({days: 40 - n, hours: 12})})""")
    before: list[Any] = graph_db.execute_query("MATCH (e:Event) RETURN count(e) AS n").records

    async def prune() -> int:
        driver = open_driver(neo4j_endpoint.uri, neo4j_endpoint.user, neo4j_endpoint.password)
        try:
            return await retention.prune(Graph(driver, "neo4j"), days=30, batch=4)
        finally:
            await driver.close()

    assert asyncio.run(prune()) == 10  # 39.5 ... 30.5 days old; 29.5 and 28.5 stay
    after: list[Any] = graph_db.execute_query("MATCH (e:Event) RETURN count(e) AS n").records
    assert after[0]["n"] == before[0]["n"] - 10


# Live delivery's hand-off (notifications.LiveNotifications): pure, no database ----------------------

def event(seq: int, kind: Kind, actor: str, subject: str | None) -> Event:
    return Event(kind=kind, actor=actor, subject=subject, seq=seq)


def test_live_delivery_hands_each_listener_its_own_notifications_in_order() -> None:
    async def main() -> tuple[list[int], list[int], int]:
        live = LiveNotifications()
        with live.listen("ada") as ada, live.listen("ada") as ada_again, live.listen("bob") as bob:
            await live.deliver([
                event(1, Kind.FOLLOWED, "bob", "ada"),
                event(2, Kind.FOLLOWED, "ada", "ada"),          # one's own doing: never
                event(3, Kind.UNFOLLOWED, "bob", "ada"),        # not a notification kind
                event(4, Kind.GRAPH_CHANGED, "tests", None),    # nobody's
                event(5, Kind.REQUEST_SENT, "cat", "bob"),      # bob's, not ada's
                event(6, Kind.POST_SHARED, "cat", "ada"),
            ], reset=False)
            seen = [ada.get_nowait() for _ in range(ada.qsize())]
            again = [ada_again.get_nowait() for _ in range(ada_again.qsize())]
            return seen, again, bob.qsize()

    seen, again, bobs = asyncio.run(main())
    assert seen == again == [1, 6] and bobs == 1


def test_a_listener_that_left_gets_nothing_more() -> None:
    async def main() -> int:
        live = LiveNotifications()
        with live.listen("ada") as queue:
            pass
        await live.deliver([event(1, Kind.FOLLOWED, "bob", "ada")], reset=False)
        return queue.qsize()

    assert asyncio.run(main()) == 0
