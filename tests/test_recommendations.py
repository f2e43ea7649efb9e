"""Recommendations and their requests (R33-R35, R7 and R8 as amended, R18's RECOMMENDATION_RECEIVED
and RECOMMENDATION_REQUESTED, R19, R37) over GraphQL.

The graph: ``ada`` is connected with ``bob`` and ``cy``; ``eve`` with nobody.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from service.settings import Settings
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_accepted, draw_people, ties

FIELDS = "id author { id } recipient { id } relationship text status"
WRITE = f"""mutation ($id: ID!, $text: String!, $rel: RecommendationRelationship!) {{
  writeRecommendation(personId: $id, input: {{text: $text, relationship: $rel}}) {{ {FIELDS} }} }}"""
ACCEPT = f"""mutation ($id: ID!, $show: Boolean) {{ acceptRecommendation(authorId: $id, show: $show) {{
  {FIELDS} }} }}"""
HIDE = f"""mutation ($id: ID!, $hidden: Boolean!) {{
  setRecommendationHidden(authorId: $id, hidden: $hidden) {{ {FIELDS} }} }}"""
DECLINE = "mutation ($id: ID!) { declineRecommendation(authorId: $id) }"
WITHDRAW = "mutation ($id: ID!) { withdrawRecommendation(personId: $id) }"
ASK = """mutation ($id: ID!, $message: String) { requestRecommendation(personId: $id, message: $message) {
  from { id } to { id } message } }"""
UNASK = "mutation ($id: ID!) { withdrawRecommendationRequest(personId: $id) }"
DISMISS = "mutation ($id: ID!) { dismissRecommendationRequest(personId: $id) }"
LISTS = """query ($id: ID!) { person(id: $id) { recommendationCount
  recommendations { totalCount edges { node { author { id } status } } }
  recommendationsGiven { totalCount edges { node { recipient { id } status } } } } }"""
REQUESTS = """query ($direction: RequestDirection) { recommendationRequests(direction: $direction) {
  totalCount edges { node { from { id } to { id } message } } } }"""
NOTIFICATIONS = "{ notifications { edges { node { kind actor { id } recommendation { status text } } } } }"


@pytest.fixture
def network(graph_db: neo4j.Driver) -> neo4j.Driver:
    draw_people(graph_db, "ada", "bob", "cy", "eve")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cy"))
    return graph_db


def write(client: GraphQLClient, who: str, whom: str, text: str = "Great to work with.",
          rel: str = "SAME_TEAM") -> dict[str, Any]:
    result: dict[str, Any] = client.data(WRITE, {"id": whom, "text": text, "rel": rel},
                                         as_=who)["writeRecommendation"]
    return result


Listed = tuple[int, list[tuple[str, str]], list[tuple[str, str]]]


def lists(client: GraphQLClient, person: str, **who: Any) -> Listed:
    p = client.data(LISTS, {"id": person}, **who)["person"]
    return (p["recommendationCount"],
            [(e["node"]["author"]["id"], e["node"]["status"]) for e in p["recommendations"]["edges"]],
            [(e["node"]["recipient"]["id"], e["node"]["status"]) for e in p["recommendationsGiven"]["edges"]])


def notifications(client: GraphQLClient, who: str) -> list[tuple[str, str, Any]]:
    edges = client.data(NOTIFICATIONS, as_=who)["notifications"]["edges"]
    return [(e["node"]["kind"], e["node"]["actor"]["id"], e["node"]["recommendation"]) for e in edges]


def test_only_connections_recommend_and_a_new_one_is_the_two_peoples_alone(client: GraphQLClient,
                                                                          network: neo4j.Driver) -> None:
    written = write(client, "bob", "ada", "  Bob is thorough.  ", "MANAGED")
    assert {k: written[k] for k in ("author", "recipient", "relationship", "text", "status")} == {
        "author": {"id": "bob"}, "recipient": {"id": "ada"}, "relationship": "MANAGED",
        "text": "Bob is thorough.", "status": "PENDING"}
    assert lists(client, "ada", as_="ada") == (0, [("bob", "PENDING")], [])
    assert lists(client, "bob", as_="bob") == (0, [], [("ada", "PENDING")])
    assert lists(client, "ada", as_="cy") == (0, [], [])
    assert lists(client, "ada", admin=True) == (0, [], [])
    count = '{ person(id: "ada") { recommendationCount } }'
    assert client.data(count) == {"person": {"recommendationCount": 0}}  # anonymous
    assert client.error_code(LISTS, {"id": "ada"}) == "UNAUTHENTICATED"
    for who, whom, text, code in (("eve", "ada", "Hi", "FORBIDDEN"), ("ada", "ada", "Hi", "BAD_USER_INPUT"),
                                  ("bob", "ada", "   ", "BAD_USER_INPUT"),
                                  ("bob", "ada", "x" * 3001, "BAD_USER_INPUT"),
                                  ("bob", "ghost", "Hi", "NOT_FOUND")):
        assert client.error_code(WRITE, {"id": whom, "text": text, "rel": "OTHER"}, as_=who) == code
    write(client, "cy", "ada", "x" * 3000)


def test_accepting_showing_hiding_and_declining(client: GraphQLClient, network: neo4j.Driver) -> None:
    write(client, "bob", "ada")
    write(client, "cy", "ada")
    assert client.data(ACCEPT, {"id": "bob"}, as_="ada")["acceptRecommendation"]["status"] == "SHOWN"
    assert lists(client, "ada", as_="eve") == (1, [("bob", "SHOWN")], [])
    assert lists(client, "bob", as_="eve") == (0, [], [("ada", "SHOWN")])  # on both profiles
    assert client.data(HIDE, {"id": "bob", "hidden": True}, as_="ada")["setRecommendationHidden"][
        "status"] == "HIDDEN"
    assert lists(client, "ada", as_="eve") == (0, [], [])
    assert lists(client, "ada", as_="bob")[1] == [("bob", "HIDDEN")]  # his own; cy's pending one is not
    assert client.error_code(HIDE, {"id": "cy", "hidden": True}, as_="ada") == "CONFLICT"  # still pending
    assert client.data(ACCEPT, {"id": "cy", "show": False}, as_="ada")["acceptRecommendation"][
        "status"] == "HIDDEN"
    assert client.error_code(ACCEPT, {"id": "eve"}, as_="ada") == "NOT_FOUND"
    assert client.error_code(ACCEPT, {"id": "ada"}, as_="bob") == "NOT_FOUND"  # bob received none from ada
    assert client.data(DECLINE, {"id": "cy"}, as_="ada") == {"declineRecommendation": True}
    assert client.data(DECLINE, {"id": "cy"}, as_="ada") == {"declineRecommendation": False}
    assert ties(network, "RECOMMENDED") == [("bob", "ada")]


def test_revising_sends_it_back_to_pending_with_a_new_notification(client: GraphQLClient,
                                                                    network: neo4j.Driver) -> None:
    first = write(client, "bob", "ada", "First.")
    assert notifications(client, "ada") == [
        ("RECOMMENDATION_RECEIVED", "bob", {"status": "PENDING", "text": "First."})]
    client.data(ACCEPT, {"id": "bob"}, as_="ada")
    assert notifications(client, "ada") == [("RECOMMENDATION_RECEIVED", "bob", None)]  # no longer pending
    revised = write(client, "bob", "ada", "Second.", "MENTOR")
    assert (revised["id"], revised["status"], revised["relationship"]) == (first["id"], "PENDING", "MENTOR")
    assert lists(client, "ada", as_="eve")[0] == 0
    assert notifications(client, "ada") == [
        ("RECOMMENDATION_RECEIVED", "bob", {"status": "PENDING", "text": "Second."})]
    write(client, "bob", "ada", "Second.", "MENTOR")  # what is pending already: nothing new
    assert len(notifications(client, "ada")) == 1


def test_withdrawing_and_declining_take_the_notification_and_tell_nobody(client: GraphQLClient,
                                                                        network: neo4j.Driver) -> None:
    write(client, "bob", "ada")
    write(client, "cy", "ada")
    assert client.data(WITHDRAW, {"id": "ada"}, as_="bob") == {"withdrawRecommendation": True}
    assert client.data(WITHDRAW, {"id": "ada"}, as_="bob") == {"withdrawRecommendation": False}
    client.data(DECLINE, {"id": "cy"}, as_="ada")
    assert notifications(client, "ada") == []
    assert notifications(client, "cy") == []  # the author is not told
    assert ties(network, "RECOMMENDED") == []


def test_asking_once_and_what_ends_an_ask(client: GraphQLClient, network: neo4j.Driver) -> None:
    assert client.data(ASK, {"id": "bob", "message": " Would you? "}, as_="ada") == {
        "requestRecommendation": {"from": {"id": "ada"}, "to": {"id": "bob"}, "message": "Would you?"}}
    client.data(ASK, {"id": "bob", "message": "Again"}, as_="ada")  # changes nothing
    assert ties(network, "ASKED_RECOMMENDATION") == [("ada", "bob")]
    incoming = client.data(REQUESTS, as_="bob")["recommendationRequests"]
    assert incoming == {"totalCount": 1, "edges": [{"node": {"from": {"id": "ada"}, "to": {"id": "bob"},
                                                             "message": "Would you?"}}]}
    assert client.data(REQUESTS, {"direction": "OUTGOING"}, as_="ada")["recommendationRequests"][
        "totalCount"] == 1
    assert client.data(REQUESTS, as_="ada")["recommendationRequests"]["totalCount"] == 0
    assert notifications(client, "bob") == [("RECOMMENDATION_REQUESTED", "ada", None)]
    for who, whom, message, code in (("eve", "ada", None, "FORBIDDEN"),
                                     ("ada", "ada", None, "BAD_USER_INPUT"),
                                     ("cy", "ada", "x" * 301, "BAD_USER_INPUT")):
        assert client.error_code(ASK, {"id": whom, "message": message}, as_=who) == code
    # fulfilled: writing the recommendation ends the ask and its notification
    write(client, "bob", "ada")
    assert ties(network, "ASKED_RECOMMENDATION") == []
    assert notifications(client, "bob") == []
    client.data(ASK, {"id": "cy"}, as_="ada")
    client.data(ASK, {"id": "ada"}, as_="bob")
    assert client.data(UNASK, {"id": "cy"}, as_="ada") == {"withdrawRecommendationRequest": True}
    assert client.data(UNASK, {"id": "cy"}, as_="ada") == {"withdrawRecommendationRequest": False}
    assert client.data(DISMISS, {"id": "bob"}, as_="ada") == {"dismissRecommendationRequest": True}
    assert client.data(DISMISS, {"id": "bob"}, as_="ada") == {"dismissRecommendationRequest": False}
    assert notifications(client, "cy") == []
    assert [n[:2] for n in notifications(client, "ada")] == [("RECOMMENDATION_RECEIVED", "bob")]
    assert ties(network, "ASKED_RECOMMENDATION") == []
    assert client.error_code(REQUESTS) == "UNAUTHENTICATED"


def test_removing_a_connection_ends_asks_but_keeps_recommendations(client: GraphQLClient,
                                                                  network: neo4j.Driver) -> None:
    write(client, "bob", "ada")
    client.data(ACCEPT, {"id": "bob"}, as_="ada")
    client.data(ASK, {"id": "ada"}, as_="bob")
    client.data('mutation { removeConnection(personId: "bob") { connected } }', as_="ada")
    assert ties(network, "RECOMMENDED") == [("bob", "ada")]
    assert ties(network, "ASKED_RECOMMENDATION") == []
    assert notifications(client, "ada") == [("RECOMMENDATION_RECEIVED", "bob", None)]
    assert lists(client, "ada", as_="eve") == (1, [("bob", "SHOWN")], [])
    revised = {"id": "ada", "text": "Revised", "rel": "OTHER"}
    assert client.error_code(WRITE, revised, as_="bob") == "FORBIDDEN"
    assert client.data(WITHDRAW, {"id": "ada"}, as_="bob") == {"withdrawRecommendation": True}


def test_a_block_deletes_recommendations_and_asks_both_ways(client: GraphQLClient,
                                                            network: neo4j.Driver) -> None:
    write(client, "bob", "ada")
    write(client, "ada", "bob")
    client.data(ASK, {"id": "ada"}, as_="bob")
    write(client, "cy", "ada")
    client.data('mutation { block(personId: "ada") { blocking } }', as_="bob")
    assert ties(network, "RECOMMENDED") == [("cy", "ada")]
    assert ties(network, "ASKED_RECOMMENDATION") == []
    client.data('mutation { unblock(personId: "ada") { blocking } }', as_="bob")
    assert [n[:2] for n in notifications(client, "ada")] == [("RECOMMENDATION_RECEIVED", "cy")]
    assert notifications(client, "bob") == []


def test_my_data_and_deleting_an_account(client: GraphQLClient, network: neo4j.Driver) -> None:
    write(client, "bob", "ada", "From Bob.")
    write(client, "ada", "bob", "From Ada.")
    client.data(ASK, {"id": "cy", "message": "Please"}, as_="ada")
    data = json.loads(client.data("{ myData }", as_="ada")["myData"])
    assert [(r["from"], r["text"], r["status"]) for r in data["recommendationsReceived"]] == [
        ("bob", "From Bob.", "PENDING")]
    assert [(r["to"], r["text"]) for r in data["recommendationsWritten"]] == [("bob", "From Ada.")]
    assert [(r["to"], r["message"]) for r in data["recommendationRequestsSent"]] == [("cy", "Please")]
    assert data["recommendationRequestsReceived"] == []
    client.data('mutation { deleteAccount(personId: "ada") }', as_="ada")
    assert ties(network, "RECOMMENDED") == ties(network, "ASKED_RECOMMENDATION") == []
    assert notifications(client, "bob") == notifications(client, "cy") == []


@pytest.fixture
def strict(settings: Settings, graph_db: neo4j.Driver) -> Iterator[GraphQLClient]:
    """A second service allowing 1 recommendation request a week (TIES_RECOMMENDATION_REQUEST_LIMIT)."""
    with ServiceThread(dataclasses.replace(settings, recommendation_request_limit=1)) as running:
        c = GraphQLClient(running.url, TEST_SECRET)
        yield c
        c.close()


def test_recommendation_requests_per_week_are_limited(strict: GraphQLClient, network: neo4j.Driver) -> None:
    strict.data(ASK, {"id": "bob"}, as_="ada")
    strict.data(ASK, {"id": "bob"}, as_="ada")  # pending already: nothing taken
    body = strict.execute(ASK, {"id": "cy"}, as_="ada")
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "1 recommendation requests per 7 days" in body["errors"][0]["message"]
    strict.data(ASK, {"id": "ada"}, as_="bob")
