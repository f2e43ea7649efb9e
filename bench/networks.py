"""The networks a benchmark run measures, each generated once and imported once into its own Neo4j.

``sparse`` is ``ties generate``'s default network (a median of 9 connections each), the one every
stage runs on; ``dense`` is ``ties generate --connections-per-person N`` (issue 11: a median of
hundreds, a few people with thousands), on which the questions stage runs. Each lives in its own
folder under ``bench/data/`` (files in ``network/``, the database in ``neo4j/``), named by its
shape, so both stay imported between runs and changing a size never meets a graph of another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.processes import DATA

FILES = ("people", "follows", "connections", "requests", "posts", "shares")
#: What people did with the posts (issue 18), in their own files: the dense network holds them (a hub
#: post with 50,000 reactions and 10,000 comments), imported apart from the rest (run.ensure_interactions).
INTERACTION_FILES = ("comments", "reactions")


@dataclass(frozen=True)
class Network:
    kind: str  # "sparse" or "dense"
    people: int
    #: The dense network's median connection count (``--connections-per-person``); None: sparse.
    median: float | None = None

    @property
    def name(self) -> str:
        return f"sparse-{self.people}" if self.median is None else f"dense-{self.people}x{self.median:g}"

    @property
    def folder(self) -> Path:
        return DATA / self.name

    @property
    def home(self) -> Path:
        """The Neo4j home holding this network's graph."""
        return self.folder / "neo4j"

    @property
    def files(self) -> Path:
        return self.folder / "network"

    def generate_args(self) -> list[str]:
        """``ties generate`` arguments that write this network's files."""
        args = ["generate", str(self.files), "--people", str(self.people)]
        return args if self.median is None else [*args, "--connections-per-person", f"{self.median:g}"]

    def import_args(self) -> list[str]:
        """``ties import`` arguments for the files ``generate_args`` wrote."""
        return [arg for kind in FILES if (self.files / f"{kind}.csv").exists()
                for arg in (f"--{kind}", str(self.files / f"{kind}.csv"))]
