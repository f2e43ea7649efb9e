"""Settings through GraphQL over HTTP: updateSettings, and Person.settings for its owner alone."""

from __future__ import annotations

import neo4j

from tests.conftest import GraphQLClient
from tests.graphs import draw_people

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
