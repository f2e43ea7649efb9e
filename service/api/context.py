"""The per-request context: who asks, the graph, and this request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from service.api.loaders import Loaders
from service.errors import Unauthenticated
from service.graph import Graph
from service.identity import Viewer
from service.settings import Settings


@dataclass
class Context:
    graph: Graph
    settings: Settings
    identity: Viewer | Unauthenticated

    @property
    def viewer(self) -> Viewer:
        """The caller; a request with a bad token fails here, in the first field that asks."""
        if isinstance(self.identity, Unauthenticated):
            raise self.identity
        return self.identity

    @cached_property
    def loaders(self) -> Loaders:
        """This request's DataLoaders, made on first use (they see what the viewer may see)."""
        return Loaders(self.graph, self.viewer)
