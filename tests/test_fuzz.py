"""Bad input, generated from the schema itself (hypothesis-graphql): valid and invalid queries and
mutations, as every kind of caller, against the running service over HTTP. Whatever comes in, the
answer is a GraphQL response with an R17 code on each error: never a server error, never an
internal error, never a stack trace.

Derandomized, so the suite runs the same examples each time (a red CI means a real regression);
``TIES_FUZZ_EXAMPLES=2000 TIES_FUZZ_RANDOM=1 make test PYTEST_ARGS=tests/test_fuzz.py`` explores more.
"""

from __future__ import annotations

import os
from typing import Any

import graphql
import httpx
import neo4j
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from service.api.schema import schema
from service.identity import issue_token
from tests.conftest import TEST_SECRET, GraphQLClient
from tests.test_authorization import ROLES, draw_network

R17 = {"UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT", "CONFLICT", "LIMIT_EXCEEDED",
       "UNAVAILABLE"}
LEAKS = ("Traceback", 'File "', "neo4j.exceptions", "Exception", "site-packages")
EXAMPLES = int(os.environ.get("TIES_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize=not os.environ.get("TIES_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])

SDL = schema.as_str()
KNOWN_IDS = ["owner", "stranger", "follower", "connection", "blocked", "pub", "conn", "cpub", "cconn", "conv",
             "convb", "m1", "mb"]
#: IDs are mostly people, posts, comments, conversations and messages that exist, so the fuzz reaches
#: the rules and not only NOT_FOUND.
IDS = st.one_of(st.sampled_from(KNOWN_IDS), st.text(max_size=20)).map(
    lambda value: graphql.StringValueNode(value=value))
#: Strings are often the network's skill (any case), so endorsing, hiding and removing reach their rules.
STRINGS = st.one_of(st.sampled_from(["Python", "python", "PYTHON "]), st.text(max_size=20)).map(
    lambda value: graphql.StringValueNode(value=value))
SCALARS = {"ID": IDS, "String": STRINGS}
DOCUMENTS = st.one_of(
    from_schema(SDL, custom_scalars=SCALARS, mode=Mode.POSITIVE),
    from_schema(SDL, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
)

#: The root fields of reactions and comments (R20-R24), fuzzed apart as well: the whole schema's
#: documents reach them only now and then.
INTERACTIONS = ["post", "comment", "reactToPost", "removePostReaction", "reactToComment",
                "removeCommentReaction", "addComment", "replyToComment", "editComment", "deleteComment",
                "setCommentPolicy"]
INTERACTION_DOCUMENTS = st.one_of(
    from_schema(SDL, fields=INTERACTIONS, custom_scalars={"ID": IDS}, mode=Mode.POSITIVE),
    from_schema(SDL, fields=INTERACTIONS, custom_scalars={"ID": IDS}, mode=Mode.NEGATIVE),
)


def headers_for(role: str) -> dict[str, str]:
    if role == "anonymous":
        return {}
    if role == "bad token":
        return {"Authorization": "Bearer not.a.token"}
    return {"Authorization": f"Bearer {issue_token(TEST_SECRET, role, admin=role == 'admin')}"}


def check(response: httpx.Response) -> None:
    assert response.status_code in (200, 400), response.text
    body: dict[str, Any] = response.json()
    assert set(body) <= {"data", "errors", "extensions"}, body
    for error in body.get("errors", []):
        assert error["extensions"]["code"] in R17, error
        assert not any(leak in error["message"] for leak in LEAKS), error
        assert set(error) <= {"message", "locations", "path", "extensions"}, error
        assert set(error["extensions"]) == {"code"}, error


@FUZZ
@given(document=DOCUMENTS, role=st.sampled_from([*ROLES, "bad token"]))
def test_generated_documents_never_break_the_service(client: GraphQLClient, graph_db: neo4j.Driver,
                                                     document: str, role: str) -> None:
    if not graph_db.execute_query("MATCH (p:Person {id: 'owner'}) RETURN p").records:
        # once per test run, and again whenever deleteAccount took the owner away
        graph_db.execute_query("MATCH (n) DETACH DELETE n")
        draw_network(graph_db)  # mutations then change it as they may
    check(client.http.post("/graphql", json={"query": document}, headers=headers_for(role)))


@FUZZ
@given(document=INTERACTION_DOCUMENTS, role=st.sampled_from([*ROLES, "bad token"]))
def test_generated_interaction_documents_never_break_the_service(
        client: GraphQLClient, graph_db: neo4j.Driver, document: str, role: str) -> None:
    if not graph_db.execute_query("MATCH (c:Comment {id: 'cpub'}) RETURN c").records:
        # once per test run, and again whenever a mutation took the comments or their post away
        graph_db.execute_query("MATCH (n) DETACH DELETE n")
        draw_network(graph_db)
    check(client.http.post("/graphql", json={"query": document}, headers=headers_for(role)))


@FUZZ
@given(variables=st.dictionaries(st.sampled_from(["personId", "first", "after", "input", "message"]),
                                 st.one_of(st.none(), st.integers(), st.text(max_size=30),
                                           st.lists(st.integers(), max_size=3),
                                           st.dictionaries(st.text(max_size=10), st.text(max_size=10)))),
       role=st.sampled_from(ROLES))
def test_variables_of_the_wrong_shape_are_bad_user_input(client: GraphQLClient, variables: dict[str, Any],
                                                         role: str) -> None:
    query = ("query ($personId: ID!, $first: Int, $after: String) { person(id: $personId) { "
             "connections(first: $first, after: $after) { totalCount } } }")
    check(client.http.post("/graphql", json={"query": query, "variables": variables},
                           headers=headers_for(role)))
