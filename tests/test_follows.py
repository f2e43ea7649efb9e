"""FOLLOWS through GraphQL over HTTP: R1 follow, R2 unfollow, and the followers / following lists."""

from __future__ import annotations

import neo4j

from tests.conftest import GraphQLClient
from tests.graphs import draw_accepted, draw_cypher, draw_people, ties
from tests.relationship_api import expect, mutate, mutate_error

LIST = """
query ($id: ID!, $first: Int, $after: String) {
  person(id: $id) {
    followerCount followingCount
    followers(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } }
    }
    following(first: $first, after: $after) { totalCount edges { node { id } } }
  }
}"""


def test_follow_needs_no_approval_and_twice_is_once(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    assert mutate(client, "follow", "bob", as_="ada") == expect("bob", following=True)
    assert mutate(client, "follow", "bob", as_="ada") == expect("bob", following=True)
    assert ties(graph_db, "FOLLOWS") == [("ada", "bob")]
    counts = client.data("{ person(id: \"bob\") { followerCount followingCount } }")["person"]
    assert counts == {"followerCount": 1, "followingCount": 0}


def test_the_followed_person_sees_followed_by(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    mutate(client, "follow", "bob", as_="ada")
    assert mutate(client, "follow", "ada", as_="bob") == expect("ada", following=True, followedBy=True)


def test_following_yourself_is_bad_input_and_unknown_people_not_found(client: GraphQLClient,
                                                                     graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    assert mutate_error(client, "follow", "ada", as_="ada") == "BAD_USER_INPUT"
    assert mutate_error(client, "follow", "nobody", as_="ada") == "NOT_FOUND"
    assert mutate_error(client, "follow", "ada", as_="ghost") == "NOT_FOUND"  # a token for no one
    assert mutate_error(client, "follow", "ada", as_=None) == "UNAUTHENTICATED"
    assert ties(graph_db, "FOLLOWS") == []


def test_nobody_follows_across_a_block_either_way(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    draw_cypher(graph_db, "MATCH (a:Person {id: 'ada'}), (b:Person {id: 'bob'}) CREATE (a)-[:BLOCKS]->(b)")
    assert mutate_error(client, "follow", "bob", as_="ada") == "FORBIDDEN"
    assert mutate_error(client, "follow", "ada", as_="bob") == "FORBIDDEN"
    assert mutate(client, "follow", "ada", as_="cy")["following"] is True
    assert ties(graph_db, "FOLLOWS") == [("cy", "ada")]


def test_follow_policy_connections_admits_connections_only(client: GraphQLClient,
                                                           graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")
    draw_people(graph_db, "star", follow_policy="CONNECTIONS")
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (s:Person {id: 'star'})
                             CREATE (a)-[:CONNECTED_TO]->(s)""")  # connected, but not (yet) following
    assert mutate_error(client, "follow", "star", as_="bob") == "FORBIDDEN"
    assert mutate(client, "follow", "star", as_="ada") == expect("star", following=True, connected=True,
                                                                 canMessage=True)
    assert ties(graph_db, "FOLLOWS") == [("ada", "star")]


def test_unfollow_is_idempotent_and_a_connection_stays(client: GraphQLClient,
                                                       graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy")
    draw_accepted(graph_db, ("ada", "bob"))
    mutate(client, "follow", "cy", as_="ada")
    assert mutate(client, "unfollow", "bob", as_="ada") == expect("bob", followedBy=True, connected=True,
                                                                  canMessage=True)
    assert mutate(client, "unfollow", "bob", as_="ada")["connected"] is True
    assert mutate(client, "unfollow", "cy", as_="ada") == expect("cy")
    assert mutate(client, "unfollow", "cy", as_="ada") == expect("cy")
    assert ties(graph_db, "FOLLOWS") == [("bob", "ada")]
    assert len(ties(graph_db, "CONNECTED_TO")) == 1
    assert mutate_error(client, "unfollow", "ada", as_="ada") == "BAD_USER_INPUT"
    assert mutate_error(client, "unfollow", "nobody", as_="ada") == "NOT_FOUND"


def test_followers_and_following_lists_page_by_id_with_a_total(client: GraphQLClient,
                                                               graph_db: neo4j.Driver) -> None:
    fans = [f"fan{i:02}" for i in range(25)]
    draw_people(graph_db, "ada", *fans)
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (f:Person) WHERE f.id STARTS WITH 'fan'
                             CREATE (f)-[:FOLLOWS {since: datetime()}]->(a)""")
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (f:Person) WHERE f.id IN ['fan03', 'fan07']
                             CREATE (a)-[:FOLLOWS {since: datetime()}]->(f)""")

    first = client.data(LIST, {"id": "ada", "first": 10}, as_="ada")["person"]
    assert (first["followerCount"], first["followingCount"]) == (25, 2)
    page = first["followers"]
    assert page["totalCount"] == 25 and page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["id"] for e in page["edges"]] == fans[:10]
    assert page["edges"][0]["node"]["name"] == "Fan00"
    assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
    assert [e["node"]["id"] for e in first["following"]["edges"]] == ["fan03", "fan07"]

    seen = [e["node"]["id"] for e in page["edges"]]
    after = page["pageInfo"]["endCursor"]
    while after is not None:
        page = client.data(LIST, {"id": "ada", "first": 10, "after": after}, as_="ada")["person"]["followers"]
        assert page["totalCount"] == 25
        seen += [e["node"]["id"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    assert seen == fans


def test_list_defaults_and_bad_page_arguments(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    fans = [f"fan{i:02}" for i in range(22)]
    draw_people(graph_db, "ada", *fans)
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'}), (f:Person) WHERE f.id STARTS WITH 'fan'
                             CREATE (f)-[:FOLLOWS]->(a)""")
    query = "{ person(id: \"ada\") { followers { edges { node { id } } pageInfo { hasNextPage } } } }"
    page = client.data(query, as_="ada")["person"]["followers"]
    assert len(page["edges"]) == 20 and page["pageInfo"]["hasNextPage"] is True
    assert client.error_code(LIST, {"id": "ada", "first": 101}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(LIST, {"id": "ada", "first": -1}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(LIST, {"id": "ada", "after": "not-a-cursor"}, as_="ada") == "BAD_USER_INPUT"
