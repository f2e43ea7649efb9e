"""The life of an account over GraphQL (R19): updateProfile, deletePost, deleteAccount, myData, and
`ties export`."""

from __future__ import annotations

import json
import threading
from typing import Any

import neo4j
import pytest

from service import accounts
from service.tools import cli
from tests.conftest import Endpoint, GraphQLClient
from tests.graphs import draw_accepted, draw_graph
from tests.messaging_api import conversations, send, stored

#   ada ── cat connected; bob and eve follow ada; ada follows dan; ada blocks mal;
#   eve has a pending request to ada; ada wrote a1 (PUBLIC), shared by bob and cat, and a2.
PEOPLE = ["ada", "bob", "cat", "dan", "eve", "mal"]
UPDATE = """mutation ($input: ProfileInput!, $personId: ID) {
  updateProfile(input: $input, personId: $personId) { id name headline } }"""
DELETE_POST = 'mutation ($id: ID!) { deletePost(postId: $id) }'
DELETE_ACCOUNT = 'mutation ($id: ID!) { deleteAccount(personId: $id) }'
COUNTS = 'query ($id: ID!) { person(id: $id) { followerCount followingCount connectionCount } }'


@pytest.fixture
def network(graph_db: neo4j.Driver) -> neo4j.Driver:
    draw_graph(graph_db, PEOPLE, connections=[("ada", "cat")],
               follows=[("bob", "ada"), ("eve", "ada"), ("ada", "dan"), ("ada", "cat"), ("cat", "ada")],
               blocks=[("ada", "mal")], requests=[("eve", "ada")],
               posts=[("a1", "ada", "PUBLIC", 1), ("a2", "ada", "CONNECTIONS", 2),
                      ("c1", "cat", "PUBLIC", 3)],
               shares=[("bob", "a1", 5), ("cat", "a1", 6), ("ada", "c1", 7)])
    return graph_db


@pytest.mark.usefixtures("network")
def test_update_profile_changes_name_and_headline_within_create_persons_limits(
        client: GraphQLClient) -> None:
    assert client.data(UPDATE, {"input": {"name": " Ada King ", "headline": "Countess"}}, as_="ada") == {
        "updateProfile": {"id": "ada", "name": "Ada King", "headline": "Countess"}}
    assert client.data(UPDATE, {"input": {"headline": "Analyst"}}, as_="ada")["updateProfile"] == {
        "id": "ada", "name": "Ada King", "headline": "Analyst"}
    assert client.data(UPDATE, {"input": {"headline": None}}, as_="ada")["updateProfile"]["headline"] is None
    assert client.error_code(UPDATE, {"input": {"name": "  "}}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(UPDATE, {"input": {"name": "x" * 201}}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(UPDATE, {"input": {"headline": "x" * 301}}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(UPDATE, {"input": {"name": "Bob"}, "personId": "bob"}, as_="ada") == "FORBIDDEN"
    assert client.data(UPDATE, {"input": {"name": "Bobby"}, "personId": "bob"}, admin=True)[
        "updateProfile"]["name"] == "Bobby"
    nobody = {"input": {"name": "X"}, "personId": "nobody"}
    assert client.error_code(UPDATE, nobody, admin=True) == "NOT_FOUND"


@pytest.mark.usefixtures("network")
def test_delete_post_takes_its_shares_along_and_is_for_the_author_or_an_admin(client: GraphQLClient,
                                                                            graph_db: neo4j.Driver) -> None:
    assert client.error_code(DELETE_POST, {"id": "a1"}, as_="bob") == "FORBIDDEN"
    assert client.error_code(DELETE_POST, {"id": "a2"}, as_="bob") == "NOT_FOUND"  # not his to see
    assert client.error_code(DELETE_POST, {"id": "nope"}, as_="ada") == "NOT_FOUND"
    assert client.data(DELETE_POST, {"id": "a1"}, as_="ada") == {"deletePost": True}
    assert client.data('{ post(id: "a1") { id } }', as_="ada") == {"post": None}
    feed = client.data("{ feed { edges { node { id } } } }", as_="bob")["feed"]["edges"]
    assert [e["node"]["id"] for e in feed] == ["c1"]  # ada's share of cat's post; a1 is gone
    left, _, _ = graph_db.execute_query("MATCH ()-[s:SHARED]->(p:Post) RETURN p.id AS post")
    assert [r["post"] for r in left] == ["c1"]
    assert client.data(DELETE_POST, {"id": "c1"}, admin=True) == {"deletePost": True}
    assert client.error_code(DELETE_POST, {"id": "c1"}, as_="cat") == "NOT_FOUND"


def everything_of(db: neo4j.Driver, person_id: str) -> dict[str, int]:
    records, _, _ = db.execute_query("""
        RETURN COUNT { MATCH (p {id: $id}) } AS nodes,
               COUNT { MATCH ({id: $id})-[r]-() } AS ties,
               COUNT { MATCH (:Post)<-[:POSTED]-({id: $id}) } AS posts,
               COUNT { MATCH (post:Post) WHERE post.id IN ['a1', 'a2'] } AS postsById""", id=person_id)
    return dict(records[0])


@pytest.mark.usefixtures("network")
def test_delete_account_erases_the_person_and_everything_of_theirs(client: GraphQLClient,
                                                                   graph_db: neo4j.Driver) -> None:
    assert client.error_code(DELETE_ACCOUNT, {"id": "ada"}, as_="bob") == "FORBIDDEN"
    assert client.error_code(DELETE_ACCOUNT, {"id": "ada"}) == "UNAUTHENTICATED"
    assert client.data(DELETE_ACCOUNT, {"id": "ada"}, as_="ada") == {"deleteAccount": True}
    assert everything_of(graph_db, "ada") == {"nodes": 0, "ties": 0, "posts": 0, "postsById": 0}
    assert client.data('{ person(id: "ada") { id } }', as_="bob") == {"person": None}
    assert client.data(COUNTS, {"id": "cat"}, as_="bob")["person"] == {
        "followerCount": 0, "followingCount": 0, "connectionCount": 0}
    assert client.data(COUNTS, {"id": "dan"}, as_="bob")["person"]["followerCount"] == 0
    assert client.data("{ feed { totalCount } }", as_="cat") == {"feed": {"totalCount": 0}}
    # cat's post that ada shared is cat's: it stays, without ada's share
    assert client.data('{ post(id: "c1") { shareCount } }', as_="cat") == {"post": {"shareCount": 0}}
    # idempotent: asking again finds nothing to erase
    assert client.data(DELETE_ACCOUNT, {"id": "ada"}, as_="ada") == {"deleteAccount": False}
    assert client.data(DELETE_ACCOUNT, {"id": "ada"}, admin=True) == {"deleteAccount": False}
    assert client.data(DELETE_ACCOUNT, {"id": "bob"}, admin=True) == {"deleteAccount": True}


def test_a_hub_is_erased_in_batches_and_a_stopped_erasure_resumes(
        client: GraphQLClient, graph_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    followers = [f"f{n:03}" for n in range(120)]
    draw_graph(graph_db, ["hub", *followers], follows=[(f, "hub") for f in followers],
               connections=[("hub", f) for f in followers[:30]],
               posts=[(f"h{n}", "hub", "PUBLIC", n) for n in range(7)],
               shares=[(f, "h0", 1) for f in followers[:40]])
    monkeypatch.setattr(accounts, "ERASE_BATCH", 25)
    # an erasure stopped after its first step: the person is marked deleted, every tie still there
    graph_db.execute_query("MATCH (p:Person {id: 'hub'}) SET p:DeletedPerson REMOVE p:Person")
    assert client.data('{ person(id: "hub") { id } }', as_="f000") == {"person": None}
    assert client.error_code('mutation { follow(personId: "hub") { following } }', as_="f001") == "NOT_FOUND"
    assert client.data(DELETE_ACCOUNT, {"id": "hub"}, as_="hub") == {"deleteAccount": True}
    records, _, _ = graph_db.execute_query(
        "RETURN COUNT { (p {id: 'hub'}) } AS hub, COUNT { (:Post) } AS posts, COUNT { ()-[]->() } AS ties")
    assert dict(records[0]) == {"hub": 0, "posts": 0, "ties": 0}


def test_delete_account_is_safe_under_concurrent_writes(client: GraphQLClient, graph_db: neo4j.Driver,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    followers = [f"f{n:03}" for n in range(200)]
    draw_graph(graph_db, ["hub", *followers], follows=[(f, "hub") for f in followers[:150]])
    monkeypatch.setattr(accounts, "ERASE_BATCH", 20)
    outcomes: list[str] = []

    def churn(who: list[str]) -> None:
        for person in who:
            body = client.execute('mutation { follow(personId: "hub") { following } }', as_=person)
            outcomes.append(body["errors"][0]["extensions"]["code"] if body.get("errors") else "ok")

    threads = [threading.Thread(target=churn, args=(followers[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    assert client.data(DELETE_ACCOUNT, {"id": "hub"}, admin=True) == {"deleteAccount": True}
    for t in threads:
        t.join()
    assert set(outcomes) <= {"ok", "NOT_FOUND"}
    records, _, _ = graph_db.execute_query(
        "RETURN COUNT { (p {id: 'hub'}) } AS hub, COUNT { ()-[:FOLLOWS]->() } AS follows")
    assert dict(records[0]) == {"hub": 0, "follows": 0}


@pytest.mark.usefixtures("network")
def test_my_data_is_everything_stored_about_the_viewer(client: GraphQLClient) -> None:
    assert client.error_code("{ myData }") == "UNAUTHENTICATED"
    assert client.error_code("{ myData }", admin=True) == "NOT_FOUND"
    data: dict[str, Any] = json.loads(client.data("{ myData }", as_="ada")["myData"])
    assert data["profile"]["id"] == "ada" and data["profile"]["name"] == "Ada"
    assert data["settings"] == {"connectionsVisibility": "CONNECTIONS", "followPolicy": "EVERYONE",
                                "messagePolicy": "CONNECTIONS", "endorsable": True}
    assert [f["id"] for f in data["followers"]] == ["bob", "cat", "eve"]
    assert [f["id"] for f in data["following"]] == ["cat", "dan"]
    assert [c["id"] for c in data["connections"]] == ["cat"]
    assert [r["from"] for r in data["requestsReceived"]] == ["eve"] and data["requestsSent"] == []
    assert [b["id"] for b in data["blocks"]] == ["mal"]
    assert [p["id"] for p in data["posts"]] == ["a1", "a2"]
    assert [s["post"] for s in data["shares"]] == ["c1"]
    mal: dict[str, Any] = json.loads(client.data("{ myData }", as_="mal")["myData"])
    assert mal["blocks"] == [], "who blocks you is the blocker's data"


def test_ties_export_prints_a_persons_data_as_json(network: neo4j.Driver, neo4j_endpoint: Endpoint,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_endpoint.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_endpoint.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_endpoint.password)
    assert cli.main(["export", "ada"]) == 0
    assert json.loads(capsys.readouterr().out)["profile"]["id"] == "ada"
    assert cli.main(["export", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err


def test_delete_account_erases_every_conversation_the_person_took_part_in(
        client: GraphQLClient, graph_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    draw_graph(graph_db, ["ada", "bob", "cat"])
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cat"), ("bob", "cat"))
    for n in range(7):
        send(client, "ada" if n % 2 else "bob", "bob" if n % 2 else "ada", f"ada-bob {n}")
    kept = send(client, "bob", "cat", "bob-cat")["conversation"]["id"]
    hidden = send(client, "cat", "ada", "cat-ada")
    client.data("mutation ($id: ID!) { deleteMessage(messageId: $id) }", {"id": hidden["id"]}, as_="ada")
    monkeypatch.setattr(accounts, "ERASE_BATCH", 10)  # two messages a batch
    assert client.data(DELETE_ACCOUNT, {"id": "ada"}, as_="ada") == {"deleteAccount": True}
    assert stored(graph_db) == {"conversations": 1, "sides": 2, "messages": 1, "deleted": 0}
    assert [e["node"]["id"] for e in conversations(client, "bob")["edges"]] == [kept]
    assert conversations(client, "cat")["totalCount"] == 1


def test_my_data_holds_the_persons_conversations_whole(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["ada", "bob"])
    draw_accepted(graph_db, ("ada", "bob"))
    first = send(client, "ada", "bob", "first")
    second = send(client, "bob", "ada", "second")
    client.data("mutation ($id: ID!) { deleteMessage(messageId: $id) }", {"id": second["id"]}, as_="ada")
    data: dict[str, Any] = json.loads(client.data("{ myData }", as_="ada")["myData"])
    [conversation] = data["conversations"]
    assert (conversation["id"], conversation["with"], conversation["status"]) == (
        first["conversation"]["id"], "bob", "ACCEPTED")
    assert [(m["sender"], m["text"], m["deletedForMe"]) for m in conversation["messages"]] == [
        ("ada", "first", False), ("bob", "second", True)]
    bobs: dict[str, Any] = json.loads(client.data("{ myData }", as_="bob")["myData"])
    assert [m["deletedForMe"] for m in bobs["conversations"][0]["messages"]] == [False, False]
