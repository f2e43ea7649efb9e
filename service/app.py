"""Builds the Starlette app: /graphql (Strawberry), /healthz, /readyz, and the lifespan that owns
the process's one Neo4j driver (opened, verified and migrated at start; closed at stop)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from service import logs, retention
from service.api.context import Context
from service.api.documents import PersistedDocuments, load_trusted_documents
from service.api.schema import schema
from service.api.view import STATIC_DIR, GraphQLView
from service.batching import RequestGraph
from service.connections import ConnectionLimits
from service.errors import TiesError, Unavailable
from service.graph import Graph, close_driver, open_driver
from service.identity import Authenticator, Viewer
from service.messages import LiveMessages
from service.migrations import migrate
from service.network import Network
from service.network.snapshot import Snapshots
from service.notifications import LiveNotifications
from service.observability import RequestObserver, metrics_endpoint
from service.quotas import InteractionLimits
from service.settings import Settings
from service.tailer import Tailer

log = logging.getLogger("ties.app")


class TiesGraphQL(GraphQLView):
    def __init__(self, settings: Settings) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True,
                         subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        self.connection_limits = ConnectionLimits.from_settings(settings)
        self.interaction_limits = InteractionLimits.from_settings(settings)
        self.authenticator = Authenticator.from_settings(settings)  # refuses an unsafe configuration
        trusted = settings.trusted_documents
        # Read once, here: a manifest that cannot be read or whose hashes are wrong stops the start.
        self.persisted = PersistedDocuments(load_trusted_documents(trusted) if trusted else None)

    async def get_context(self, request: Any, response: Any) -> Context:
        identity: Viewer | TiesError
        try:
            identity = await self.authenticator.viewer(request.headers.get("authorization"))
        except TiesError as exc:  # raised by the first field that asks who is asking
            identity = exc
        # Per request, so the reads its resolvers issue together go to Neo4j together, and what
        # the request reads on the connection index is counted against its own budget.
        state = request.app.state
        return Context(graph=RequestGraph(state.graph), network=state.network.for_request(),
                       connection_limits=self.connection_limits,
                       interaction_limits=self.interaction_limits, identity=identity,
                       live=getattr(state, "live", None),
                       live_messages=getattr(state, "live_messages", None), persisted=self.persisted)

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A WebSocket signs in with its connection_init payload, ``{"Authorization": "Bearer ..."}``
        (``authorization`` too); without a token, or with a bad one, the protocol's 4403 closes it."""
        params = context.connection_params or {}
        header = params.get("Authorization", params.get("authorization"))
        if not isinstance(header, str) or not header.strip():
            raise ConnectionRejectionError({"reason": "Send {\"Authorization\": \"Bearer <token>\"}."})
        try:
            context.identity = await self.authenticator.viewer(header)
        except TiesError as exc:
            raise ConnectionRejectionError({"reason": exc.message}) from None
        acknowledged: UnsetType = UNSET
        return acknowledged


class GraphQLFirst:
    """Sends GraphQL's GET and POST requests straight to its view, past Starlette's router and
    exception middleware (neither does anything for them: the view answers every refusal itself).
    Everything else goes on through the app as usual (a PUT to /graphql gets the router's 405)."""

    def __init__(self, app: ASGIApp, view: ASGIApp, path: str = "/graphql") -> None:
        self.app = app
        self.view = view
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == self.path and scope["method"] in ("GET", "POST"):
            await self.view(scope, receive, send)
        else:
            await self.app(scope, receive, send)


async def _wait_for_database(graph: Graph, timeout: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await graph.ping():
        if asyncio.get_running_loop().time() > deadline:
            raise Unavailable(f"Neo4j did not answer within {timeout:.0f}s; is it running?")
        await asyncio.sleep(0.5)


def create_app(settings: Settings | None = None, driver: AsyncDriver | None = None) -> Starlette:
    """The ASGI app. ``driver`` may be injected (tests); otherwise the lifespan opens one.

    Raises ConfigurationError when the settings would let a made-up secret sign tokens.
    """
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = driver or open_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_password)
        app.state.graph = Graph(own, settings.neo4j_database, timeout=settings.query_timeout)
        # The change log, followed by this worker; the connection index loads from its first pass.
        tailer = Tailer(Graph(own, settings.neo4j_database, timeout=settings.query_timeout))
        snapshots = (Snapshots(settings.index_dir, settings.event_retention_days)
                     if settings.index_dir is not None else None)
        app.state.network = Network(Graph(own, settings.neo4j_database), tailer, settings.index_request_work,
                                    snapshots)
        try:
            await _wait_for_database(app.state.graph, timeout=60)
            await migrate(Graph(own, settings.neo4j_database))  # index builds may take a while
            live = LiveNotifications()
            tailer.subscribe(live.deliver)  # before the first pass, so no event slips by
            app.state.live = live
            live_messages = LiveMessages()
            tailer.subscribe(live_messages.deliver)
            app.state.live_messages = live_messages
            await tailer.start()
            days = settings.event_retention_days
            pruning = asyncio.create_task(retention.keep_pruning(app.state.graph, days))
            log.info("ready: Neo4j at %s, database %r", settings.bolt_uri, settings.neo4j_database)
            try:
                yield
            finally:
                pruning.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pruning
        finally:
            await tailer.stop()
            if driver is None:
                await close_driver(own)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        if await request.app.state.graph.ping():
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "unavailable", "reason": "Neo4j is unreachable"}, status_code=503)

    graphql = TiesGraphQL(settings)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),  # subscriptions, over graphql-transport-ws
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),  # GraphiQL, offline
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics_endpoint(settings.metrics_dir)),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(RequestObserver, routes=[r.path for r in routes if isinstance(r, Route)],
                               mounts=[r.path for r in routes if isinstance(r, Mount)]),
                    Middleware(GraphQLFirst, view=graphql)],
        lifespan=lifespan,
    )


def served_app() -> Starlette:
    """What ``ties serve`` runs in each worker process: JSON logs, settings from the environment."""
    settings = Settings.from_env()
    logs.configure(settings.log_level)
    return create_app(settings)
