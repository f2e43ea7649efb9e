"""The per-request context: who asks, the graph, and this request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.graph, self.identity if isinstance(self.identity, Viewer) else Viewer())

    @property
    def viewer(self) -> Viewer:
        """The caller; a request with a bad token fails here, in the first field that asks."""
        if isinstance(self.identity, Unauthenticated):
            raise self.identity
        return self.identity
