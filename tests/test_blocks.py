"""R8 through GraphQL over HTTP: blocking ends every tie between two people and hides each from the
other; unblocking restores nothing."""

from __future__ import annotations

from typing import Any

import neo4j

from tests.conftest import GraphQLClient
from tests.graphs import draw_accepted, draw_cypher, draw_people, ties
from tests.relationship_api import expect, mutate, mutate_error

PERSON = 'query ($id: ID!) { person(id: $id) { id } }'


def test_blocking_ends_every_tie_both_ways(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cy"))
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (b:Person {id: 'bob'})
                             CREATE (a)-[:REQUESTED {at: datetime()}]->(b),
                                    (b)-[:REQUESTED {at: datetime()}]->(a)""")
    assert mutate(client, "block", "bob", as_="ada") == expect("bob", blocking=True)
    assert ties(graph_db, "BLOCKS") == [("ada", "bob")]
    assert ties(graph_db, "CONNECTED_TO") == [("ada", "cy")]
    assert ties(graph_db, "FOLLOWS") == [("ada", "cy"), ("cy", "ada")]
    assert ties(graph_db, "REQUESTED") == []
    assert mutate(client, "block", "bob", as_="ada") == expect("bob", blocking=True)
    assert ties(graph_db, "BLOCKS") == [("ada", "bob")]


def test_each_is_invisible_to_the_other_while_blocked(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    mutate(client, "block", "bob", as_="ada")
    assert client.data(PERSON, {"id": "bob"}, as_="ada") == {"person": None}
    assert client.data(PERSON, {"id": "ada"}, as_="bob") == {"person": None}
    assert client.data(PERSON, {"id": "bob"}, as_="cy") == {"person": {"id": "bob"}}
    assert client.data(PERSON, {"id": "bob"}, admin=True) == {"person": {"id": "bob"}}
    assert client.data(PERSON, {"id": "bob"}) == {"person": {"id": "bob"}}  # anonymous: nobody to hide from


def test_no_follow_or_request_across_a_block_either_way(client: GraphQLClient,
                                                        graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, "block", "bob", as_="ada")
    for who, whom in (("ada", "bob"), ("bob", "ada")):
        assert mutate_error(client, "follow", whom, as_=who) == "FORBIDDEN"
        assert mutate_error(client, "sendConnectionRequest", whom, as_=who) == "FORBIDDEN"
    assert ties(graph_db, "FOLLOWS") == ties(graph_db, "REQUESTED") == []


def test_blocked_people_leave_each_others_lists(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "eve", visibility="PUBLIC")
    draw_people(graph_db, "hub", visibility="PUBLIC")
    draw_accepted(graph_db, ("hub", "ada"), ("hub", "bob"), ("hub", "eve"))
    mutate(client, "block", "bob", as_="ada")
    query = '{ person(id: "hub") { connectionCount connections { totalCount edges { node { id } } } } }'

    def listed(**who: Any) -> tuple[int, int, list[str]]:
        person = client.data(query, **who)["person"]
        return (person["connectionCount"], person["connections"]["totalCount"],
                [e["node"]["id"] for e in person["connections"]["edges"]])

    assert listed(as_="ada") == (3, 2, ["ada", "eve"])  # the count is public; the list hides bob
    assert listed(as_="bob") == (3, 2, ["bob", "eve"])
    assert listed(as_="eve") == (3, 3, ["ada", "bob", "eve"])
    assert listed(admin=True) == (3, 3, ["ada", "bob", "eve"])


def test_blocked_people_may_not_list_each_others_connections(client: GraphQLClient,
                                                             graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", visibility="PUBLIC")
    rel = client.data('mutation { block(personId: "bob") { person { id } } }', as_="ada")["block"]
    assert rel == {"person": {"id": "bob"}}  # the blocker is told whom it blocked
    body = client.execute('mutation { block(personId: "bob") { person { connections { totalCount } } } }',
                          as_="ada")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_unblocking_restores_visibility_but_no_tie(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_accepted(graph_db, ("ada", "bob"))
    mutate(client, "block", "bob", as_="ada")
    assert mutate(client, "unblock", "bob", as_="ada") == expect("bob")
    assert mutate(client, "unblock", "bob", as_="ada") == expect("bob")
    assert ties(graph_db, "BLOCKS") == ties(graph_db, "CONNECTED_TO") == ties(graph_db, "FOLLOWS") == []
    assert client.data(PERSON, {"id": "bob"}, as_="ada") == {"person": {"id": "bob"}}
    assert mutate(client, "follow", "bob", as_="ada")["following"] is True


def test_both_may_block_and_one_unblocking_leaves_the_other(client: GraphQLClient,
                                                           graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, "block", "bob", as_="ada")
    assert mutate(client, "block", "ada", as_="bob") == expect("ada", blocking=True, blockedBy=True)
    assert mutate(client, "unblock", "bob", as_="ada") == expect("bob", blockedBy=True)
    assert client.data(PERSON, {"id": "bob"}, as_="ada") == {"person": None}
    assert mutate_error(client, "follow", "bob", as_="ada") == "FORBIDDEN"


def test_block_refusals(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    assert mutate_error(client, "block", "ada", as_="ada") == "BAD_USER_INPUT"
    assert mutate_error(client, "block", "nobody", as_="ada") == "NOT_FOUND"
    assert mutate_error(client, "unblock", "nobody", as_="ada") == "NOT_FOUND"
    assert mutate_error(client, "block", "ada", as_=None) == "UNAUTHENTICATED"
