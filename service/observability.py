"""Around every HTTP request: an id (``X-Request-ID`` in and out), a latency metric, one access log line.

A plain ASGI middleware (no per-request objects beyond one small dataclass), so it costs a few
microseconds: the benchmark compares GraphQL with the raw driver and this must not show up there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Collection

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import metrics
from service.logs import RequestInfo, current_request, request_id_from

log = logging.getLogger("ties.access")

REQUEST_ID = b"x-request-id"
#: Methods counted by name; any other (a client may send anything) counts as "other".
METHODS = frozenset({"GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})


class RequestObserver:
    """Gives each request an id, and counts, times and logs it once it is answered."""

    def __init__(self, app: ASGIApp, routes: Collection[str], mounts: Collection[str] = ()) -> None:
        """``routes`` and ``mounts`` (path prefixes) name the metric's routes; any other path is "other"."""
        self.app = app
        self.routes = frozenset(routes)
        self.mounts = tuple(f"{mount}/" for mount in mounts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next((v for k, v in scope["headers"] if k == REQUEST_ID), None)
        info = RequestInfo(request_id_from(header.decode("latin-1") if header else None))
        token = current_request.set(info)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (REQUEST_ID, info.id.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            path: str = scope["path"]
            method = scope["method"] if scope["method"] in METHODS else "other"
            route = path if path in self.routes else next(
                (mount[:-1] for mount in self.mounts if path.startswith(mount)), "other")
            metrics.labelled(metrics.HTTP_REQUESTS, method, route, str(status)).inc()
            metrics.labelled(metrics.HTTP_SECONDS, route).observe(seconds)
            log.info("%s %s %s", scope["method"], path, status,
                     extra={"method": scope["method"], "path": path, "status": status,
                            "duration_ms": round(seconds * 1000, 2), "operation": info.operation})
            current_request.reset(token)


def metrics_endpoint(multiprocess_dir: str | None) -> Callable[[Request], Awaitable[Response]]:
    """``/metrics``: every worker's numbers when they share ``multiprocess_dir``, else this process's."""

    async def serve_metrics(request: Request) -> Response:
        body, content_type = metrics.exposition(multiprocess_dir)
        return Response(body, media_type=content_type)

    return serve_metrics
