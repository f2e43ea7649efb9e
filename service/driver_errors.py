"""Neo4j's exceptions, by class, as the domain's errors (the model: httpx's ``_exceptions.py``).

The table alone: ``service/graph.py``, the driver boundary, raises what ``translated`` makes of an
exception from any driver call, chained to it (``raise ... from``), and lets the rest through for
the API to mask as internal. Kept apart so the table reads, and is tested, as one piece.
"""

from __future__ import annotations

import neo4j.exceptions

from service.errors import Conflict, TiesError, Unavailable

UNAVAILABLE_MESSAGE = "The graph database is unavailable right now; try again in a few seconds."

#: The first row an exception is an instance of decides, so a class comes before its parents; one
#: of none of them (a Cypher error, a bug) leaves as it is, and the API masks it as internal.
TRANSLATED: tuple[tuple[type[BaseException], TiesError], ...] = (
    # The connection broke during COMMIT: the write may or may not have happened, so "try again"
    # alone could make it twice. (A ServiceUnavailable, so it comes first.)
    (neo4j.exceptions.IncompleteCommit, Unavailable(
        "The database lost the connection while saving this change, so it may or may not have been "
        "saved; look before you try again.")),
    # A unique id already taken.
    (neo4j.exceptions.ConstraintError, Conflict("That already exists.")),
    # The database refuses the service's own credentials (TokenExpired too): no caller can fix it.
    (neo4j.exceptions.AuthError, Unavailable(
        "The graph database refuses this service's credentials; try again later (its operators "
        "must fix them).")),
    # The database cannot be reached, or still fails once retries are spent (starting, stopping, a
    # deadlock that kept coming back); no free pooled connection; a call past its deadline.
    (neo4j.exceptions.ServiceUnavailable, Unavailable(UNAVAILABLE_MESSAGE)),
    (neo4j.exceptions.SessionExpired, Unavailable(UNAVAILABLE_MESSAGE)),
    (neo4j.exceptions.TransientError, Unavailable(UNAVAILABLE_MESSAGE)),
    (neo4j.exceptions.ConnectionPoolError, Unavailable(UNAVAILABLE_MESSAGE)),
    (TimeoutError, Unavailable(UNAVAILABLE_MESSAGE)),
)


def translated(exc: BaseException) -> TiesError | None:
    """The domain error ``exc`` stands for (a fresh one each time), or None to let it through."""
    for kind, error in TRANSLATED:
        if isinstance(exc, kind):
            return type(error)(error.message)
    return None
