"""The connection graph in memory: who is connected to whom (CONNECTED_TO) and who blocks whom
(BLOCKS), as numpy arrays a breadth-first search walks at memory speed.

People are numbered 0..n-1 (``ids``/``number``). Connections are a compressed sparse row (CSR)
matrix built at load (scipy, int32 entries: 4 bytes per connection end), sorted neighbour numbers
per person; scipy's row selection gathers a whole level's neighbours in one C loop. A change since
the load replaces that one person's row with a sorted array of its own (``_rows``), so a change
costs O(degree) and every read sees it at once. When many rows have changed, ``compact()`` folds
them back into one CSR.
Blocks are few: a set per person of everyone blocked either way with them.

Nothing here does I/O or awaits: a request reads a consistent graph between two event-loop turns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse

#: People's numbers: int32 inside the matrix, int64 where numpy computes with them.
Ints = npt.NDArray[np.integer[Any]]
Mask = npt.NDArray[np.bool_]
EMPTY: Ints = np.zeros(0, dtype=np.int32)


def _matrix(n: int, indptr: Ints, indices: Ints) -> scipy.sparse.csr_array:
    index = np.int32 if len(indices) < 2**31 else np.int64
    return scipy.sparse.csr_array(
        (np.ones(len(indices), dtype=np.int8), indices.astype(index, copy=False),
         indptr.astype(index, copy=False)), shape=(n, n))


def _csr(n: int, sources: Ints, targets: Ints) -> scipy.sparse.csr_array:
    """Undirected, deduplicated, without self-loops, rows sorted."""
    keep = sources != targets
    a, b = sources[keep].astype(np.int64), targets[keep].astype(np.int64)
    keys = np.sort(np.concatenate([a * n + b, b * n + a]))
    # np.unique would do, but numpy 2's hashing unique took 22 s for 6.4M keys here; a sort 0.3 s
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
    rows, cols = keys // n, keys % n
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return _matrix(n, indptr, cols)


def _inserted(row: Ints, person: int) -> Ints:
    """``row`` (sorted) with ``person`` in its place."""
    return np.insert(row, int(np.searchsorted(row, person)), person)


class Adjacency:
    def __init__(self, ids: list[str], sources: Ints, targets: Ints,
                 blocks: Iterable[tuple[int, int]] = ()) -> None:
        """``ids``: everyone, numbered by position; ``sources[i]``-``targets[i]``: one connection
        each (either direction, repeats allowed); ``blocks``: (blocker, blocked) pairs."""
        self._start(list(ids), _csr(len(ids), sources, targets), np.ones(len(ids), dtype=bool), blocks)

    @classmethod
    def of(cls, ids: list[str], indptr: Ints, indices: Ints, data: Ints, present: Mask,
           blocks: Iterable[tuple[int, int]] = ()) -> Adjacency:
        """An index over a CSR as ``arrays()`` gave it (rows sorted, both directions, no changed
        rows), without copying its arrays: memory-mapped ones stay shared with other processes."""
        matrix = scipy.sparse.csr_array((data, indices, indptr), shape=(len(ids), len(ids)))
        adj = cls.__new__(cls)
        adj._start(ids, matrix, present, blocks)
        return adj

    def _start(self, ids: list[str], matrix: scipy.sparse.csr_array, present: Mask,
               blocks: Iterable[tuple[int, int]]) -> None:
        self.ids = ids
        self.number = {person_id: i for i, person_id in enumerate(self.ids)}
        self._csr = matrix
        self._indptr, self._indices = self._csr.indptr, self._csr.indices
        self._rows: dict[int, Ints] = {}  # changed rows, by person
        self._changed = np.zeros(len(ids), dtype=bool)
        self.present = present  # False once an account is deleted
        self.connections = len(self._indices) // 2
        self._blocking: set[tuple[int, int]] = set()
        self._blocked: dict[int, set[int]] = {}
        self._rank: Ints | None = None
        for blocker, blocked in blocks:
            self._hide(blocker, blocked)

    @property
    def size(self) -> int:
        return len(self.ids)

    # -- reading ----------------------------------------------------------------------------------

    def neighbours(self, person: int) -> Ints:
        """Sorted numbers of ``person``'s connections."""
        if self._changed[person]:
            return self._rows.get(person, EMPTY)
        return self._indices[self._indptr[person]:self._indptr[person + 1]]

    def degree(self, person: int) -> int:
        return len(self.neighbours(person))

    def connected(self, a: int, b: int) -> bool:
        row = self.neighbours(a)
        i = int(np.searchsorted(row, b))
        return i < len(row) and int(row[i]) == b

    @property
    def rank(self) -> Ints:
        """Each person's position in id order (people are numbered in id order at load; those
        added since come after, so the order is worked out again once someone is added)."""
        if self._rank is None or len(self._rank) != self.size:
            order = np.argsort(np.array(self.ids, dtype=object), kind="stable")
            self._rank = np.empty(self.size, dtype=np.int64)
            self._rank[order] = np.arange(self.size, dtype=np.int64)
        return self._rank

    def gather(self, people: Ints) -> Ints:
        """Everyone connected to any of ``people``, once per connection (repeats kept)."""
        changed = self._changed[people]
        if not changed.any():
            return self._gather(people)
        parts = [self._gather(people[~changed])]
        parts.extend(self._rows.get(int(p), EMPTY) for p in people[changed])
        return np.concatenate(parts)

    def _gather(self, people: Ints) -> Ints:
        """The CSR rows of ``people`` (none changed since the load), one after the other."""
        if not len(people):
            return EMPTY
        gathered: Ints = self._csr[people].indices
        return gathered

    def any_neighbour_in(self, people: Ints, mask: Mask) -> Mask:
        """For each of ``people``: does any of their connections fall in ``mask``?"""
        answers = np.zeros(len(people), dtype=bool)
        changed = self._changed[people]
        base = np.flatnonzero(~changed)
        if len(base):
            columns = mask[: self._csr.shape[1]].astype(np.int32)  # people added since are in no CSR row
            answers[base] = (self._csr[people[base]] @ columns) > 0
        for i in np.flatnonzero(changed).tolist():
            answers[i] = mask[self._rows.get(int(people[i]), EMPTY)].any()
        return answers

    def neighbours_in(self, people: Ints, mask: Mask) -> Ints:
        """For each of ``people``: how many of their connections fall in ``mask``."""
        counts = np.zeros(len(people), dtype=np.int64)
        changed = self._changed[people]
        base = np.flatnonzero(~changed)
        if len(base):
            columns = mask[: self._csr.shape[1]].astype(np.int32)  # people added since are in no CSR row
            counts[base] = self._csr[people[base]] @ columns
        for i in np.flatnonzero(changed).tolist():
            counts[i] = np.count_nonzero(mask[self._rows.get(int(people[i]), EMPTY)])
        return counts

    def work(self, people: Ints) -> int:
        """How many neighbour entries ``gather(people)`` reads: the cost of expanding them."""
        changed = self._changed[people]
        base = people[~changed]
        total = int((self._indptr[base + 1] - self._indptr[base]).sum())
        return total + sum(len(self._rows.get(int(p), EMPTY)) for p in people[changed])

    def blocked_with(self, person: int) -> set[int]:
        """Everyone blocked either way with ``person`` (out of their network, R8)."""
        return self._blocked.get(person, set())

    @property
    def block_count(self) -> int:
        return len(self._blocking)

    # -- changing ---------------------------------------------------------------------------------

    def add_person(self, person_id: str) -> int:
        if (known := self.number.get(person_id)) is not None:
            return known
        person = len(self.ids)
        self.ids.append(person_id)
        self.number[person_id] = person
        self._changed = np.append(self._changed, True)
        self.present = np.append(self.present, True)
        return person

    def connect(self, a: int, b: int) -> None:
        if a == b or self.connected(a, b):
            return
        self._set_row(a, _inserted(self.neighbours(a), b))
        self._set_row(b, _inserted(self.neighbours(b), a))
        self.connections += 1

    def disconnect(self, a: int, b: int) -> None:
        if not self.connected(a, b):
            return
        self._set_row(a, self.neighbours(a)[self.neighbours(a) != b])
        self._set_row(b, self.neighbours(b)[self.neighbours(b) != a])
        self.connections -= 1

    def block(self, blocker: int, blocked: int) -> None:
        """Blocking ends the connection (R8) and hides each from the other."""
        self.disconnect(blocker, blocked)
        self._hide(blocker, blocked)

    def _hide(self, blocker: int, blocked: int) -> None:
        self._blocking.add((blocker, blocked))
        self._blocked.setdefault(blocker, set()).add(blocked)
        self._blocked.setdefault(blocked, set()).add(blocker)

    def unblock(self, blocker: int, blocked: int) -> None:
        self._blocking.discard((blocker, blocked))
        if (blocked, blocker) not in self._blocking:
            self._blocked.get(blocker, set()).discard(blocked)
            self._blocked.get(blocked, set()).discard(blocker)

    def remove_person(self, person: int) -> None:
        """An account deleted: every tie of it goes."""
        for other in self.neighbours(person).tolist():
            self.disconnect(person, other)
        for other in list(self.blocked_with(person)):
            self.unblock(person, other)
            self.unblock(other, person)
        self.present[person] = False

    def compact(self) -> None:
        """Folds the changed rows back into one CSR: O(connections) of copying, but Python work
        only per changed row (the unchanged runs between them are copied as whole slices)."""
        n, loaded = self.size, self._csr.shape[0]
        counts = np.zeros(n, dtype=np.int64)
        counts[:loaded] = np.diff(self._indptr)
        parts: list[Ints] = []
        start = 0
        for person in np.flatnonzero(self._changed).tolist():
            if start < min(person, loaded):
                parts.append(self._indices[self._indptr[start]:self._indptr[min(person, loaded)]])
            row = self._rows.get(person, EMPTY)
            parts.append(row)
            counts[person] = len(row)
            start = person + 1
        if start < loaded:
            parts.append(self._indices[self._indptr[start]:self._indptr[loaded]])
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        self._csr = _matrix(n, indptr, np.concatenate(parts) if parts else EMPTY)
        self._indptr, self._indices = self._csr.indptr, self._csr.indices
        self._rows.clear()
        self._changed = np.zeros(n, dtype=bool)

    @property
    def nbytes(self) -> int:
        """Bytes held in arrays (the id list and map add ~150 bytes a person)."""
        rows = sum(row.nbytes for row in self._rows.values())
        return int(self._csr.data.nbytes + self._indices.nbytes + self._indptr.nbytes + self.present.nbytes
                   + self._changed.nbytes + rows)

    def arrays(self) -> tuple[Ints, Ints, Ints]:
        """The CSR's ``indptr``, ``indices`` and ``data`` (what ``of`` takes), as loaded or last
        compacted: the whole index while ``settled``."""
        return self._indptr, self._indices, self._csr.data

    @property
    def settled(self) -> bool:
        """True when nobody's row has changed (or been added) since the load or ``compact()``."""
        return not self._changed.any()

    @property
    def blocks(self) -> list[tuple[int, int]]:
        """Every (blocker, blocked) pair."""
        return sorted(self._blocking)

    @property
    def changed_rows(self) -> int:
        return len(self._rows)

    def _set_row(self, person: int, row: Ints) -> None:
        self._rows[person] = row.astype(self._indices.dtype, copy=False)
        self._changed[person] = True
