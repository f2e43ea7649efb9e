"""A person's (or post's) selected fields start while the lookup is in flight (service/api/prefetch.py).
What a client sees must not change: hidden people stay null with nothing leaking, refusals keep their
codes and land on the field they belong to, and every answer is the one the field alone gives."""

from __future__ import annotations

import asyncio
import gc
import logging
import time

import neo4j
import pytest
import strawberry

from service.api import prefetch
from tests.conftest import GraphQLClient
from tests.graphs import draw_graph

EVERYTHING = """query($id: ID!) { person(id: $id) {
  id degree followerCount connectionCount reach { followers connections secondDegree }
  mutualConnections(first: 2) { totalCount edges { node { id } } }
  relationship { connected mutualConnectionCount }
} }"""
SUGGESTIONS = """query($id: ID!) { person(id: $id) { degree
  ... on Person { suggestions(first: 5) { person { id } mutualConnectionCount } } } }"""


@pytest.fixture
def graph(graph_db: neo4j.Driver) -> neo4j.Driver:
    #   ada - bob - cyd      eve blocks ada; dan follows ada
    #    \    |
    #     `- dan
    draw_graph(graph_db, ["ada", "bob", "cyd", "dan", "eve"],
               connections=[("ada", "bob"), ("bob", "cyd"), ("ada", "dan"), ("bob", "dan")],
               follows=[("dan", "ada")], blocks=[("eve", "ada")],
               posts=[("p1", "ada", "PUBLIC", 1)])
    return graph_db


def test_answers_with_everything_started_early_are_the_fields_own(client: GraphQLClient,
                                                                   graph: neo4j.Driver) -> None:
    person = client.data(EVERYTHING, {"id": "cyd"}, as_="ada")["person"]
    assert person["degree"] == 2
    assert person["mutualConnections"] == {"totalCount": 1, "edges": [{"node": {"id": "bob"}}]}
    assert person["relationship"] == {"connected": False, "mutualConnectionCount": 1}
    assert person["reach"] == {"followers": 0, "connections": 1, "secondDegree": 2}
    own = client.data(EVERYTHING, {"id": "ada"}, as_="ada")["person"]
    assert own["followerCount"] == 1 and own["connectionCount"] == 2
    mine = client.data(SUGGESTIONS, {"id": "ada"}, as_="ada")["person"]
    assert mine == {"degree": 0, "suggestions": [{"person": {"id": "cyd"}, "mutualConnectionCount": 1}]}


def test_a_hidden_person_stays_null_and_what_started_for_them_leaves_no_trace(
        client: GraphQLClient, graph: neo4j.Driver, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        assert client.execute(EVERYTHING, {"id": "eve"}, as_="ada") == {"data": {"person": None}}
        assert client.execute(SUGGESTIONS, {"id": "eve"}, as_="ada") == {"data": {"person": None}}
        # asyncio says "never retrieved" when a dropped answer is collected: let them finish and go
        time.sleep(0.5)
        gc.collect()
    assert not [r for r in caplog.records if "never retrieved" in r.getMessage()]


def test_refusals_keep_their_codes_on_their_own_fields(client: GraphQLClient, graph: neo4j.Driver) -> None:
    # suggestions are the person's alone: FORBIDDEN for bob asking about cyd
    body = client.execute(SUGGESTIONS, {"id": "cyd"}, as_="bob")
    refused = [(e["path"][-1], e["extensions"]["code"]) for e in body["errors"]]
    assert refused == [("suggestions", "FORBIDDEN")]

    bad_page = "query { person(id: \"cyd\") { degree mutualConnections(first: 1000) { totalCount } } }"
    assert client.error_code(bad_page, as_="ada") == "BAD_USER_INPUT"

    anonymous = client.execute("query { person(id: \"cyd\") { id degree } }")
    assert [e["extensions"]["code"] for e in anonymous["errors"]] == ["UNAUTHENTICATED"]


def test_a_post_field_started_early_is_the_fields_own(client: GraphQLClient, graph: neo4j.Driver) -> None:
    post = client.data("{ post(id: \"p1\") { audienceSize shareCount } }", as_="ada")["post"]
    assert post == {"audienceSize": 2, "shareCount": 0}
    assert client.data("{ post(id: \"p1\") { audienceSize } }", as_="eve") == {"post": None}


# How start() reads the request (Strawberry's public Info alone): a schema built here, no database --

@strawberry.type
class Thing:
    id: str

    @strawberry.field
    def size(self, first: int | None = 5, label: str | None = None) -> int:
        return 0

    @strawberry.field
    def name(self) -> str:
        return self.id


@pytest.mark.parametrize(("query", "variables", "started"), [
    ("{ thing { size } }", {}, {"first": 5, "label": None}),
    ("{ thing { size(first: 2, label: \"x\") } }", {}, {"first": 2, "label": "x"}),  # literals
    ("query ($n: Int) { thing { size(first: $n) } }", {"n": 3}, {"first": 3, "label": None}),
    # a variable left out arrives as null (the resolver gets the default; starters read None as it)
    ("query ($n: Int) { thing { size(first: $n) } }", {}, {"first": None, "label": None}),
    ("{ thing { ... on Thing { size(first: 4) } } }", {}, {"first": 4, "label": None}),
    ("{ thing { ...Sized } } fragment Sized on Thing { size(first: 6) }", {}, {"first": 6, "label": None}),
    ("{ thing { name } }", {}, None),
], ids=["defaults", "literals", "variable", "unset-variable", "inline-fragment", "fragment", "no-starter"])
def test_a_starter_gets_the_arguments_its_resolver_gets(query: str, variables: dict[str, object],
                                                        started: dict[str, object] | None) -> None:
    seen: list[dict[str, object]] = []

    async def record(ctx: object, thing_id: str, arguments: dict[str, object]) -> None:
        seen.append(arguments)

    @strawberry.type
    class Query:
        @strawberry.field
        async def thing(self, info: strawberry.Info) -> Thing:
            prefetch.start(info, "Thing", "t1", {"size": record})
            await asyncio.sleep(0)  # the starter runs
            return Thing(id="t1")

    answer = asyncio.run(strawberry.Schema(query=Query).execute(query, variable_values=variables))
    assert not answer.errors
    assert seen == ([] if started is None else [started])
