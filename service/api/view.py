"""The GraphQL endpoint over HTTP: Strawberry's ASGI view, made to follow the GraphQL over HTTP spec
to the letter, and serving a GraphiQL that needs no network beyond this service.

- A client that accepts ``application/graphql-response+json`` gets that media type, and a request
  that never ran (it did not parse or validate, or its variables did not fit) gets status 400 and
  no ``data`` entry, so a client can tell "bad request" from "partial result" by status alone.
  Clients that accept only ``application/json`` (or send no Accept) get the legacy behaviour:
  status 200 with ``data`` present. ``graphql-http``'s server audit checks all of this
  (``tests/test_http_conformance.py``).
- GraphiQL's page loads its scripts and styles from ``/static/graphiql/`` (vendored from npm by
  ``make graphiql``), never from a CDN: it works on a laptop with no internet.
"""

from __future__ import annotations

from pathlib import Path

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from service.api.context import Context

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
GRAPHIQL_PAGE = (STATIC_DIR / "graphiql.html").read_text(encoding="utf-8")


def accepts_graphql_response_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return GRAPHQL_RESPONSE_JSON in accept and f"{GRAPHQL_RESPONSE_JSON};q=0" not in accept.replace(" ", "")


def never_ran(result: ExecutionResult) -> bool:
    """A request error (parse, validation, variable coercion): no data, no error at a field path."""
    return result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or [])


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's view with spec status codes and media types, and an offline GraphiQL."""

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = process_result(result)
        if accepts_graphql_response_json(request):
            request.state.media_type = GRAPHQL_RESPONSE_JSON
            if never_ran(result):
                response.pop("data", None)
                request.state.status_code = 400
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        response: Response
        try:
            response = await self.run(request)
        except HTTPException as exc:
            response = PlainTextResponse(exc.reason, status_code=exc.status_code)
        if media_type := getattr(request.state, "media_type", None):
            response.headers["content-type"] = f"{media_type}; charset=utf-8"
        if status_code := getattr(request.state, "status_code", None):
            response.status_code = status_code
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(GRAPHIQL_PAGE)
