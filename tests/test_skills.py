"""Skills and endorsements (R30-R32, R7 and R8 as amended, R18's ENDORSEMENT, R19, R37) over GraphQL.

The graph: ``ada`` is connected with ``bob``, ``cy`` and ``dee``; ``bob`` with ``cy``; ``eve`` is
connected with nobody.
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
from tests.graphs import draw_accepted, draw_cypher, draw_people, ties

SKILLS = """query ($id: ID!) { person(id: $id) { skills {
  name endorsementCount viewerHasEndorsed } } }"""
ENDORSERS = """query ($id: ID!) { person(id: $id) { skills { name
  endorsements { totalCount edges { node { endorser { id } hidden } } }
  endorsementsFromConnections { id } } } }"""
ADD = "mutation ($name: String!) { addSkill(name: $name) { name endorsementCount } }"
REMOVE = "mutation ($name: String!) { removeSkill(name: $name) }"
ENDORSE = """mutation ($id: ID!, $skill: String!) { endorse(personId: $id, skill: $skill) {
  name endorsementCount viewerHasEndorsed } }"""
WITHDRAW = """mutation ($id: ID!, $skill: String!) { withdrawEndorsement(personId: $id, skill: $skill) {
  name endorsementCount viewerHasEndorsed } }"""
HIDE = """mutation ($skill: String!, $id: ID!, $hidden: Boolean!) {
  setEndorsementHidden(skill: $skill, endorserId: $id, hidden: $hidden) { name endorsementCount } }"""
NOTIFICATIONS = "{ notifications { edges { node { kind skill actor { id } } } } }"


@pytest.fixture
def network(graph_db: neo4j.Driver) -> neo4j.Driver:
    draw_people(graph_db, "ada", "bob", "cy", "dee", "eve")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cy"), ("ada", "dee"), ("bob", "cy"))
    return graph_db


def skills(client: GraphQLClient, person: str, **who: Any) -> list[tuple[str, int, bool]]:
    found = client.data(SKILLS, {"id": person}, **who)["person"]["skills"]
    return [(s["name"], s["endorsementCount"], s["viewerHasEndorsed"]) for s in found]


def add(client: GraphQLClient, who: str, *names: str) -> None:
    for name in names:
        client.data(ADD, {"name": name}, as_=who)


def endorse(client: GraphQLClient, who: str, person: str, skill: str) -> dict[str, Any]:
    result: dict[str, Any] = client.data(ENDORSE, {"id": person, "skill": skill}, as_=who)["endorse"]
    return result


def notifications(client: GraphQLClient, who: str) -> list[tuple[str, str | None, str]]:
    edges = client.data(NOTIFICATIONS, as_=who)["notifications"]["edges"]
    return [(e["node"]["kind"], e["node"]["skill"], e["node"]["actor"]["id"]) for e in edges]


def test_skills_are_listed_once_ignoring_case_and_public(client: GraphQLClient,
                                                         network: neo4j.Driver) -> None:
    assert client.data(ADD, {"name": "  Machine   Learning "}, as_="ada") == {
        "addSkill": {"name": "Machine Learning", "endorsementCount": 0}}
    add(client, "ada", "machine learning", "Python")
    add(client, "bob", "PYTHON")
    assert skills(client, "ada") == [("Machine Learning", 0, False), ("Python", 0, False)]  # anonymous
    assert skills(client, "bob", as_="ada") == [("PYTHON", 0, False)]
    records, _, _ = network.execute_query(
        """MATCH (p:Person)-[h:HAS_SKILL]->(s:Skill)
           RETURN p.id AS p, h.name AS name, s.key AS key ORDER BY p, key""")
    assert [(r["p"], r["name"], r["key"]) for r in records] == [
        ("ada", "Machine Learning", "machine learning"), ("ada", "Python", "python"),
        ("bob", "PYTHON", "python")]
    assert client.error_code(ADD, {"name": "   "}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(ADD, {"name": "x" * 81}, as_="ada") == "BAD_USER_INPUT"
    add(client, "ada", "x" * 80)
    assert client.error_code(ADD, {"name": "Go"}) == "UNAUTHENTICATED"


def test_at_most_fifty_skills(client: GraphQLClient, network: neo4j.Driver) -> None:
    draw_cypher(network, """MATCH (ada:Person {id: 'ada'}) UNWIND range(1, 49) AS i
                            MERGE (s:Skill {key: 'skill ' + i})
                            CREATE (ada)-[:HAS_SKILL {name: 'Skill ' + i, at: datetime()}]->(s)""")
    add(client, "ada", "Fiftieth")
    assert client.error_code(ADD, {"name": "Fifty-first"}, as_="ada") == "LIMIT_EXCEEDED"
    add(client, "ada", "skill 7")  # listed already: no new skill, no refusal
    assert client.data(REMOVE, {"name": "Skill 7"}, as_="ada") == {"removeSkill": True}
    assert client.data(REMOVE, {"name": "Skill 7"}, as_="ada") == {"removeSkill": False}
    add(client, "ada", "Fifty-first")
    assert len(skills(client, "ada")) == 50


def test_only_connections_endorse_listed_skills_of_people_who_allow_it(client: GraphQLClient,
                                                                      network: neo4j.Driver) -> None:
    add(client, "ada", "Python", "SQL")
    assert endorse(client, "bob", "ada", "python") == {"name": "Python", "endorsementCount": 1,
                                                        "viewerHasEndorsed": True}
    assert endorse(client, "bob", "ada", "PYTHON")["endorsementCount"] == 1  # idempotent
    assert ties(network, "ENDORSED") == [("bob", "ada")]
    for who, skill, code in (("eve", "Python", "FORBIDDEN"),       # not a connection
                             ("bob", "Rust", "NOT_FOUND"),          # not listed
                             ("ada", "Python", "BAD_USER_INPUT")):  # herself
        assert client.error_code(ENDORSE, {"id": "ada", "skill": skill}, as_=who) == code
    assert client.error_code(ENDORSE, {"id": "ada", "skill": "Python"}) == "UNAUTHENTICATED"
    assert client.error_code(ENDORSE, {"id": "ghost", "skill": "Python"}, as_="bob") == "NOT_FOUND"
    client.data("mutation { updateSettings(input: {endorsable: false}) { endorsable } }", as_="ada")
    assert client.error_code(ENDORSE, {"id": "ada", "skill": "SQL"}, as_="cy") == "FORBIDDEN"
    assert skills(client, "ada", as_="bob") == [("Python", 1, True), ("SQL", 0, False)]  # kept
    client.data("mutation { updateSettings(input: {endorsable: true}) { endorsable } }", as_="ada")
    endorse(client, "cy", "ada", "SQL")
    endorse(client, "dee", "ada", "SQL")
    assert skills(client, "ada", as_="cy") == [("SQL", 2, True), ("Python", 1, False)]  # most endorsed first


def test_withdrawing_is_idempotent_and_takes_the_notification_back(client: GraphQLClient,
                                                                    network: neo4j.Driver) -> None:
    add(client, "ada", "Python")
    endorse(client, "bob", "ada", "Python")
    endorse(client, "cy", "ada", "Python")
    assert notifications(client, "ada") == [("ENDORSEMENT", "Python", "cy"), ("ENDORSEMENT", "Python", "bob")]
    withdrawn = {"withdrawEndorsement": {"name": "Python", "endorsementCount": 1, "viewerHasEndorsed": False}}
    assert client.data(WITHDRAW, {"id": "ada", "skill": "python"}, as_="bob") == withdrawn
    assert client.data(WITHDRAW, {"id": "ada", "skill": "python"}, as_="bob") == withdrawn
    assert client.data(WITHDRAW, {"id": "ada", "skill": "python"}, as_="eve")["withdrawEndorsement"][
        "endorsementCount"] == 1  # never endorsed: nothing to do
    assert notifications(client, "ada") == [("ENDORSEMENT", "Python", "cy")]
    assert client.error_code(WITHDRAW, {"id": "ada", "skill": "Rust"}, as_="bob") == "NOT_FOUND"
    # endorsing again is a new endorsement, and a new notification
    endorse(client, "bob", "ada", "Python")
    assert notifications(client, "ada")[0] == ("ENDORSEMENT", "Python", "bob")


def test_endorsers_newest_first_and_those_the_viewer_knows(client: GraphQLClient,
                                                          network: neo4j.Driver) -> None:
    add(client, "ada", "Python")
    for who in ("bob", "cy", "dee"):
        endorse(client, who, "ada", "Python")
    listed = client.data(ENDORSERS, {"id": "ada"}, as_="bob")["person"]["skills"][0]
    assert [e["node"]["endorser"]["id"] for e in listed["endorsements"]["edges"]] == ["dee", "cy", "bob"]
    assert listed["endorsements"]["totalCount"] == 3
    assert listed["endorsementsFromConnections"] == [{"id": "cy"}]  # bob's connections: ada and cy
    mine = client.data(ENDORSERS, {"id": "ada"}, as_="ada")["person"]["skills"][0]
    assert mine["endorsementsFromConnections"] == [{"id": "dee"}, {"id": "cy"}, {"id": "bob"}]
    assert client.data(ENDORSERS, {"id": "ada"}, as_="eve")["person"]["skills"][0][
        "endorsementsFromConnections"] == []
    page = client.data("""query { person(id: "ada") { skills { endorsements(first: 2) {
        pageInfo { hasNextPage endCursor } edges { node { endorser { id } } } } } } }""", as_="eve")
    first = page["person"]["skills"][0]["endorsements"]
    assert [e["node"]["endorser"]["id"] for e in first["edges"]] == ["dee", "cy"]
    rest = client.data("""query ($after: String) { person(id: "ada") { skills { endorsements(after: $after) {
        edges { node { endorser { id } } } } } } }""", {"after": first["pageInfo"]["endCursor"]}, as_="eve")
    rest_edges = rest["person"]["skills"][0]["endorsements"]["edges"]
    assert [e["node"]["endorser"]["id"] for e in rest_edges] == ["bob"]
    assert client.error_code(ENDORSERS, {"id": "ada"}) == "UNAUTHENTICATED"


def test_a_hidden_endorsement_leaves_everyone_elses_counts_and_lists(client: GraphQLClient,
                                                                     network: neo4j.Driver) -> None:
    add(client, "ada", "Python")
    endorse(client, "bob", "ada", "Python")
    endorse(client, "cy", "ada", "Python")
    assert client.data(HIDE, {"skill": "python", "id": "bob", "hidden": True}, as_="ada") == {
        "setEndorsementHidden": {"name": "Python", "endorsementCount": 2}}  # she still sees it counted

    def endorsers(**who: Any) -> tuple[int, list[tuple[str, bool]], list[str]]:
        skill = client.data(ENDORSERS, {"id": "ada"}, **who)["person"]["skills"][0]
        return (skill["endorsements"]["totalCount"],
                [(e["node"]["endorser"]["id"], e["node"]["hidden"]) for e in skill["endorsements"]["edges"]],
                [p["id"] for p in skill["endorsementsFromConnections"]])

    assert endorsers(as_="ada") == (2, [("cy", False), ("bob", True)], ["cy", "bob"])
    assert endorsers(as_="bob") == (1, [("cy", False)], ["cy"])  # his own, hidden, is not his to see
    assert endorsers(admin=True)[:2] == (2, [("cy", False), ("bob", True)])
    assert skills(client, "ada") == [("Python", 1, False)]
    assert skills(client, "ada", as_="bob") == [("Python", 1, True)]
    client.data(HIDE, {"skill": "Python", "id": "bob", "hidden": False}, as_="ada")
    assert skills(client, "ada") == [("Python", 2, False)]
    assert client.error_code(HIDE, {"skill": "Python", "id": "dee", "hidden": True}, as_="ada") == "NOT_FOUND"
    assert client.error_code(HIDE, {"skill": "Python", "id": "cy", "hidden": True}, as_="bob") == "NOT_FOUND"


def test_removing_a_skill_takes_its_endorsements_and_their_notifications(client: GraphQLClient,
                                                                         network: neo4j.Driver) -> None:
    add(client, "ada", "Python", "SQL")
    endorse(client, "bob", "ada", "Python")
    endorse(client, "bob", "ada", "SQL")
    client.data(REMOVE, {"name": "PYTHON"}, as_="ada")
    assert notifications(client, "ada") == [("ENDORSEMENT", "SQL", "bob")]
    add(client, "ada", "Python")
    assert skills(client, "ada") == [("SQL", 1, False), ("Python", 0, False)]


def test_removing_a_connection_withdraws_endorsements_both_ways(client: GraphQLClient,
                                                               network: neo4j.Driver) -> None:
    add(client, "ada", "Python")
    add(client, "bob", "Go")
    endorse(client, "bob", "ada", "Python")
    endorse(client, "ada", "bob", "Go")
    endorse(client, "cy", "ada", "Python")
    client.data('mutation { removeConnection(personId: "ada") { connected } }', as_="bob")
    assert ties(network, "ENDORSED") == [("cy", "ada")]
    assert notifications(client, "ada") == [("ENDORSEMENT", "Python", "cy")]
    assert notifications(client, "bob") == []
    assert client.error_code(ENDORSE, {"id": "ada", "skill": "Python"}, as_="bob") == "FORBIDDEN"


def test_a_block_deletes_endorsements_both_ways(client: GraphQLClient, network: neo4j.Driver) -> None:
    add(client, "ada", "Python")
    add(client, "bob", "Go")
    endorse(client, "bob", "ada", "Python")
    endorse(client, "ada", "bob", "Go")
    endorse(client, "cy", "bob", "Go")
    client.data('mutation { block(personId: "bob") { blocking } }', as_="ada")
    assert ties(network, "ENDORSED") == [("cy", "bob")]
    client.data('mutation { unblock(personId: "bob") { blocking } }', as_="ada")
    assert notifications(client, "ada") == []  # gone, not merely hidden while blocked
    assert skills(client, "ada") == [("Python", 0, False)]


def test_a_viewer_does_not_count_endorsers_blocked_with_them(client: GraphQLClient,
                                                             network: neo4j.Driver) -> None:
    add(client, "ada", "Python")
    endorse(client, "bob", "ada", "Python")
    endorse(client, "cy", "ada", "Python")
    client.data('mutation { block(personId: "bob") { blocking } }', as_="eve")
    assert skills(client, "ada", as_="eve") == [("Python", 1, False)]
    assert client.data(ENDORSERS, {"id": "ada"}, as_="eve")["person"]["skills"][0]["endorsements"] == {
        "totalCount": 1, "edges": [{"node": {"endorser": {"id": "cy"}, "hidden": False}}]}
    assert skills(client, "ada") == [("Python", 2, False)]


def test_my_data_and_deleting_an_account(client: GraphQLClient, network: neo4j.Driver) -> None:
    add(client, "ada", "Python")
    add(client, "bob", "Go")
    endorse(client, "bob", "ada", "Python")
    endorse(client, "ada", "bob", "Go")
    data = json.loads(client.data("{ myData }", as_="ada")["myData"])
    assert [s["name"] for s in data["skills"]] == ["Python"]
    assert [(e["to"], e["skill"]) for e in data["endorsementsGiven"]] == [("bob", "go")]
    assert [(e["from"], e["skill"], e["hidden"]) for e in data["endorsementsReceived"]] == [
        ("bob", "python", False)]
    client.data('mutation { deleteAccount(personId: "ada") }', as_="ada")
    assert ties(network, "ENDORSED") == []
    assert notifications(client, "bob") == []  # ada's endorsement of bob went, and its notification
    records, _, _ = network.execute_query("MATCH ()-[h:HAS_SKILL]->() RETURN count(h) AS n")
    assert records[0]["n"] == 1


@pytest.fixture
def strict(settings: Settings, graph_db: neo4j.Driver) -> Iterator[GraphQLClient]:
    """A second service allowing 2 endorsements a day (TIES_ENDORSEMENT_LIMIT)."""
    with ServiceThread(dataclasses.replace(settings, endorsement_limit=2)) as running:
        c = GraphQLClient(running.url, TEST_SECRET)
        yield c
        c.close()


def test_endorsements_per_day_are_limited(strict: GraphQLClient, network: neo4j.Driver) -> None:
    add(strict, "ada", "Python", "SQL", "Go")
    endorse(strict, "bob", "ada", "Python")
    endorse(strict, "bob", "ada", "Python")  # nothing new: nothing taken
    endorse(strict, "bob", "ada", "SQL")
    body = strict.execute(ENDORSE, {"id": "ada", "skill": "Go"}, as_="bob")
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "2 endorsements per day" in body["errors"][0]["message"]
    endorse(strict, "cy", "ada", "Go")  # another person's quota is their own
