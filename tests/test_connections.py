"""CONNECTED_TO through GraphQL over HTTP: R3 send (limits included), R4 accept, R5 ignore,
R6 withdraw, R7 remove, and the connections and connection-request lists."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import neo4j
import pytest

from service import connections
from service.connections import ConnectionLimits
from service.errors import LimitExceeded
from service.graph import Graph
from service.identity import Viewer
from service.settings import Settings
from tests.conftest import TEST_SECRET, Endpoint, GraphQLClient, ServiceThread
from tests.graphs import draw_accepted, draw_cypher, draw_people, ties
from tests.relationship_api import expect, mutate, mutate_error, mutate_message
from tests.test_graph import run_graph

SEND = "sendConnectionRequest"
REQUESTS = """
query ($direction: RequestDirection, $first: Int, $after: String) {
  connectionRequests(direction: $direction, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { from { id name } to { id } message createdAt } }
  }
}"""


def requests(driver: neo4j.Driver) -> list[tuple[str, str, str | None]]:
    records, _, _ = driver.execute_query("""
        MATCH (a:Person)-[r:REQUESTED]->(b:Person) RETURN a.id AS a, b.id AS b, r.message AS m
        ORDER BY a, b""")
    return [(r["a"], r["b"], r["m"]) for r in records]


def connected_once(driver: neo4j.Driver, a: str, b: str) -> bool:
    """Exactly one CONNECTED_TO between a and b, stored from the smaller id to the larger."""
    return ties(driver, "CONNECTED_TO") == [tuple(sorted((a, b)))]


# R3 --------------------------------------------------------------------------------------------

def test_a_request_is_pending_on_both_sides_with_its_note(client: GraphQLClient,
                                                          graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    assert mutate(client, SEND, "bob", as_="ada", message="We met at PyCon.") == expect(
        "bob", requestSent=True)
    assert requests(graph_db) == [("ada", "bob", "We met at PyCon.")]
    incoming = client.data(REQUESTS, as_="bob")["connectionRequests"]
    assert incoming["totalCount"] == 1
    node = incoming["edges"][0]["node"]
    assert (node["from"], node["to"], node["message"]) == ({"id": "ada", "name": "Ada"}, {"id": "bob"},
                                                            "We met at PyCon.")
    assert node["createdAt"]
    outgoing = client.data(REQUESTS, {"direction": "OUTGOING"}, as_="ada")["connectionRequests"]
    assert [e["node"]["to"]["id"] for e in outgoing["edges"]] == ["bob"]
    assert client.data(REQUESTS, as_="ada")["connectionRequests"]["totalCount"] == 0
    assert ties(graph_db, "CONNECTED_TO") == []  # nothing until accepted


def test_asking_twice_leaves_one_request_and_the_first_note(client: GraphQLClient,
                                                            graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, SEND, "bob", as_="ada", message="first")
    assert mutate(client, SEND, "bob", as_="ada", message="second") == expect("bob", requestSent=True)
    assert requests(graph_db) == [("ada", "bob", "first")]


def test_the_note_is_at_most_300_characters(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    assert mutate_error(client, SEND, "bob", as_="ada", message="x" * 301) == "BAD_USER_INPUT"
    assert "300" in mutate_message(client, SEND, "bob", as_="ada", message="x" * 301)
    mutate(client, SEND, "cy", as_="ada", message="y" * 300)
    assert requests(graph_db) == [("ada", "cy", "y" * 300)]


def test_crossing_requests_connect_at_once(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, SEND, "ada", as_="bob")
    assert mutate(client, SEND, "bob", as_="ada", message="hi") == expect(
        "bob", following=True, followedBy=True, connected=True, canMessage=True)
    assert connected_once(graph_db, "ada", "bob")
    assert requests(graph_db) == []
    assert ties(graph_db, "FOLLOWS") == [("ada", "bob"), ("bob", "ada")]


def test_send_refusals(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy", "dee")
    draw_accepted(graph_db, ("ada", "bob"))
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (c:Person {id: 'cy'}), (d:Person {id: 'dee'})
                             CREATE (c)-[:BLOCKS]->(a), (a)-[:BLOCKS]->(d)""")
    assert mutate_error(client, SEND, "bob", as_="ada") == "CONFLICT"
    assert mutate_error(client, SEND, "ada", as_="ada") == "BAD_USER_INPUT"
    assert mutate_error(client, SEND, "nobody", as_="ada") == "NOT_FOUND"
    assert mutate_error(client, SEND, "cy", as_="ada") == "FORBIDDEN"   # cy blocks ada
    assert mutate_error(client, SEND, "ada", as_="cy") == "FORBIDDEN"
    assert mutate_error(client, SEND, "dee", as_="ada") == "FORBIDDEN"  # ada blocks dee
    assert mutate_error(client, SEND, "bob", as_=None) == "UNAUTHENTICATED"
    assert requests(graph_db) == []


def test_the_weekly_limit_counts_the_rolling_seven_days(client: GraphQLClient,
                                                        graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy", "dee")
    # 98 requests in the last week (since accepted, ignored or withdrawn: they still count) and
    # one 8 days ago (which no longer does): two more are allowed this week, not three.
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'})
                             SET a.requestsSentAt = [datetime() - duration('P8D')]
                                 + [i IN range(1, 98) | datetime() - duration({hours: i})]""")
    mutate(client, SEND, "bob", as_="ada")
    mutate(client, SEND, "cy", as_="ada")
    assert mutate_error(client, SEND, "dee", as_="ada") == "LIMIT_EXCEEDED"
    assert "7 days" in mutate_message(client, SEND, "dee", as_="ada")
    mutate(client, "withdrawConnectionRequest", "bob", as_="ada")  # withdrawing gives nothing back
    assert mutate_error(client, SEND, "dee", as_="ada") == "LIMIT_EXCEEDED"
    assert [r[:2] for r in requests(graph_db)] == [("ada", "cy")]
    records, _, _ = graph_db.execute_query("MATCH (a:Person {id: 'ada'}) RETURN size(a.requestsSentAt) AS n")
    assert records[0]["n"] == 100  # the expired send was dropped, the refused ones never recorded


def test_answering_a_request_does_not_count_against_the_limit(client: GraphQLClient,
                                                              graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (b:Person {id: 'bob'})
                             SET a.requestsSentAt = [i IN range(1, 100) | datetime() - duration({hours: i})]
                             CREATE (b)-[:REQUESTED {at: datetime()}]->(a)""")
    assert mutate(client, SEND, "bob", as_="ada")["connected"] is True


@pytest.fixture
def strict_client(settings: Settings, graph_db: neo4j.Driver) -> Iterator[GraphQLClient]:
    """A second service with small limits: 2 requests a week (TIES_WEEKLY_REQUEST_LIMIT) and 3
    connections at most (TIES_MAX_CONNECTIONS), so the caps can be reached with a small graph."""
    small = dataclasses.replace(settings, weekly_request_limit=2, max_connections=3)
    with ServiceThread(small) as strict:
        c = GraphQLClient(strict.url, TEST_SECRET)
        yield c
        c.close()


def test_the_limits_default_to_the_spec() -> None:
    defaults = Settings.from_env({})
    assert (defaults.weekly_request_limit, defaults.max_connections) == (100, 30_000)


def test_the_weekly_limit_is_configurable(strict_client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy", "dee")
    mutate(strict_client, SEND, "bob", as_="ada")
    mutate(strict_client, SEND, "cy", as_="ada")
    assert mutate_error(strict_client, SEND, "dee", as_="ada") == "LIMIT_EXCEEDED"


def test_nobody_goes_past_the_most_connections(strict_client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "hub", "ada", "bob", "c1", "c2", "c3")
    draw_accepted(graph_db, ("hub", "c1"), ("hub", "c2"), ("hub", "c3"))  # the most anyone may have: 3
    draw_cypher(graph_db, """MATCH (h:Person {id: 'hub'}), (b:Person {id: 'bob'})
                             CREATE (b)-[:REQUESTED {at: datetime()}]->(h)""")
    assert mutate_error(strict_client, SEND, "ada", as_="hub") == "LIMIT_EXCEEDED"
    assert mutate_error(strict_client, SEND, "hub", as_="ada") == "LIMIT_EXCEEDED"
    assert mutate_error(strict_client, "acceptConnectionRequest", "bob", as_="hub") == "LIMIT_EXCEEDED"
    assert mutate_error(strict_client, SEND, "bob", as_="hub") == "LIMIT_EXCEEDED"  # crossing, too
    assert ties(graph_db, "CONNECTED_TO") == [("hub", "c1"), ("hub", "c2"), ("hub", "c3")]
    mutate(strict_client, "removeConnection", "c1", as_="hub")
    assert mutate(strict_client, "acceptConnectionRequest", "bob", as_="hub")["connected"] is True
    assert strict_client.data('{ person(id: "hub") { connectionCount } }')["person"]["connectionCount"] == 3


def test_no_new_request_within_21_days_of_withdrawing(client: GraphQLClient,
                                                      graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    mutate(client, SEND, "bob", as_="ada")
    assert mutate(client, "withdrawConnectionRequest", "bob", as_="ada") == expect("bob")
    assert requests(graph_db) == []
    assert mutate_error(client, SEND, "bob", as_="ada") == "LIMIT_EXCEEDED"
    assert "21 days" in mutate_message(client, SEND, "bob", as_="ada")
    mutate(client, SEND, "cy", as_="ada")  # the wait is for that one person only
    mutate(client, SEND, "ada", as_="bob")  # and only for the one who withdrew

    draw_people(graph_db, "dee")
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (d:Person {id: 'dee'})
                             CREATE (a)-[:WITHDREW {at: datetime() - duration('P20D')}]->(d)""")
    assert mutate_error(client, SEND, "dee", as_="ada") == "LIMIT_EXCEEDED"
    draw_cypher(graph_db, """MATCH (:Person {id: 'ada'})-[w:WITHDREW]->(:Person {id: 'dee'})
                             SET w.at = datetime() - duration('P21DT1M')""")
    assert mutate(client, SEND, "dee", as_="ada")["requestSent"] is True
    assert ties(graph_db, "WITHDREW") == [("ada", "bob")]  # the finished wait is gone


def test_both_windows_are_the_limits_own(neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    """R3's rolling window and R6's wait reach the queries from ConnectionLimits (the one place they
    are written), and the refusals quote them: with an hour's window and a day's wait, a send two
    hours ago and a withdrawal two days ago no longer count; with the spec's, both still do."""
    draw_people(graph_db, "ada", "bob", "cy")
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (b:Person {id: 'bob'})
                             SET a.requestsSentAt = [datetime() - duration('PT2H')]
                             CREATE (a)-[:WITHDREW {at: datetime() - duration('P2D')}]->(b)""")
    spec = ConnectionLimits(weekly_requests=1, max_connections=10)
    short = dataclasses.replace(spec, request_window=timedelta(hours=1), withdrawal_wait=timedelta(days=1))

    async def send(graph: Graph, other: str, limits: ConnectionLimits) -> str:
        try:
            await connections.send_request(graph, Viewer("ada"), other, None, limits)
        except LimitExceeded as refused:
            return refused.message
        return "sent"

    async def work(graph: Graph) -> list[str]:
        return [await send(graph, "bob", spec), await send(graph, "cy", spec),
                await send(graph, "bob", short), await send(graph, "cy", short)]

    waited, weekly, sent, hourly = run_graph(neo4j_endpoint, work)
    assert "less than 21 days ago" in waited and "in the last 7 days" in weekly
    assert sent == "sent"
    assert "in the last 1 hour," in hourly  # bob's send, a moment ago, fills the hour


# R4 --------------------------------------------------------------------------------------------

def test_accepting_connects_once_and_both_follow(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "zed")
    mutate(client, SEND, "ada", as_="zed")  # the larger id asks; the edge still goes ada -> zed
    assert mutate(client, "acceptConnectionRequest", "zed", as_="ada") == expect(
        "zed", following=True, followedBy=True, connected=True, canMessage=True)
    assert connected_once(graph_db, "ada", "zed")
    assert requests(graph_db) == []
    assert ties(graph_db, "FOLLOWS") == [("ada", "zed"), ("zed", "ada")]
    counts = client.data('{ person(id: "zed") { connectionCount followerCount followingCount } }')
    assert counts["person"] == {"connectionCount": 1, "followerCount": 1, "followingCount": 1}


def test_accepting_keeps_existing_follows_single(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, "follow", "bob", as_="ada")
    mutate(client, SEND, "bob", as_="ada")
    mutate(client, "acceptConnectionRequest", "ada", as_="bob")
    assert ties(graph_db, "FOLLOWS") == [("ada", "bob"), ("bob", "ada")]


def test_only_the_recipient_of_a_pending_request_accepts(client: GraphQLClient,
                                                         graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    mutate(client, SEND, "bob", as_="ada")
    assert mutate_error(client, "acceptConnectionRequest", "bob", as_="ada") == "NOT_FOUND"  # the sender
    assert mutate_error(client, "acceptConnectionRequest", "ada", as_="cy") == "NOT_FOUND"
    assert mutate_error(client, "acceptConnectionRequest", "nobody", as_="bob") == "NOT_FOUND"
    assert mutate_error(client, "acceptConnectionRequest", "bob", as_="bob") == "BAD_USER_INPUT"
    assert ties(graph_db, "CONNECTED_TO") == []


def test_accepting_again_answers_with_the_connection(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, SEND, "bob", as_="ada")
    first = mutate(client, "acceptConnectionRequest", "ada", as_="bob")
    assert mutate(client, "acceptConnectionRequest", "ada", as_="bob") == first
    assert connected_once(graph_db, "ada", "bob")


# R5 --------------------------------------------------------------------------------------------

def test_ignoring_is_silent_and_the_sender_may_ask_again(client: GraphQLClient,
                                                         graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, SEND, "bob", as_="ada")
    assert mutate(client, "ignoreConnectionRequest", "ada", as_="bob") == expect("ada")
    assert requests(graph_db) == []
    assert client.data(REQUESTS, {"direction": "OUTGOING"}, as_="ada")["connectionRequests"]["edges"] == []
    assert mutate(client, SEND, "bob", as_="ada")["requestSent"] is True
    assert mutate_error(client, "ignoreConnectionRequest", "bob", as_="ada") == "NOT_FOUND"


def test_dont_know_means_never_again(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    mutate(client, SEND, "bob", as_="ada")
    mutate(client, SEND, "bob", as_="cy")
    assert mutate(client, "ignoreConnectionRequest", "ada", as_="bob", dontKnow=True) == expect("ada")
    assert ties(graph_db, "DISMISSED") == [("bob", "ada")]
    assert mutate_error(client, SEND, "bob", as_="ada") == "FORBIDDEN"
    assert "don't know you" in mutate_message(client, SEND, "bob", as_="ada")
    assert [r[:2] for r in requests(graph_db)] == [("cy", "bob")]  # others unaffected
    # bob can still ask ada: saying "I don't know them" binds only the one who said it
    assert mutate(client, SEND, "ada", as_="bob")["requestSent"] is True
    assert ties(graph_db, "DISMISSED") == []


# R6 --------------------------------------------------------------------------------------------

def test_only_a_pending_request_can_be_withdrawn(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, SEND, "bob", as_="ada")
    assert mutate_error(client, "withdrawConnectionRequest", "ada", as_="bob") == "NOT_FOUND"
    assert mutate_error(client, "withdrawConnectionRequest", "nobody", as_="ada") == "NOT_FOUND"
    mutate(client, "withdrawConnectionRequest", "bob", as_="ada")
    assert mutate_error(client, "withdrawConnectionRequest", "bob", as_="ada") == "NOT_FOUND"
    assert client.data(REQUESTS, as_="bob")["connectionRequests"]["totalCount"] == 0


# R7 --------------------------------------------------------------------------------------------

def test_either_side_removes_and_only_its_own_follow_goes(client: GraphQLClient,
                                                          graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cy"))
    assert mutate(client, "removeConnection", "ada", as_="bob") == expect("ada", followedBy=True)
    assert ties(graph_db, "FOLLOWS") == [("ada", "bob"), ("ada", "cy"), ("cy", "ada")]
    assert mutate(client, "removeConnection", "cy", as_="ada") == expect("cy", followedBy=True)
    assert ties(graph_db, "CONNECTED_TO") == []
    assert mutate_error(client, "removeConnection", "cy", as_="ada") == "NOT_FOUND"
    assert mutate_error(client, "removeConnection", "ada", as_="ada") == "BAD_USER_INPUT"


def test_a_connection_stored_the_other_way_is_still_removed(client: GraphQLClient,
                                                           graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "zed")
    draw_cypher(graph_db, "MATCH (a:Person {id: 'ada'}), (z:Person {id: 'zed'}) "
                          "CREATE (z)-[:CONNECTED_TO]->(a)")
    assert mutate_error(client, SEND, "zed", as_="ada") == "CONFLICT"
    mutate(client, "removeConnection", "zed", as_="ada")
    assert ties(graph_db, "CONNECTED_TO") == []


# Lists -----------------------------------------------------------------------------------------

def test_connections_list_pages_by_id_reading_either_direction(client: GraphQLClient,
                                                               graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "mid", "a1", "a2", "z1", "z2", "z3", visibility="PUBLIC")
    draw_cypher(graph_db, """MATCH (m:Person {id: 'mid'}), (p:Person) WHERE p.id <> 'mid'
                             CREATE (m)-[:CONNECTED_TO]->(p)""")
    draw_cypher(graph_db, """MATCH (m:Person {id: 'mid'})-[c:CONNECTED_TO]->(p:Person)
                             WHERE p.id STARTS WITH 'a'
                             CREATE (p)-[:CONNECTED_TO]->(m) DELETE c""")  # stored the other way round
    query = """query ($after: String) { person(id: "mid") { connectionCount
                 connections(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor }
                                                        edges { node { id } } } } }"""
    seen, after = [], None
    while True:
        person = client.data(query, {"after": after}, as_="z1")["person"]
        assert person["connectionCount"] == person["connections"]["totalCount"] == 5
        seen += [e["node"]["id"] for e in person["connections"]["edges"]]
        if not person["connections"]["pageInfo"]["hasNextPage"]:
            break
        after = person["connections"]["pageInfo"]["endCursor"]
    assert seen == ["a1", "a2", "z1", "z2", "z3"]


def test_connection_requests_page_newest_first(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    senders = [f"s{i}" for i in range(5)]
    draw_people(graph_db, "ada", *senders)
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (s:Person) WHERE s.id STARTS WITH 's'
                             WITH a, s, datetime('2025-01-01T00:00:00Z') AS t0,
                                  toInteger(substring(s.id, 1)) AS h
                             CREATE (s)-[:REQUESTED {at: t0 + duration({hours: h})}]->(a)""")
    draw_people(graph_db, "s9")  # asked at the same time as s4
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (s:Person {id: 's9'})
                             CREATE (s)-[:REQUESTED {at: datetime('2025-01-01T04:00:00Z')}]->(a)""")
    seen, after = [], None
    while True:
        page = client.data(REQUESTS, {"first": 2, "after": after}, as_="ada")["connectionRequests"]
        assert page["totalCount"] == 6
        seen += [e["node"]["from"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["s4", "s9", "s3", "s2", "s1", "s0"]  # newest first; a tie goes by sender id
    assert client.error_code(REQUESTS, {"after": "bm9wZQ=="}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(REQUESTS) == "UNAUTHENTICATED"
