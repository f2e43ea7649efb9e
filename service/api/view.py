"""The GraphQL endpoint over HTTP: Strawberry's ASGI view, made to follow the GraphQL over HTTP spec
to the letter, and serving a GraphiQL that needs no network beyond this service.

- A client that accepts ``application/graphql-response+json`` gets that media type, and a request
  that never ran (it did not parse or validate, or its variables did not fit) gets status 400 and
  no ``data`` entry, so a client can tell "bad request" from "partial result" by status alone.
  Clients that accept only ``application/json`` (or send no Accept) get the legacy behaviour:
  status 200 with ``data`` present. ``graphql-http``'s server audit checks all of this
  (``tests/test_http_conformance.py``).
- A request that cannot be a GraphQL request at all (a body that is not a JSON object, not UTF-8,
  nested past reason or over ``MAX_BODY_BYTES``; ``query``, ``variables``, ``operationName`` or
  ``extensions`` of the wrong type) gets a 4xx and a GraphQL-shaped error with code BAD_USER_INPUT,
  never a 500 (``tests/test_request_bodies.py``).
- GraphiQL's page loads its scripts and styles from ``/static/graphiql/`` (vendored from npm by
  ``make graphiql``), never from a CDN: it works on a laptop with no internet.
- A plain request (a GET with a ``query`` or ``extensions``, or a POST of a JSON object whose
  members have the right types; ``query`` may be left out when ``extensions.persistedQuery`` names
  the document by hash, ``service/api/documents.py``) is answered by ``answer``, which does what
  Strawberry's view would in fewer steps (bench/README.md, "Cost per request"); anything else goes
  through Strawberry's view, whose refusals are the ones above.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from service.api.context import Context

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
GRAPHIQL_PAGE = (STATIC_DIR / "graphiql.html").read_text(encoding="utf-8")
#: The largest request body read; a GraphQL document is at most 100,000 characters (limits.py).
MAX_BODY_BYTES = 1 << 20
JSON_KINDS = {type(None): "null", str: "a string", bool: "a boolean", list: "an array"}


@lru_cache(maxsize=64)
def _is_json(content_type: str) -> bool:
    """Whether Strawberry would read a body with this Content-Type as JSON."""
    return "application/json" in parse_content_type(content_type)[0]


def accepts_graphql_response_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return GRAPHQL_RESPONSE_JSON in accept and f"{GRAPHQL_RESPONSE_JSON};q=0" not in accept.replace(" ", "")


def never_ran(result: ExecutionResult) -> bool:
    """A request error (parse, validation, variable coercion): no data, no error at a field path."""
    return result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or [])


def bad_request(message: str, status_code: int = 400) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": "BAD_USER_INPUT"}}]},
                        status_code=status_code)


async def bounded(request: Request) -> Request:
    """The request with its body read, refused (413) past MAX_BODY_BYTES before all of it arrives."""
    too_large = HTTPException(413, f"The request body is over {MAX_BODY_BYTES:,} bytes.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, replay)


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's view with spec status codes and media types, strict bodies, and an offline GraphiQL."""

    #: Whether plain requests are answered by ``answer``; False sends every request through
    #: Strawberry's view (tests compare the two).
    lean = True

    def decode_json(self, data: str | bytes) -> object:
        """JSON that must be an object: the body, and the ``variables``/``extensions`` of a GET."""
        try:
            value = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
        except UnicodeDecodeError:
            raise HTTPException(400, "The request body is not UTF-8 text.") from None
        except RecursionError:
            raise HTTPException(400, "The request's JSON is nested too deeply.") from None
        if not isinstance(value, dict):
            kind = JSON_KINDS.get(type(value), "a number")
            raise HTTPException(400, f'Expected a JSON object such as {{"query": "{{ __typename }}"}}, '
                                     f"got {kind}.")
        return value

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        data = await super().parse_http_body(request)
        if not isinstance(data, GraphQLRequestData):  # a list: batching, which is off
            raise HTTPException(400, "Send one GraphQL request per HTTP request.")
        if not isinstance(data.operation_name, str | None):
            raise HTTPException(400, "The GraphQL operation's `operationName` must be a string or null, "
                                     "if provided.")
        return data

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = process_result(result)
        if accepts_graphql_response_json(request):
            request.state.media_type = GRAPHQL_RESPONSE_JSON
            if never_ran(result):
                response.pop("data", None)
                request.state.status_code = 400
        return response

    async def plain(self, request: Request) -> GraphQLRequestData | None:
        """The request's GraphQL request when it is a plain one; None sends it through Strawberry's view
        (which reads it again and says what is wrong with it, if anything)."""
        if request.method == "POST":
            if not _is_json(request.headers.get("content-type", "")):
                return None
            try:
                data: Any = json.loads(await request.body())
            except (ValueError, RecursionError):
                return None
        elif request.method == "GET" and ("query" in request.query_params
                                          or "extensions" in request.query_params):
            try:
                data = self.parse_query_params(request.query_params)
            except HTTPException:
                return None
        else:
            return None
        if not isinstance(data, dict):
            return None
        query, variables = data.get("query"), data.get("variables")
        operation_name, extensions = data.get("operationName"), data.get("extensions")
        by_hash = query is None and isinstance(extensions, dict) and "persistedQuery" in extensions
        if ((isinstance(query, str) or by_hash) and isinstance(variables, dict | None)
                and isinstance(operation_name, str | None) and isinstance(extensions, dict | None)):
            return GraphQLRequestData(query, variables, operation_name, extensions)
        return None

    async def answer(self, request: Request, data: GraphQLRequestData) -> Response:
        """What Strawberry's view answers a plain request, without its adapters and sub-response."""
        method: Literal["GET", "POST"] = "GET" if request.method == "GET" else "POST"  # plain() says which
        context = await self.get_context(request, cast(Response, None))  # no sub-response: nothing uses one
        try:
            result = await self.schema.execute(
                data.query, variable_values=data.variables, context_value=context,
                operation_name=data.operation_name, allowed_operation_types=OperationType.from_http(method),
                operation_extensions=data.extensions)
        except CannotGetOperationTypeError as exc:
            raise HTTPException(400, exc.as_http_error_reason()) from exc
        except InvalidOperationTypeError as exc:
            raise HTTPException(400, exc.as_http_error_reason(method)) from exc
        except MissingQueryError as exc:
            raise HTTPException(400, "No GraphQL query found in the request") from exc
        return Response(self.encode_json(await self.process_result(request, result)),
                        media_type="application/json")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        response: Response
        try:
            if request.method == "POST":
                request = await bounded(request)
            data = await self.plain(request) if self.lean else None
            response = await (self.run(request) if data is None else self.answer(request, data))
        except HTTPException as exc:
            response = bad_request(exc.reason, exc.status_code)
        if media_type := getattr(request.state, "media_type", None):
            response.headers["content-type"] = f"{media_type}; charset=utf-8"
        if status_code := getattr(request.state, "status_code", None):
            response.status_code = status_code
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(GRAPHIQL_PAGE)
