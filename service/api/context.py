"""The per-request context: who asks, the graph, and this request's DataLoaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from service.api.documents import PersistedDocuments
from service.api.loaders import Loaders
from service.connections import ConnectionLimits
from service.errors import TiesError
from service.graph import Graph
from service.identity import Viewer
from service.messages import LiveMessages
from service.network import RequestNetwork
from service.notifications import LiveNotifications
from service.quotas import InteractionLimits

T = TypeVar("T")


@dataclass
class Context:
    graph: Graph
    #: This worker's connection index (R12-R16 are answered on it).
    network: RequestNetwork
    #: R3's limits, settled once when the app was built.
    connection_limits: ConnectionLimits
    #: R37's quotas, settled once when the app was built.
    interaction_limits: InteractionLimits
    identity: Viewer | TiesError
    #: This process's live notifications (None where the app follows no log).
    live: LiveNotifications | None = None
    #: This process's live messages (None where the app follows no log).
    live_messages: LiveMessages | None = None
    #: A WebSocket's connection_init payload (Strawberry sets it): where its bearer token travels.
    connection_params: dict[str, Any] | None = None
    #: Documents named by hash, and whether only trusted ones run (the app's; ``service.api.documents``).
    persisted: PersistedDocuments | None = None
    _once: dict[Hashable, asyncio.Future[Any]] = field(default_factory=dict, init=False, repr=False)

    @property
    def viewer(self) -> Viewer:
        """The caller; a request with a bad token fails here, in the first field that asks."""
        if isinstance(self.identity, TiesError):
            raise self.identity
        return self.identity

    @cached_property
    def loaders(self) -> Loaders:
        """This request's DataLoaders, made on first use (they see what the viewer may see)."""
        return Loaders(self.graph, self.network, self.viewer)

    def forget(self) -> None:
        """Drops every answer this context holds. A WebSocket's context lives as long as the socket
        and answers many times: each live notification is answered afresh."""
        self.__dict__.pop("loaders", None)
        self._once.clear()

    def once(self, key: Hashable, start: Callable[[], Awaitable[T]]) -> asyncio.Future[T]:
        """The answer for ``key`` in this request, started by whoever asks first.

        Resolvers that are not DataLoaders ask through here, so an answer started early (see
        ``service/api/prefetch.py``) is the one they get.
        """
        if key not in self._once:
            self._once[key] = asyncio.ensure_future(start())
        return self._once[key]
