"""Helpers for relationship tests: draw people and ties straight into Neo4j, read the ties back,
and call the relationship mutations over GraphQL."""

from __future__ import annotations

from typing import Any

import neo4j

from tests.conftest import GraphQLClient

RELATIONSHIP_FIELDS = """
  person { id }
  following followedBy connected requestSent requestReceived blocking blockedBy canMessage
"""

ALL_FALSE = {"following": False, "followedBy": False, "connected": False, "requestSent": False,
             "requestReceived": False, "blocking": False, "blockedBy": False, "canMessage": False}


def people(driver: neo4j.Driver, *ids: str, visibility: str = "CONNECTIONS",
           follow_policy: str = "EVERYONE") -> None:
    """Creates people with these ids (name: the id capitalised) and these settings."""
    driver.execute_query("""
        UNWIND $ids AS id
        CREATE (:Person {id: id, name: toUpper(left(id, 1)) + substring(id, 1), createdAt: datetime(),
                         connectionsVisibility: $visibility, followPolicy: $followPolicy})""",
                         ids=list(ids), visibility=visibility, followPolicy=follow_policy)


def draw(driver: neo4j.Driver, query: str, **params: Any) -> None:
    """Runs Cypher that draws part of a test graph (people already exist; MATCH them by id)."""
    driver.execute_query(query, **params)


def connect(driver: neo4j.Driver, *pairs: tuple[str, str]) -> None:
    """Connections as accepting would leave them: one CONNECTED_TO, follows both ways."""
    draw(driver, """
        UNWIND $pairs AS pair
        MATCH (a:Person {id: pair[0]}), (b:Person {id: pair[1]})
        CREATE (a)-[:CONNECTED_TO {since: datetime()}]->(b)
        MERGE (a)-[:FOLLOWS]->(b)
        MERGE (b)-[:FOLLOWS]->(a)""",
         pairs=[list(p) for p in pairs])


def ties(driver: neo4j.Driver, rel_type: str) -> list[tuple[str, str]]:
    """Every relationship of this type as (start id, end id), sorted; duplicates kept."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Person)-[r]->(b:Person) WHERE type(r) = $type RETURN a.id AS a, b.id AS b ORDER BY a, b",
        type=rel_type)
    return [(r["a"], r["b"]) for r in records]


def mutate(client: GraphQLClient, name: str, person_id: str, *, as_: str, **args: Any) -> dict[str, Any]:
    """Calls a relationship mutation that must succeed; the Relationship it answers with."""
    result: dict[str, Any] = client.data(_mutation(name, args), {"personId": person_id, **args},
                                         as_=as_)[name]
    return result


def mutate_error(client: GraphQLClient, name: str, person_id: str, *, as_: str | None,
                 **args: Any) -> str:
    """Calls a relationship mutation that must fail; the error's code."""
    return client.error_code(_mutation(name, args), {"personId": person_id, **args}, as_=as_)


def mutate_message(client: GraphQLClient, name: str, person_id: str, *, as_: str, **args: Any) -> str:
    """The message of the one error a failing mutation returns."""
    body = client.execute(_mutation(name, args), {"personId": person_id, **args}, as_=as_)
    message: str = body["errors"][0]["message"]
    return message


_ARG_TYPES = {"message": "String", "dontKnow": "Boolean"}


def _mutation(name: str, args: dict[str, Any]) -> str:
    declared = "".join(f", ${a}: {_ARG_TYPES[a]}" for a in args)
    passed = "".join(f", {a}: ${a}" for a in args)
    return (f"mutation ($personId: ID!{declared}) "
            f"{{ {name}(personId: $personId{passed}) {{ {RELATIONSHIP_FIELDS} }} }}")


def relationship(client: GraphQLClient, person_id: str, *, as_: str) -> dict[str, Any]:
    """``person(id).relationship`` as ``as_`` sees it."""
    query = f"query ($id: ID!) {{ person(id: $id) {{ relationship {{ {RELATIONSHIP_FIELDS} }} }} }}"
    data = client.data(query, {"id": person_id}, as_=as_)
    result: dict[str, Any] = data["person"]["relationship"]
    return result


def expect(person_id: str, **true: bool) -> dict[str, Any]:
    """A Relationship with ``person_id`` where only the named fields are true."""
    return {"person": {"id": person_id}, **ALL_FALSE, **true}
