"""People through GraphQL over HTTP: create (admin only), read back, counts, ids."""

from __future__ import annotations

import neo4j

from tests.conftest import GraphQLClient

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
