"""Helpers for relationship tests over GraphQL: call the relationship mutations, read
``person.relationship``, and write down the Relationship a test expects. (Graphs are drawn with
``tests/graphs.py``.)"""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient

RELATIONSHIP_FIELDS = """
  person { id }
  following followedBy connected requestSent requestReceived blocking blockedBy canMessage
"""

ALL_FALSE = {"following": False, "followedBy": False, "connected": False, "requestSent": False,
             "requestReceived": False, "blocking": False, "blockedBy": False, "canMessage": False}


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
