"""Per-operation metrics: latency by operation name and type, errors by code (``service.metrics``).

Only the operation hook is used, never the per-field one, so the cost is one clock read and two
observations per request whatever the query asks for.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from service import metrics
from service.logs import current_request


class OperationMetrics(SchemaExtension):
    """Must come before ``ErrorCodes`` in the schema's extensions, so it sees the final codes."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        name = metrics.operation_label(context.operation_name)
        try:
            kind = context.operation_type.value
        except RuntimeError:  # the document did not parse
            kind = "invalid"
        metrics.labelled(metrics.OPERATION_SECONDS, name, kind).observe(time.perf_counter() - started)
        result = context.result
        for error in (result.errors or []) if result is not None else []:
            metrics.labelled(metrics.GRAPHQL_ERRORS, (error.extensions or {}).get("code", "UNKNOWN")).inc()
        if (request := current_request.get()) is not None:
            request.operation = name
