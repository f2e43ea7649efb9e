"""The domain's errors. Every failure a caller can act on is one of these.

    TiesError                     code            when
    ├── Unauthenticated           UNAUTHENTICATED  no or bad token where one is needed
    ├── Forbidden                 FORBIDDEN        signed in, but not allowed (privacy, blocks)
    ├── NotFound                  NOT_FOUND        unknown id, or nothing pending to act on
    ├── BadUserInput              BAD_USER_INPUT   malformed or impossible input (yourself, too long)
    ├── Conflict                  CONFLICT         the graph is already in a state that forbids it
    ├── LimitExceeded             LIMIT_EXCEEDED   a rate or size limit was hit
    └── Unavailable               UNAVAILABLE      the database cannot be reached

Neo4j's own exceptions are translated into these once, in ``service.graph`` (by the table in
``service.driver_errors``); the GraphQL layer turns a TiesError into an error with
``extensions.code`` and masks everything else.
"""

from __future__ import annotations


class TiesError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, *, extensions: dict[str, str] | None = None) -> None:
        """``extensions``: more for a client to act on, sent beside ``code`` (a limit's ``retryAt``)."""
        super().__init__(message)
        self.message = message
        self.extensions = extensions or {}


class Unauthenticated(TiesError):
    code = "UNAUTHENTICATED"


class Forbidden(TiesError):
    code = "FORBIDDEN"


class NotFound(TiesError):
    code = "NOT_FOUND"


def not_in_network(person_id: str) -> NotFound:
    """The viewer's token names a person the graph does not hold (an account not made yet)."""
    return NotFound(f"Your account {person_id!r} is not in the network; ask an admin to create it.")


class BadUserInput(TiesError):
    code = "BAD_USER_INPUT"


class Conflict(TiesError):
    code = "CONFLICT"


class LimitExceeded(TiesError):
    code = "LIMIT_EXCEEDED"


class Unavailable(TiesError):
    code = "UNAVAILABLE"
