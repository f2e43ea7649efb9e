"""People through GraphQL over HTTP: create (admin only), read back, counts, ids; their settings
(updateSettings, and Person.settings for its owner alone); lookups and relationships the connection
index answers."""

from __future__ import annotations

from typing import Any

import neo4j

from tests.conftest import GraphQLClient, ServiceThread
from tests.graphs import draw_graph, draw_people
from tests.test_observability import scrape, value

CREATE = """
mutation ($input: CreatePersonInput!) {
  createPerson(input: $input) { id name headline followerCount followingCount connectionCount }
}"""
PERSON = "query ($id: ID!) { person(id: $id) { id name headline followerCount connectionCount } }"


def test_admin_creates_a_person_that_is_in_the_graph_and_readable(client: GraphQLClient,
                                                                   graph_db: neo4j.Driver) -> None:
    created = client.data(CREATE, {"input": {"id": "ada", "name": "Ada", "headline": "Analyst"}},
                          admin=True)["createPerson"]
    assert created == {"id": "ada", "name": "Ada", "headline": "Analyst",
                       "followerCount": 0, "followingCount": 0, "connectionCount": 0}

    records, _, _ = graph_db.execute_query("MATCH (p:Person {id: 'ada'}) RETURN p.name AS name")
    assert [r["name"] for r in records] == ["Ada"]
    assert client.data(PERSON, {"id": "ada"})["person"]["name"] == "Ada"


def test_person_written_directly_in_neo4j_is_read_through_graphql(client: GraphQLClient,
                                                                  graph_db: neo4j.Driver) -> None:
    graph_db.execute_query("""
        CREATE (a:Person {id: 'a', name: 'A', createdAt: datetime(),
                          connectionsVisibility: 'PUBLIC', followPolicy: 'EVERYONE'}),
               (b:Person {id: 'b', name: 'B', createdAt: datetime(),
                          connectionsVisibility: 'PUBLIC', followPolicy: 'EVERYONE'}),
               (b)-[:FOLLOWS {since: datetime()}]->(a),
               (a)-[:CONNECTED_TO {since: datetime()}]->(b)""")
    person = client.data(PERSON, {"id": "a"}, as_="b")["person"]
    assert person == {"id": "a", "name": "A", "headline": None, "followerCount": 1, "connectionCount": 1}


def test_a_missing_id_is_made_up(client: GraphQLClient) -> None:
    created = client.data(CREATE, {"input": {"name": "No Id"}}, admin=True)["createPerson"]
    assert len(created["id"]) == 36


def test_only_admins_create_people(client: GraphQLClient) -> None:
    assert client.error_code(CREATE, {"input": {"name": "X"}}) == "FORBIDDEN"
    assert client.error_code(CREATE, {"input": {"name": "X"}}, as_="someone") == "FORBIDDEN"


def test_duplicate_id_is_a_conflict_and_blank_name_bad_input(client: GraphQLClient) -> None:
    client.data(CREATE, {"input": {"id": "dup", "name": "One"}}, admin=True)
    assert client.error_code(CREATE, {"input": {"id": "dup", "name": "Two"}}, admin=True) == "CONFLICT"
    assert client.error_code(CREATE, {"input": {"name": "  "}}, admin=True) == "BAD_USER_INPUT"


def test_unknown_person_is_null(client: GraphQLClient) -> None:
    assert client.data(PERSON, {"id": "nobody"}) == {"person": None}


def test_viewer_is_the_signed_in_person_and_null_when_anonymous(client: GraphQLClient) -> None:
    client.data(CREATE, {"input": {"id": "me", "name": "Me"}}, admin=True)
    assert client.data("{ viewer { id } }", as_="me") == {"viewer": {"id": "me"}}
    assert client.data("{ viewer { id } }") == {"viewer": None}


# Settings (people.update_settings) ------------------------------------------------------------------

UPDATE = """
mutation ($input: SettingsInput!) {
  updateSettings(input: $input) { connectionsVisibility followPolicy messagePolicy endorsable }
}"""
SETTINGS = ("query ($id: ID!) { person(id: $id) { settings { connectionsVisibility followPolicy "
            "messagePolicy endorsable } } }")
DEFAULTS = {"connectionsVisibility": "CONNECTIONS", "followPolicy": "EVERYONE",
            "messagePolicy": "CONNECTIONS", "endorsable": True}


def test_new_people_get_the_defaults(client: GraphQLClient) -> None:
    client.data('mutation { createPerson(input: {id: "ada", name: "Ada"}) { id } }', admin=True)
    assert client.data(SETTINGS, {"id": "ada"}, as_="ada")["person"]["settings"] == DEFAULTS


def test_update_changes_only_what_is_given_and_is_stored(client: GraphQLClient,
                                                         graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    assert client.data(UPDATE, {"input": {"connectionsVisibility": "PRIVATE"}}, as_="ada") == {
        "updateSettings": {**DEFAULTS, "connectionsVisibility": "PRIVATE"}}
    assert client.data(UPDATE, {"input": {"followPolicy": "CONNECTIONS"}}, as_="ada") == {
        "updateSettings": {**DEFAULTS, "connectionsVisibility": "PRIVATE", "followPolicy": "CONNECTIONS"}}
    assert client.data(UPDATE, {"input": {"messagePolicy": "EVERYONE", "endorsable": False}}, as_="ada") == {
        "updateSettings": {"connectionsVisibility": "PRIVATE", "followPolicy": "CONNECTIONS",
                           "messagePolicy": "EVERYONE", "endorsable": False}}
    records, _, _ = graph_db.execute_query(
        "MATCH (p:Person {id: 'ada'}) RETURN p.connectionsVisibility AS v, p.followPolicy AS f, "
        "p.messagePolicy AS m, p.endorsable AS e")
    assert dict(records[0]) == {"v": "PRIVATE", "f": "CONNECTIONS", "m": "EVERYONE", "e": False}
    assert client.data(UPDATE, {"input": {}}, as_="ada")["updateSettings"]["messagePolicy"] == "EVERYONE"
    assert client.data(SETTINGS, {"id": "ada"}, as_="ada")["person"]["settings"]["endorsable"] is False


def test_settings_are_for_their_owner_and_admins_alone(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", visibility="PUBLIC")
    mine = {**DEFAULTS, "connectionsVisibility": "PUBLIC"}
    assert client.data(SETTINGS, {"id": "ada"}, as_="ada")["person"]["settings"] == mine
    assert client.data(SETTINGS, {"id": "ada"}, admin=True)["person"]["settings"] == mine
    assert client.data(SETTINGS, {"id": "ada"}, as_="bob")["person"] == {"settings": None}
    assert client.data(SETTINGS, {"id": "ada"})["person"] == {"settings": None}


def test_updating_needs_a_signed_in_person_and_valid_values(client: GraphQLClient,
                                                             graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    assert client.error_code(UPDATE, {"input": {"followPolicy": "CONNECTIONS"}}) == "UNAUTHENTICATED"
    assert client.error_code(UPDATE, {"input": {"followPolicy": "NOBODY"}}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(UPDATE, {"input": {"messagePolicy": "NOBODY"}}, as_="ada") == "BAD_USER_INPUT"
    assert client.error_code(UPDATE, {"input": {"followPolicy": "CONNECTIONS"}}, as_="ghost") == "NOT_FOUND"


# Lookups and relationships the connection index answers (api.people.ID_ONLY_FIELDS and
# PAIR_STATE_FREE_FIELDS): the same answers as the stored path, without its reads ------------------

BY_INDEX = "query ($id: ID!) { person(id: $id) { __typename id reach { connections } } }"
BY_NEO4J = "query ($id: ID!) { person(id: $id) { __typename id reach { connections } name } }"
REL_BY_INDEX = """query ($id: ID!) {
  person(id: $id) { id degree relationship { __typename mutualConnectionCount degree } } }"""
#: The same, with one field of the pair's stored state asked under an alias and through a fragment.
REL_BY_NEO4J = """query ($id: ID!) {
  person(id: $id) { id degree relationship { __typename mutualConnectionCount degree }
                    stored: relationship { ... on Relationship { following } } } }"""
#: The two reads the index-answered paths skip.
STORED_READS = ("people_by_ids", "relationship_states")


def assert_same_answers(client: GraphQLClient, by_index: str, by_neo4j: str, stored_only: str,
                        viewers: list[dict[str, Any]], ids: list[str]) -> None:
    """For every viewer and id, ``by_index`` finds exactly whom ``by_neo4j`` finds, and answers as
    it does but for the field ``stored_only`` that only ``by_neo4j`` asks."""
    for who in viewers:
        for person_id in ids:
            cheap = client.data(by_index, {"id": person_id}, **who)["person"]
            stored = client.data(by_neo4j, {"id": person_id}, **who)["person"]
            assert (cheap is None) == (stored is None), (who, person_id)
            if stored is not None:
                assert cheap == {k: v for k, v in stored.items() if k != stored_only}, (who, person_id)


def neo4j_reads(service: ServiceThread, client: GraphQLClient, query: str, person_id: str,
                as_: str) -> tuple[dict[str, Any], dict[str, float]]:
    """The answer to ``query`` about ``person_id``, and how many of each of STORED_READS it ran."""
    lookups = "ties_neo4j_query_duration_seconds_count"
    before = scrape(service)
    answer = client.data(query, {"id": person_id}, as_=as_)
    after = scrape(service)
    return answer, {name: value(after, lookups, query=name) - value(before, lookups, query=name)
                    for name in STORED_READS}


def test_a_lookup_of_id_only_fields_finds_exactly_whom_the_stored_lookup_finds(
        client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["me", "friend", "stranger", "blocker", "blocked", "leaver"],
               connections=[("me", "friend"), ("friend", "stranger")],
               blocks=[("blocker", "me"), ("me", "blocked")])
    assert client.data("mutation { deleteAccount(personId: \"leaver\") }", as_="leaver")["deleteAccount"]
    everyone = ["me", "friend", "stranger", "blocker", "blocked", "leaver", "nobody"]
    assert_same_answers(client, BY_INDEX, BY_NEO4J, "name",
                        [{"as_": "me"}, {"as_": "friend"}, {}, {"admin": True}], everyone)
    seen_by_me = {p for p in everyone if client.data(BY_INDEX, {"id": p}, as_="me")["person"]}
    assert seen_by_me == {"me", "friend", "stranger"}  # blocks either way, deletion and unknown ids hide


def test_a_lookup_of_id_only_fields_reads_no_person_from_neo4j(client: GraphQLClient, graph_db: neo4j.Driver,
                                                               service: ServiceThread) -> None:
    draw_graph(graph_db, ["me", "friend"], connections=[("me", "friend")])
    answer, reads = neo4j_reads(service, client, "query ($id: ID!) { person(id: $id) { id degree } }",
                                "friend", "me")
    assert answer == {"person": {"id": "friend", "degree": 1}} and reads["people_by_ids"] == 0
    answer, reads = neo4j_reads(service, client, BY_NEO4J, "friend", "me")
    assert answer["person"]["name"] == "Friend" and reads["people_by_ids"] == 1


def test_a_relationship_asking_no_pair_state_answers_as_the_stored_one_does(
        client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    draw_graph(graph_db, ["me", "friend", "other", "stranger", "blocker", "blocked", "leaver"],
               connections=[("me", "friend"), ("me", "other"), ("friend", "other"), ("friend", "stranger"),
                            ("other", "stranger"), ("blocker", "friend")],
               blocks=[("blocker", "me"), ("me", "blocked")])
    assert client.data("mutation { deleteAccount(personId: \"leaver\") }", as_="leaver")["deleteAccount"]
    everyone = ["me", "friend", "other", "stranger", "blocker", "blocked", "leaver", "nobody"]
    assert_same_answers(client, REL_BY_INDEX, REL_BY_NEO4J, "stored",
                        [{"as_": "me"}, {"as_": "friend"}, {"as_": "blocker"}, {"admin": True}], everyone)
    answers = {p: client.data(REL_BY_INDEX, {"id": p}, as_="me")["person"] for p in everyone}
    assert {p for p, found in answers.items() if found} == {"me", "friend", "other", "stranger"}
    assert answers["stranger"]["relationship"] == {"__typename": "Relationship", "mutualConnectionCount": 2,
                                                   "degree": 2}
    assert client.error_code(REL_BY_INDEX, {"id": "friend"}) == "UNAUTHENTICATED"


def test_a_relationship_asking_no_pair_state_reads_nothing_of_the_pair_from_neo4j(
        client: GraphQLClient, graph_db: neo4j.Driver, service: ServiceThread) -> None:
    draw_graph(graph_db, ["me", "friend", "other"], connections=[("me", "friend"), ("friend", "other")])
    answer, reads = neo4j_reads(service, client, REL_BY_INDEX, "other", "me")
    assert reads == {"people_by_ids": 0, "relationship_states": 0}
    assert answer["person"]["relationship"]["mutualConnectionCount"] == 1
    answer, reads = neo4j_reads(service, client, REL_BY_NEO4J, "other", "me")
    assert reads == {"people_by_ids": 1, "relationship_states": 1}
    assert answer["person"]["stored"] == {"following": False}
