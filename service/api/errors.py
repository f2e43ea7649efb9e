"""The API's one error boundary: domain errors get their code, everything else is masked.

Each GraphQL error leaves with ``extensions.code``: a domain error's own code (SPEC R17); a
document over one of the limits in ``service.api.limits`` LIMIT_EXCEEDED; other errors in the
request itself (syntax, unknown fields, wrong variable types) BAD_USER_INPUT; and any other
exception "Internal error." with INTERNAL_SERVER_ERROR, its details kept for the server's log.

Each error is coded and logged here, once (Strawberry's own logging is off, ``service.api.schema``): an
expected refusal as one INFO line (code, operation, path, request id), no traceback; anything else
as one ERROR line with the traceback, and the client's message names the request id to quote.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult, StreamExecutionResult

from service.api.limits import LIMIT_EXCEEDED, is_parser_limit
from service.errors import TiesError
from service.logs import current_request

log = logging.getLogger("ties.api")

INTERNAL_MESSAGE = "Internal error. It has been logged; try again, and tell us if it persists."


def coded(error: GraphQLError, operation: str | None = None) -> GraphQLError:
    """The error as the client sees it, logged once: a refusal at INFO, anything unexpected at ERROR."""
    original = error.original_error
    request = current_request.get()
    fields = {"operation": operation, "field": error.path, "request_id": request.id if request else None}
    extensions = dict(error.extensions or {})
    if isinstance(original, TiesError):
        code, message = original.code, original.message
        extensions.update(original.extensions)
    elif original is None and is_parser_limit(error):
        code, message = LIMIT_EXCEEDED, f"{error.message} Split the query into several requests."
    elif original is None:
        code, message = (error.extensions or {}).get("code", "BAD_USER_INPUT"), error.message
    elif isinstance(original, GraphQLError):
        # the request itself is wrong: a variable of the wrong type, or an enum value that does
        # not exist (graphql-core wraps those in a GraphQLError of its own)
        code, message = "BAD_USER_INPUT", error.message
    else:
        code, message = "INTERNAL_SERVER_ERROR", f"{INTERNAL_MESSAGE} Request id: {fields['request_id']}."
        log.error("internal error in %s at %s", operation, error.path, exc_info=original,
                  extra={"code": code, **fields})
        return GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                            path=error.path, extensions={"code": code, "requestId": fields["request_id"]})
    # Expected: the caller can act on it. A database that is down is worth a warning, still no traceback.
    log.log(logging.WARNING if code == "UNAVAILABLE" else logging.INFO, "refused %s: %s", code, message,
            extra={"code": code, **fields})
    return GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, extensions={**extensions, "code": code})


class ErrorCodes(SchemaExtension):
    """Codes every error once: a request's at the end of its operation; what a WebSocket streams (a
    subscription's events, a query sent over it) result by result, as it leaves."""

    _streamed = False

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors and not self._streamed:
            operation = self.execution_context.operation_name
            result.errors = [coded(error, operation) for error in result.errors]

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        self._streamed = True
        if isinstance(result, ExecutionResult) and result.errors:
            operation = self.execution_context.operation_name
            result.errors = [coded(error, operation) for error in result.errors]
        yield
