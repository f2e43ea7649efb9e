"""The connection index on disk, memory-mapped, so the workers of one machine share one copy of it.

A snapshot is a directory of ``.npy`` files (the CSR's ``indptr``, ``indices`` and ``data``;
everyone's id as UTF-8 with where each ends; who is still present; the blocks) and ``meta.json``:
the change log's epoch, ``seq`` (the log's end read *before* the graph was read, so the snapshot
holds every change up to it, and perhaps some after), when that was (``read_at``), people and
connections. It is written under a temporary name and renamed into place, so a reader sees a whole
snapshot or none. Opened with ``np.load(mmap_mode="r")``, the big arrays stay in the kernel's page
cache, one copy for every process that maps them; only ids, the id map, who is present and the
blocks are built privately (about 150 bytes a person).

Snapshots live under ``TIES_INDEX_DIR`` in a directory per epoch (``<dir>/<epoch>/<seq>-<pid>``),
so two services on two databases never take each other's; the newest ``KEEP`` of an epoch stay,
and epochs whose snapshots are all older than ``max_age`` go. ``lock(epoch)`` lets one process at a
time look for a snapshot and build one when none fits, so workers starting together load the graph
once and the rest open what it wrote.

Compaction (``Adjacency.compact``) builds private arrays; ``service/network`` then writes them as a
new snapshot and maps that instead (or maps a newer snapshot another worker wrote), so the copy is
shared again rather than held once per worker. At 1M people and 99M connections a compaction takes
0.4 s and its snapshot 0.7 s (bench/results/2026-12-06-1638-index-scale.md); one finding the lock
held keeps its compacted copy private until its next compaction (``COMPACT_AFTER`` changed rows).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from service.network.adjacency import Adjacency

#: Snapshots kept per epoch: the newest, and the one before (a worker may still be opening it).
KEEP = 2
DAY = 86_400.0
#: Taken off the log's retention to give a snapshot's age limit (retention is at least a day).
MARGIN = 3_600.0
#: Bumped when the files change shape; a snapshot of another format is ignored.
FORMAT = 1
#: Seconds after which a draft nobody finished is removed (its writer died).
STALE_DRAFT = 3600.0
#: Seconds between two tries at the lock while another process builds the index.
LOCK_POLL = 0.1

_EPOCH = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    epoch: str
    #: Every change up to this event of the log is in it.
    seq: int
    #: When ``seq`` was read (Unix time), before the graph was.
    read_at: float
    written_at: float
    people: int
    connections: int

    def open(self) -> Adjacency:
        """The index, its CSR memory-mapped (read-only, shared); raises OSError or ValueError for a
        damaged snapshot."""
        def load(name: str, mapped: bool = False) -> Any:
            return np.load(self.path / f"{name}.npy", mmap_mode="r" if mapped else None,
                           allow_pickle=False)

        blob, ends = load("ids", mapped=True), load("id_ends")
        text = bytes(blob)
        starts = np.concatenate([[0], ends[:-1]]).tolist()
        ids = [text[a:b].decode("utf-8") for a, b in zip(starts, ends.tolist(), strict=True)]
        blocks = load("blocks")
        adj = Adjacency.of(ids, load("indptr", True), load("indices", True), load("data", True),
                           load("present"), zip(blocks[:, 0].tolist(), blocks[:, 1].tolist(), strict=True))
        if adj.size != self.people or adj.connections != self.connections:
            raise ValueError(f"snapshot {self.path} holds {adj.size} people, {adj.connections} "
                             f"connections; its meta.json says {self.people}, {self.connections}")
        return adj


class Snapshots:
    """The snapshots of one machine, under ``root``. Every method may raise OSError (a read-only
    or missing directory): the caller goes on without snapshots."""

    def __init__(self, root: Path, retention_days: int) -> None:
        """``retention_days``: how long the log keeps events (``service/retention.py``). A snapshot
        is caught up from the log, so the log must still hold every event after its ``seq``: those
        were recorded after ``read_at`` (give or take a transaction's length and the clocks of this
        machine and Neo4j, which ``MARGIN`` covers), so pruning spares them for ``max_age``."""
        self.root = root
        self.max_age = retention_days * DAY - MARGIN

    def newest(self, epoch: str, now: float | None = None) -> Snapshot | None:
        """The newest whole snapshot of ``epoch`` young enough to catch up from the log."""
        now = time.time() if now is None else now
        for found in self._all(epoch):
            if now - found.read_at < self.max_age:
                return found
            break
        return None

    def save(self, adj: Adjacency, epoch: str, seq: int, read_at: float) -> Snapshot:
        """Writes ``adj`` (no changed rows) as the snapshot of ``epoch`` holding every change up to
        ``seq``, read at ``read_at``; keeps the newest ``KEEP`` of the epoch."""
        if not adj.settled:
            raise ValueError("rows changed since the last compact(): compact first")
        folder = self._folder(epoch)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        draft = folder / f".draft-{os.getpid()}-{time.monotonic_ns()}"
        draft.mkdir(mode=0o700)
        try:
            indptr, indices, data = adj.arrays()
            encoded = [person_id.encode("utf-8") for person_id in adj.ids]
            arrays = {
                "indptr": indptr, "indices": indices, "data": data,
                "ids": np.frombuffer(b"".join(encoded), dtype=np.uint8),
                "id_ends": np.cumsum([len(e) for e in encoded], dtype=np.int64),
                "present": adj.present,
                "blocks": np.array(adj.blocks, dtype=np.int64).reshape(-1, 2),
            }
            for name, array in arrays.items():
                np.save(draft / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
            meta = {"format": FORMAT, "epoch": epoch, "seq": seq, "read_at": read_at,
                    "written_at": time.time(), "people": adj.size, "connections": adj.connections}
            (draft / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
            for written in draft.iterdir():  # on disk before the name says it is whole
                _sync(written)
            final = folder / f"{seq:020d}-{os.getpid()}-{time.monotonic_ns()}"
            draft.rename(final)
            _sync(folder)
        except BaseException:
            shutil.rmtree(draft, ignore_errors=True)
            raise
        self._tidy(epoch)
        return self._read(final)

    @contextlib.asynccontextmanager
    async def lock(self, epoch: str, wait: bool = True) -> AsyncIterator[bool]:
        """Held by one process of the machine at a time, for ``epoch``; released if it dies.
        Gives whether it is held: with ``wait`` false, False at once while another holds it."""
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.root / f"{_checked(epoch)}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                if not wait:
                    yield False
                    return
                await asyncio.sleep(LOCK_POLL)
            yield True
        finally:
            os.close(fd)  # releases the lock

    def _folder(self, epoch: str) -> Path:
        return self.root / _checked(epoch)

    def _all(self, epoch: str) -> list[Snapshot]:
        """Every readable snapshot of ``epoch``, newest (highest ``seq``) first."""
        folder = self._folder(epoch)
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.iterdir(), reverse=True):
            if path.name.startswith("."):
                continue
            with contextlib.suppress(OSError, ValueError, KeyError):
                snapshot = self._read(path)
                if snapshot.epoch == epoch:
                    found.append(snapshot)
        return found

    def _read(self, path: Path) -> Snapshot:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta["format"] != FORMAT:
            raise ValueError(f"{path}: format {meta['format']}, not {FORMAT}")
        return Snapshot(path=path, epoch=meta["epoch"], seq=int(meta["seq"]), read_at=float(meta["read_at"]),
                        written_at=float(meta["written_at"]), people=int(meta["people"]),
                        connections=int(meta["connections"]))

    def _tidy(self, epoch: str) -> None:
        """Keeps the newest ``KEEP`` snapshots of ``epoch``; removes epochs gone stale (a wiped
        graph's). A process that mapped a removed snapshot keeps reading it: the files live on
        until unmapped."""
        for old in self._all(epoch)[KEEP:]:
            shutil.rmtree(old.path, ignore_errors=True)
        now = time.time()
        for draft in self._folder(epoch).glob(".draft-*"):  # left by a process killed mid-write
            with contextlib.suppress(OSError):
                if now - draft.stat().st_mtime > STALE_DRAFT:
                    shutil.rmtree(draft, ignore_errors=True)
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.name != epoch and _EPOCH.match(folder.name):
                snapshots = self._all(folder.name)
                if snapshots and all(now - s.written_at > self.max_age for s in snapshots):
                    shutil.rmtree(folder, ignore_errors=True)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _checked(epoch: str) -> str:
    """An epoch is a UUID the database made; anything else is never a path."""
    if not _EPOCH.match(epoch):
        raise ValueError(f"not a change log epoch: {epoch!r}")
    return epoch
