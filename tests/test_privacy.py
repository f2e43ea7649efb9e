"""R9 through GraphQL over HTTP: counts are public; who may list whose followers, following and
connections; refusals are errors, never empty lists; admins see everything; anonymous callers see
public fields and counts only."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime

import neo4j
import pytest

from service import privacy
from service.errors import TiesError
from service.identity import Viewer
from service.people import Person
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


# The access table (service/privacy.py's docstring), decision by decision: pure, no database --------

ANON, ADA, BOB, ADMIN = Viewer(), Viewer("ada"), Viewer("bob"), Viewer("root", admin=True)


def person(person_id: str, visibility: str = "CONNECTIONS") -> Person:
    return Person(id=person_id, name=person_id.title(), headline=None,
                  created_at=datetime(2024, 1, 1, tzinfo=UTC), connections_visibility=visibility,
                  follow_policy="EVERYONE")


def refusal(decide: Callable[[], object]) -> str | None:
    """The code ``decide`` refuses with, or None when it lets the caller through."""
    try:
        decide()
    except TiesError as refused:
        return refused.code
    return None


@pytest.mark.parametrize(("rule", "answers"), [
    # rule: what each of anonymous, ada (the person), bob (another) and an admin (signed in with an
    # id of their own, as admins' tokens are) is told
    (lambda v: privacy.require_signed_in(v, "x"), ["UNAUTHENTICATED", None, None, None]),
    (lambda v: privacy.require_person(v, "x"), ["UNAUTHENTICATED", None, None, None]),
    (lambda v: privacy.require_admin(v, "x"), ["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", None]),
    (lambda v: privacy.require_self_or_admin(v, "ada", "x"), ["UNAUTHENTICATED", None, "FORBIDDEN", None]),
    (lambda v: privacy.require_self(v, "ada", "x"), ["UNAUTHENTICATED", None, "FORBIDDEN", "FORBIDDEN"]),
    (lambda v: privacy.require_author(v, "ada", "x"), ["UNAUTHENTICATED", None, "FORBIDDEN", None]),
    (lambda v: privacy.require_may_list_follows(v, person("ada"), "followers"),
     ["UNAUTHENTICATED", None, "FORBIDDEN", None]),
], ids=["signed-in", "person", "admin", "self-or-admin", "self", "author", "follow-lists"])
def test_who_asks_is_answered_as_the_table_says(rule: Callable[[Viewer], object],
                                                answers: list[str | None]) -> None:
    assert [refusal(functools.partial(rule, viewer)) for viewer in (ANON, ADA, BOB, ADMIN)] == answers


def test_settings_are_seen_by_their_person_and_admins_alone() -> None:
    assert [privacy.may_see_settings(v, person("ada")) for v in (ANON, ADA, BOB, ADMIN)] == [
        False, True, False, True]


def test_what_a_change_reads_refuses_as_the_table_says() -> None:
    assert refusal(lambda: privacy.require_unblocked(True, "follow them")) == "FORBIDDEN"
    assert refusal(lambda: privacy.require_unblocked(False, "follow them")) is None
    assert refusal(lambda: privacy.require_may_follow("CONNECTIONS", connected=False)) == "FORBIDDEN"
    assert refusal(lambda: privacy.require_may_follow("CONNECTIONS", connected=True)) is None
    assert refusal(lambda: privacy.require_may_follow("EVERYONE", connected=False)) is None
    assert refusal(lambda: privacy.require_not_dismissed(True)) == "FORBIDDEN"
    assert refusal(lambda: privacy.require_shareable("CONNECTIONS")) == "FORBIDDEN"
    assert refusal(lambda: privacy.require_shareable("PUBLIC")) is None


def test_blocks_hide_people_from_a_person_never_from_admins_or_anonymous_callers() -> None:
    assert [privacy.hidden_from(v) for v in (ANON, ADA, ADMIN)] == [None, "ada", None]
