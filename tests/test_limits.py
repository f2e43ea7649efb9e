"""Per-document limits: depth, aliases and size fail with LIMIT_EXCEEDED naming the limit;
introspection always passes."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import get_introspection_query

from service.api.errors import ErrorCodes
from service.api.limits import DEFAULT_LIMITS, QueryLimits
from tests.conftest import GraphQLClient


@strawberry.type
class Node:
    name: str = "n"

    @strawberry.field
    def child(self) -> Node:
        return Node()


@strawberry.type
class Query:
    @strawberry.field
    def root(self) -> Node:
        return Node()


#: A tiny schema that nests without end, to reach depths the real schema may not have yet.
nested = strawberry.Schema(query=Query, extensions=[QueryLimits, ErrorCodes])


def nested_query(depth: int) -> str:
    """``{ root { child { ... name } } }`` with ``depth`` fields on the longest path."""
    return "{ root { " + "child { " * (depth - 2) + "name" + " }" * (depth - 1) + " }"


def errors_of(schema: strawberry.Schema, query: str) -> list[dict[str, Any]]:
    result = schema.execute_sync(query)
    return [{"message": e.message, "code": (e.extensions or {}).get("code")} for e in result.errors or []]


def test_a_query_at_the_depth_limit_runs_and_one_deeper_is_refused() -> None:
    limit = DEFAULT_LIMITS.max_depth
    assert errors_of(nested, nested_query(limit)) == []

    [error] = errors_of(nested, nested_query(limit + 1))
    assert error["code"] == "LIMIT_EXCEEDED"
    assert f"{limit + 1} fields deep; the limit is {limit}" in error["message"]


def test_depth_counts_through_fragments_and_a_fragment_bomb_is_refused_quickly() -> None:
    deep = ("{ root { ...A } } fragment A on Node { child { ...B } } "
            "fragment B on Node { child { " + "child { " * 12 + "name" + " }" * 13 + " }")
    assert errors_of(nested, deep)[0]["code"] == "LIMIT_EXCEEDED"

    # Each fragment spreads the next twice under an alias: 2**30 aliases if expanded naively.
    fragments = " ".join(f"fragment F{i} on Node {{ a: child {{ ...F{i + 1} }} b: child {{ ...F{i + 1} }} }}"
                         for i in range(30))
    bomb = "{ root { ...F0 } } " + fragments + " fragment F30 on Node { name }"
    codes = {e["code"] for e in errors_of(nested, bomb)}
    assert "LIMIT_EXCEEDED" in codes


def test_too_many_aliases_are_refused_over_http(client: GraphQLClient) -> None:
    limit = DEFAULT_LIMITS.max_aliases
    fine = "{ " + " ".join(f"a{i}: __typename" for i in range(limit)) + " }"
    assert len(client.data(fine)) == limit

    body = client.execute("{ " + " ".join(f"a{i}: __typename" for i in range(limit + 1)) + " }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert f"{limit + 1} aliases; the limit is {limit}" in error["message"]


def test_too_many_tokens_are_refused_over_http(client: GraphQLClient) -> None:
    limit = DEFAULT_LIMITS.max_tokens
    huge = "{ " + "__typename " * limit + "}"
    [error] = client.execute(huge)["errors"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert f"more than {limit} tokens" in error["message"]


def test_comment_padding_and_huge_documents_are_refused(client: GraphQLClient) -> None:
    comments = "#\n" * (DEFAULT_LIMITS.max_comments + 1) + "{ __typename }"
    assert client.error_code(comments) == "LIMIT_EXCEEDED"
    long_name = "{ " + "x" * (DEFAULT_LIMITS.max_characters + 1) + " }"
    assert client.error_code(long_name) == "LIMIT_EXCEEDED"


def test_full_introspection_passes_every_limit(client: GraphQLClient) -> None:
    query = get_introspection_query(descriptions=True, specified_by_url=True, directive_is_repeatable=True,
                                    schema_description=True, input_value_deprecation=True)
    schema = client.data(query)["__schema"]
    assert schema["queryType"]["name"] == "Query"
    assert errors_of(nested, query) == []


def test_pages_are_capped_at_100(client: GraphQLClient) -> None:
    client.data('mutation { createPerson(input: {id: "ada", name: "Ada"}) { id } }', admin=True)
    query = "query ($first: Int) { person(id: \"ada\") { connections(first: $first) { totalCount } } }"
    assert client.data(query, {"first": 100}, as_="ada")["person"]["connections"]["totalCount"] == 0
    body = client.execute(query, {"first": 101}, as_="ada")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "100" in error["message"]
