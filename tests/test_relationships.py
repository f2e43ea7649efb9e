"""The Relationship type through GraphQL over HTTP: every field from both sides, R15 canMessage,
and relationships of many people in one list; what each pair change records in the change log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import neo4j
import pytest

from service.events import Kind
from service.people import Person
from service.relationships import PairState, Relationship, pair_changes
from tests.conftest import GraphQLClient
from tests.graphs import draw_accepted, draw_cypher, draw_people
from tests.relationship_api import expect, mutate_error, relationship


def test_each_field_reads_the_graph_from_the_viewers_side(client: GraphQLClient,
                                                          graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy", "dee")
    draw_cypher(graph_db, """
        MATCH (a:Person {id: 'ada'}), (b:Person {id: 'bob'}), (c:Person {id: 'cy'}), (d:Person {id: 'dee'})
        CREATE (a)-[:FOLLOWS]->(b), (a)-[:REQUESTED {at: datetime()}]->(b),
               (c)-[:REQUESTED {at: datetime()}]->(a), (a)-[:BLOCKS]->(d)""")
    assert relationship(client, "bob", as_="ada") == expect("bob", following=True, requestSent=True)
    assert relationship(client, "ada", as_="bob") == expect("ada", followedBy=True, requestReceived=True)
    assert relationship(client, "cy", as_="ada") == expect("cy", requestReceived=True)
    assert relationship(client, "ada", as_="ada") == expect("ada")
    # dee is hidden from ada (person() is null), so admins read blocks: ada blocking dee as ada sees it
    rel = client.data("""mutation { block(personId: "dee") { blocking blockedBy } }""", as_="ada")
    assert rel == {"block": {"blocking": True, "blockedBy": False}}


def test_can_message_needs_a_connection_and_no_block(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cy"))
    draw_cypher(graph_db, "MATCH (c:Person {id: 'cy'}), (a:Person {id: 'ada'}) CREATE (c)-[:BLOCKS]->(a)")
    assert relationship(client, "bob", as_="ada")["canMessage"] is True
    assert relationship(client, "ada", as_="bob")["canMessage"] is True
    rel = client.data("""mutation { block(personId: "ada") { connected canMessage } }""", as_="cy")
    assert rel == {"block": {"connected": False, "canMessage": False}}
    draw_people(graph_db, "dee")
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (d:Person {id: 'dee'})
                             CREATE (a)-[:FOLLOWS]->(d), (d)-[:FOLLOWS]->(a)""")
    assert relationship(client, "dee", as_="ada")["canMessage"] is False  # following is not connecting


def test_a_connection_stored_either_way_reads_as_connected(client: GraphQLClient,
                                                           graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "zed")
    draw_cypher(graph_db, "MATCH (a:Person {id: 'ada'}), (z:Person {id: 'zed'}) "
                          "CREATE (z)-[:CONNECTED_TO]->(a)")
    assert relationship(client, "zed", as_="ada")["connected"] is True
    assert relationship(client, "ada", as_="zed")["connected"] is True


def test_relationships_of_everyone_in_a_list(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    fans = [f"fan{i}" for i in range(5)]
    draw_people(graph_db, "ada", *fans)
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (f:Person) WHERE f.id STARTS WITH 'fan'
                             CREATE (f)-[:FOLLOWS]->(a)""")
    draw_accepted(graph_db, ("ada", "fan1"))
    page = client.data("""{ person(id: "ada") { followers { edges { node {
                             id followerCount relationship { followedBy connected } } } } } }""",
                       as_="ada")["person"]["followers"]["edges"]
    assert [(e["node"]["id"], e["node"]["relationship"]) for e in page] == [
        (f, {"followedBy": True, "connected": f == "fan1"}) for f in fans]
    assert [e["node"]["followerCount"] for e in page] == [1 if f == "fan1" else 0 for f in fans]


def test_anonymous_callers_have_no_relationship(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    assert client.error_code('{ person(id: "ada") { relationship { following } } }') == "UNAUTHENTICATED"


def graph_snapshot(driver: neo4j.Driver) -> list[object]:
    records, _, _ = driver.execute_query("""
        MATCH (n:Person) OPTIONAL MATCH (n)-[r]->(m)
        RETURN n.id AS n, properties(n) AS props, type(r) AS type, m.id AS m, properties(r) AS rprops
        ORDER BY n, type, m""")
    return [dict(r) for r in records]


def test_a_refused_mutation_writes_nothing(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    """R17: each mutation is one transaction; a refusal leaves the graph exactly as it was."""
    draw_people(graph_db, "ada", "bob", "cy", "dee")
    draw_people(graph_db, "star", follow_policy="CONNECTIONS")
    draw_accepted(graph_db, ("ada", "bob"))
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (c:Person {id: 'cy'}), (d:Person {id: 'dee'})
                             SET a.requestsSentAt = [i IN range(1, 100) | datetime() - duration({hours: i})]
                             CREATE (c)-[:BLOCKS {since: datetime()}]->(a),
                                    (d)-[:DISMISSED {at: datetime()}]->(a)""")
    before = graph_snapshot(graph_db)
    refusals = [("follow", "cy", "FORBIDDEN"), ("follow", "star", "FORBIDDEN"),
                ("sendConnectionRequest", "bob", "CONFLICT"),
                ("sendConnectionRequest", "dee", "FORBIDDEN"),
                ("sendConnectionRequest", "star", "LIMIT_EXCEEDED"),
                ("acceptConnectionRequest", "dee", "NOT_FOUND"),
                ("ignoreConnectionRequest", "dee", "NOT_FOUND"),
                ("withdrawConnectionRequest", "dee", "NOT_FOUND"),
                ("removeConnection", "dee", "NOT_FOUND"),
                ("block", "ada", "BAD_USER_INPUT"), ("unblock", "nobody", "NOT_FOUND")]
    for name, whom, code in refusals:
        assert (name, whom, mutate_error(client, name, whom, as_="ada")) == (name, whom, code)
    assert graph_snapshot(graph_db) == before


# What a pair change records (relationships.pair_changes): pure, no database -----------------------

def state(**given: object) -> PairState:
    fields: dict[str, Any] = dict(me="ada", other="bob", following=False, followed_by=False,
                                  connected=False, request_sent=False, request_received=False,
                                  blocking=False, blocked_by=False, dismissed_by_other=False,
                                  follow_policy="EVERYONE", my_connections=0, other_connections=0)
    return PairState(**{**fields, **given})


def after(**given: Any) -> Relationship:
    return Relationship(person=Person("bob", "Bob", None, datetime(2024, 1, 1, tzinfo=UTC), "CONNECTIONS",
                                      "EVERYONE"), **given)


@pytest.mark.parametrize(("before", "now", "recorded"), [
    (state(), after(following=True), [Kind.FOLLOWED]),
    (state(following=True), after(), [Kind.UNFOLLOWED]),
    (state(), after(request_sent=True), [Kind.REQUEST_SENT]),
    (state(request_sent=True), after(), [Kind.REQUEST_WITHDRAWN]),
    (state(request_received=True), after(), [Kind.REQUEST_IGNORED]),
    # accepting: one CONNECTED, not the follows and the request it also wrote (R4)
    (state(request_received=True), after(connected=True, following=True, followed_by=True), [Kind.CONNECTED]),
    (state(connected=True, following=True), after(followed_by=True), [Kind.DISCONNECTED]),
    # blocking: one BLOCKED, not every tie it ended (R8)
    (state(connected=True, following=True, request_received=True), after(blocking=True), [Kind.BLOCKED]),
    (state(blocking=True), after(), [Kind.UNBLOCKED]),
    (state(following=True), after(following=True), []),  # a no-op records nothing
    (state(), after(following=True, request_sent=True), [Kind.FOLLOWED, Kind.REQUEST_SENT]),
], ids=["follow", "unfollow", "request", "withdraw", "ignore", "accept", "remove", "block", "unblock",
        "no-op", "two-at-once"])
def test_a_pair_change_is_recorded_as_what_it_means(before: PairState, now: Relationship,
                                                     recorded: list[Kind]) -> None:
    changes = pair_changes(before, now)
    assert [c.kind for c in changes] == recorded
    assert all((c.actor, c.subject) == ("ada", "bob") for c in changes)
