"""Parsed and validated documents are cached (a third of the CPU per request otherwise); a document
the cache has seen must still answer for its own variables and still be refused when it breaks a rule."""

from __future__ import annotations

import neo4j

from service.api.limits import DEFAULT_LIMITS
from tests.conftest import GraphQLClient

PERSON = "query ($id: ID!) { person(id: $id) { id name } }"


def test_one_document_with_different_variables_answers_each(client: GraphQLClient,
                                                            graph_db: neo4j.Driver) -> None:
    graph_db.execute_query("""
        UNWIND [['ada', 'Ada'], ['alan', 'Alan']] AS p
        CREATE (:Person {id: p[0], name: p[1], createdAt: datetime(),
                         connectionsVisibility: 'PUBLIC', followPolicy: 'EVERYONE'})""")
    for _ in range(2):
        assert client.data(PERSON, {"id": "ada"}, as_="alan")["person"] == {"id": "ada", "name": "Ada"}
        assert client.data(PERSON, {"id": "alan"}, as_="ada")["person"] == {"id": "alan", "name": "Alan"}


def test_a_refused_document_is_refused_every_time(client: GraphQLClient) -> None:
    aliases = DEFAULT_LIMITS.max_aliases + 1
    too_many_aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(aliases)) + " }"
    unknown_field = "{ nosuchfield }"
    too_many_tokens = "{ " + "__typename " * DEFAULT_LIMITS.max_tokens + "}"
    for _ in range(3):
        assert client.error_code(too_many_aliases) == "LIMIT_EXCEEDED"
        assert client.error_code(unknown_field) == "BAD_USER_INPUT"
        assert client.error_code(too_many_tokens) == "LIMIT_EXCEEDED"
