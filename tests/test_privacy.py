"""R9 through GraphQL over HTTP: counts are public; who may list whose followers, following and
connections; refusals are errors, never empty lists; admins see everything; anonymous callers see
public fields and counts only."""

from __future__ import annotations

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_accepted, draw_cypher, draw_people

FOLLOWERS = "query ($id: ID!) { person(id: $id) { followers { totalCount edges { node { id } } } } }"
FOLLOWING = "query ($id: ID!) { person(id: $id) { following { totalCount edges { node { id } } } } }"
CONNECTIONS = "query ($id: ID!) { person(id: $id) { connections { totalCount edges { node { id } } } } }"
COUNTS = "query ($id: ID!) { person(id: $id) { id name followerCount followingCount connectionCount } }"


@pytest.fixture
def network(graph_db: neo4j.Driver) -> neo4j.Driver:
    """pub, conn and priv (named for their connectionsVisibility) are each connected to friend;
    stranger is connected to nobody; fan follows everyone."""
    draw_people(graph_db, "pub", visibility="PUBLIC")
    draw_people(graph_db, "conn", visibility="CONNECTIONS")
    draw_people(graph_db, "priv", visibility="PRIVATE")
    draw_people(graph_db, "friend", "stranger", "fan")
    draw_accepted(graph_db, ("pub", "friend"), ("conn", "friend"), ("priv", "friend"))
    draw_cypher(graph_db, """MATCH (f:Person {id: 'fan'}), (p:Person) WHERE p <> f
                             CREATE (f)-[:FOLLOWS]->(p)""")
    return graph_db


def ids(client: GraphQLClient, query: str, person: str, **who: object) -> list[str]:
    """The ids in the one list ``query`` asks of ``person``."""
    (page,) = client.data(query, {"id": person}, **who)["person"].values()
    return [e["node"]["id"] for e in page["edges"]]


def test_counts_and_public_fields_are_public_even_to_anonymous(client: GraphQLClient,
                                                              network: neo4j.Driver) -> None:
    assert client.data(COUNTS, {"id": "priv"})["person"] == {
        "id": "priv", "name": "Priv", "followerCount": 2, "followingCount": 1, "connectionCount": 1}


@pytest.mark.parametrize(("query", "listed"), [(FOLLOWERS, ["fan", "friend"]), (FOLLOWING, ["friend"])],
                         ids=["followers", "following"])
def test_follow_lists_are_their_owners_alone(client: GraphQLClient, network: neo4j.Driver,
                                             query: str, listed: list[str]) -> None:
    assert ids(client, query, "pub", as_="pub") == listed
    assert client.error_code(query, {"id": "pub"}, as_="friend") == "FORBIDDEN"  # even a connection
    assert client.error_code(query, {"id": "pub"}, as_="fan") == "FORBIDDEN"
    assert client.error_code(query, {"id": "pub"}) == "UNAUTHENTICATED"


def test_admins_see_every_list(client: GraphQLClient, network: neo4j.Driver) -> None:
    assert ids(client, FOLLOWERS, "priv", admin=True) == ["fan", "friend"]
    assert ids(client, FOLLOWING, "priv", admin=True) == ["friend"]
    assert ids(client, CONNECTIONS, "priv", admin=True) == ["friend"]


def test_public_connections_are_listed_to_anyone_signed_in(client: GraphQLClient,
                                                           network: neo4j.Driver) -> None:
    for viewer in ("pub", "friend", "stranger"):
        assert ids(client, CONNECTIONS, "pub", as_=viewer) == ["friend"]
    assert client.error_code(CONNECTIONS, {"id": "pub"}) == "UNAUTHENTICATED"


def test_connections_only_lists_go_to_the_person_and_its_connections(client: GraphQLClient,
                                                                    network: neo4j.Driver) -> None:
    assert ids(client, CONNECTIONS, "conn", as_="conn") == ["friend"]
    assert ids(client, CONNECTIONS, "conn", as_="friend") == ["friend"]
    assert client.error_code(CONNECTIONS, {"id": "conn"}, as_="stranger") == "FORBIDDEN"
    assert client.error_code(CONNECTIONS, {"id": "conn"}, as_="fan") == "FORBIDDEN"  # following is not enough


def test_private_connections_go_to_the_person_alone(client: GraphQLClient, network: neo4j.Driver) -> None:
    assert ids(client, CONNECTIONS, "priv", as_="priv") == ["friend"]
    assert client.error_code(CONNECTIONS, {"id": "priv"}, as_="friend") == "FORBIDDEN"
    assert client.error_code(CONNECTIONS, {"id": "priv"}, as_="stranger") == "FORBIDDEN"


def test_a_refusal_says_what_is_public_and_what_to_do(client: GraphQLClient, network: neo4j.Driver) -> None:
    body = client.execute(CONNECTIONS, {"id": "conn"}, as_="stranger")
    assert body["data"] is None or body["data"]["person"] is None
    assert "connect with them" in body["errors"][0]["message"]
    body = client.execute(FOLLOWERS, {"id": "pub"}, as_="stranger")
    assert "count is public" in body["errors"][0]["message"]


def test_changing_the_setting_changes_who_may_list(client: GraphQLClient, network: neo4j.Driver) -> None:
    update = """mutation ($v: ConnectionsVisibility!) {
                  updateSettings(input: {connectionsVisibility: $v}) { connectionsVisibility } }"""
    client.data(update, {"v": "PUBLIC"}, as_="priv")
    assert ids(client, CONNECTIONS, "priv", as_="stranger") == ["friend"]
    client.data(update, {"v": "PRIVATE"}, as_="priv")
    assert client.error_code(CONNECTIONS, {"id": "priv"}, as_="stranger") == "FORBIDDEN"
