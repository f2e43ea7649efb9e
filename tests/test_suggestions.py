"""Person.suggestions through GraphQL over HTTP (R16, with blocks from R8)."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_graph

#   ada's connections: bob, cat, dan, eve (bob-cat are connected too: a connection is no suggestion)
#
#   2nd degree      connected to         mutuals   suggested?
#   fay             bob, cat, dan        3         yes
#   gus             bob, cat             2         yes
#   hal             bob, cat             2         yes (after gus: same count, id decides)
#   ivy             dan                  1         yes
#   pat             eve                  1         yes (ada follows pat: a follow is no tie)
#   jon             bob, cat, dan, eve   4         no: ada has a pending request to jon
#   kim             bob                  1         no: kim has a pending request to ada
#   lea             cat, dan             2         no: ada said it does not know lea (DISMISSED)
#   ned             eve                  1         no: ned said it does not know ada
#   mo              dan, eve             2         no: mo blocks ada
#   oli             bob                  1         no: ada blocks oli
#   zed             fay                  -         no: 3rd degree
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lea", "mo",
          "ned", "oli", "pat", "zed"]

SUGGESTIONS = """query ($id: ID!, $first: Int, $explain: Int) { person(id: $id) {
  suggestions(first: $first) { person { id name } mutualConnectionCount
                               mutualConnections(first: $explain) { id } } } }"""


@pytest.fixture
def network(graph_db: neo4j.Driver) -> None:
    links = {"bob": ["fay", "gus", "hal", "jon", "kim", "oli"], "cat": ["fay", "gus", "hal", "jon", "lea"],
             "dan": ["fay", "ivy", "jon", "lea", "mo"], "eve": ["jon", "ned", "mo", "pat"]}
    draw_graph(graph_db, PEOPLE,
         connections=[("ada", c) for c in links] + [(c, x) for c, xs in links.items() for x in xs]
         + [("bob", "cat"), ("fay", "zed")],
         follows=[("ada", "pat")], requests=[("ada", "jon"), ("kim", "ada")],
         dismissals=[("ada", "lea"), ("ned", "ada")], blocks=[("mo", "ada"), ("ada", "oli")])


def suggestions(client: GraphQLClient, person: str, first: int | None = None, explain: int | None = None,
                **who: Any) -> list[tuple[str, int, list[str]]]:
    data = client.data(SUGGESTIONS, {"id": person, "first": first, "explain": explain}, **who)
    return [(s["person"]["id"], s["mutualConnectionCount"], [m["id"] for m in s["mutualConnections"]])
            for s in data["person"]["suggestions"]]


@pytest.mark.usefixtures("network")
def test_suggestions_rank_second_degree_people_by_mutual_connections_then_id(client: GraphQLClient) -> None:
    assert suggestions(client, "ada", as_="ada") == [
        ("fay", 3, ["bob", "cat", "dan"]),
        ("gus", 2, ["bob", "cat"]),
        ("hal", 2, ["bob", "cat"]),
        ("ivy", 1, ["dan"]),
        ("pat", 1, ["eve"]),
    ]


@pytest.mark.usefixtures("network")
def test_first_cuts_the_list_and_the_explanations(client: GraphQLClient) -> None:
    assert suggestions(client, "ada", first=2, explain=1, as_="ada") == [("fay", 3, ["bob"]),
                                                                          ("gus", 2, ["bob"])]
    assert suggestions(client, "ada", first=0, as_="ada") == []


@pytest.mark.usefixtures("network")
def test_only_the_person_or_an_admin_sees_suggestions(client: GraphQLClient) -> None:
    assert client.error_code(SUGGESTIONS, {"id": "ada"}, as_="bob") == "FORBIDDEN"
    assert client.error_code(SUGGESTIONS, {"id": "ada"}) == "UNAUTHENTICATED"
    assert [s[0] for s in suggestions(client, "ada", admin=True)] == ["fay", "gus", "hal", "ivy", "pat"]
    assert client.error_code(SUGGESTIONS, {"id": "ada", "first": 101}, as_="ada") == "BAD_USER_INPUT"


def test_more_explanations_than_come_with_the_suggestion(client: GraphQLClient,
                                                        graph_db: neo4j.Driver) -> None:
    #   ada ── m01..m12 ── zoe : twelve mutual connections, more than are fetched with a suggestion.
    middle = [f"m{i:02d}" for i in range(1, 13)]
    draw_graph(graph_db, ["ada", "zoe", *middle],
         connections=[("ada", m) for m in middle] + [(m, "zoe") for m in middle])
    assert suggestions(client, "ada", explain=12, as_="ada") == [("zoe", 12, middle)]
    assert suggestions(client, "ada", explain=11, as_="ada") == [("zoe", 12, middle[:11])]
    assert suggestions(client, "ada", as_="ada") == [("zoe", 12, middle[:3])]
    # and for each of the middle people, the others are no suggestion: they share ada and zoe.
    assert suggestions(client, "m01", as_="m01") == [(m, 2, ["ada", "zoe"]) for m in middle[1:]][:10]
