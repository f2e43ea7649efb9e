"""The API's one error boundary: domain errors get their code, everything else is masked.

Each GraphQL error leaves with ``extensions.code``: a domain error's own code (SPEC R17); a
document over one of the limits in ``service.api.limits`` LIMIT_EXCEEDED; other errors in the
request itself (syntax, unknown fields, wrong variable types) BAD_USER_INPUT; and any other
exception "Internal error." with INTERNAL_SERVER_ERROR, its details kept for the server's log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from service.api.limits import LIMIT_EXCEEDED, is_parser_limit
from service.errors import TiesError

log = logging.getLogger("ties.api")

INTERNAL_MESSAGE = "Internal error. It has been logged; try again, and tell us if it persists."


def coded(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, TiesError):
        code, message = original.code, original.message
    elif original is None and is_parser_limit(error):
        code, message = LIMIT_EXCEEDED, f"{error.message} Split the query into several requests."
    elif original is None:
        code, message = (error.extensions or {}).get("code", "BAD_USER_INPUT"), error.message
    elif isinstance(original, GraphQLError):
        # the request itself is wrong: a variable of the wrong type, or an enum value that does
        # not exist (graphql-core wraps those in a GraphQLError of its own)
        code, message = "BAD_USER_INPUT", error.message
    else:
        log.error("internal error at %s", error.path, exc_info=original)
        code, message = "INTERNAL_SERVER_ERROR", INTERNAL_MESSAGE
    return GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, extensions={**(error.extensions or {}), "code": code})


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [coded(error) for error in result.errors]
