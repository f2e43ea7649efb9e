"""Neo4j's exceptions become the domain's by their class (``driver_errors.TRANSLATED``), whatever
their text says. Pure: no database."""

from __future__ import annotations

import neo4j
import pytest

from service import driver_errors


@pytest.mark.parametrize(("raised", "code", "said"), [
    (neo4j.exceptions.IncompleteCommit("Failed to read from defunct connection during commit"),
     "UNAVAILABLE", "may or may not have been saved"),
    (neo4j.exceptions.ConstraintError("Node(7) already exists with label `Person`"), "CONFLICT",
     "already exists"),
    (neo4j.exceptions.AuthError("The client is unauthorized due to authentication failure."),
     "UNAVAILABLE", "refuses this service's credentials"),
    (neo4j.exceptions.TokenExpired("Token expired"), "UNAVAILABLE", "refuses this service's credentials"),
    (neo4j.exceptions.ServiceUnavailable("Couldn't connect to 127.0.0.1:7687"), "UNAVAILABLE",
     "unavailable right now"),
    (neo4j.exceptions.SessionExpired("Failed to read from defunct connection"), "UNAVAILABLE",
     "unavailable right now"),
    (neo4j.exceptions.DatabaseUnavailable("The database is starting"), "UNAVAILABLE",
     "unavailable right now"),
    (neo4j.exceptions.ConnectionAcquisitionTimeoutError("no connection within 5 s"), "UNAVAILABLE",
     "unavailable right now"),
    (TimeoutError(), "UNAVAILABLE", "unavailable right now"),
], ids=lambda value: type(value).__name__ if isinstance(value, BaseException) else None)
def test_driver_exceptions_become_domain_errors_by_their_class(raised: BaseException, code: str,
                                                               said: str) -> None:
    error = driver_errors.translated(raised)
    assert error is not None and error.code == code and said in error.message


@pytest.mark.parametrize("raised", [
    neo4j.exceptions.CypherSyntaxError("Invalid input 'connect'"),  # says "connect", is a bug
    neo4j.exceptions.DriverError("Failed to connect: the result was consumed"),
    neo4j.exceptions.ResultConsumedError("The result is out of scope"),
    ValueError("connection"),
], ids=lambda value: type(value).__name__)
def test_other_exceptions_pass_through_whatever_their_text_says(raised: BaseException) -> None:
    assert driver_errors.translated(raised) is None  # the API masks them as internal errors


def test_a_later_row_never_shadows_an_earlier_subclass() -> None:
    """A class listed after one of its own parents would never be reached."""
    kinds = [kind for kind, _ in driver_errors.TRANSLATED]
    for i, kind in enumerate(kinds):
        assert not any(issubclass(kind, earlier) for earlier in kinds[:i]), kind
