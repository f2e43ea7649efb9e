"""Per-operation metrics: latency by operation name and type, errors by code (``service.metrics``).

Only the operation hook is used, never the per-field one, so the cost is one clock read and two
observations per request whatever the query asks for.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from service import metrics
from service.logs import current_request


def observe(operation: str | None, kind: str, seconds: float, errors: Sequence[GraphQLError] | None) -> None:
    """One operation's latency, its errors by code (as the client gets them), and its name for the
    access log. ``kind``: query, mutation, subscription, or "invalid" (the document did not parse)."""
    name = metrics.operation_label(operation)
    metrics.labelled(metrics.OPERATION_SECONDS, name, kind).observe(seconds)
    for error in errors or ():
        metrics.labelled(metrics.GRAPHQL_ERRORS, (error.extensions or {}).get("code", "UNKNOWN")).inc()
    if (request := current_request.get()) is not None:
        request.operation = name


class OperationMetrics(SchemaExtension):
    """Must come before ``ErrorCodes`` in the schema's extensions, so it sees the final codes."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except RuntimeError:  # the document did not parse
            kind = "invalid"
        result = context.result
        observe(context.operation_name, kind, time.perf_counter() - started,
                result.errors if result is not None else None)
