"""The connection graph in memory: who is connected to whom (CONNECTED_TO) and who blocks whom
(BLOCKS), as numpy arrays a breadth-first search walks at memory speed.

People are numbered 0..n-1 (``ids``/``number``). Connections are a compressed sparse row (CSR)
array built at load, sorted neighbour numbers per person; a change since then replaces that one
person's row with a sorted array of its own (``_rows``), so a change costs O(degree) and every read
sees it at once. When many rows have changed, ``compact()`` folds them back into one CSR.
Blocks are few: a set per person of everyone blocked either way with them.

Nothing here does I/O or awaits: a request reads a consistent graph between two event-loop turns.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
EMPTY: Ints = np.zeros(0, dtype=np.int64)


def _csr(n: int, sources: Ints, targets: Ints) -> tuple[Ints, Ints]:
    """Undirected, deduplicated, without self-loops: (indptr, indices), rows sorted."""
    keep = sources != targets
    a, b = sources[keep], targets[keep]
    keys = np.sort(np.concatenate([a * n + b, b * n + a]))
    # np.unique would do, but numpy 2's hashing unique is 80x slower than a sort here (bench/README.md)
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
    rows, cols = keys // n, keys % n
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return indptr, cols


def _inserted(row: Ints, person: int) -> Ints:
    """``row`` (sorted) with ``person`` in its place."""
    return np.insert(row, int(np.searchsorted(row, person)), person)


def gather_rows(indptr: Ints, indices: Ints, rows: Ints) -> Ints:
    """The concatenated CSR rows ``rows`` (neighbours of each, duplicates across rows kept)."""
    starts, ends = indptr[rows], indptr[rows + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return EMPTY
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    gathered: Ints = indices[np.arange(total, dtype=np.int64) + shift]
    return gathered


class Adjacency:
    def __init__(self, ids: list[str], sources: Ints, targets: Ints,
                 blocks: Iterable[tuple[int, int]] = ()) -> None:
        """``ids``: everyone, numbered by position; ``sources[i]``-``targets[i]``: one connection
        each (either direction, repeats allowed); ``blocks``: (blocker, blocked) pairs."""
        self.ids = list(ids)
        self.number = {person_id: i for i, person_id in enumerate(self.ids)}
        n = len(self.ids)
        self._indptr, self._indices = _csr(n, sources, targets)
        self._base = n  # people the CSR covers
        self._rows: dict[int, Ints] = {}  # changed rows, by person
        self._changed = np.zeros(n, dtype=bool)
        self.present = np.ones(n, dtype=bool)  # False once an account is deleted
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
            return gather_rows(self._indptr, self._indices, people)
        parts = [gather_rows(self._indptr, self._indices, people[~changed])]
        parts.extend(self._rows.get(int(p), EMPTY) for p in people[changed])
        return np.concatenate(parts)

    def any_neighbour_in(self, people: Ints, mask: Mask) -> Mask:
        """For each of ``people``: does any of their connections fall in ``mask``?"""
        answers = np.zeros(len(people), dtype=bool)
        changed = self._changed[people]
        base = np.flatnonzero(~changed)
        lengths = self._indptr[people[base] + 1] - self._indptr[people[base]]
        owner = np.repeat(base, lengths)
        answers[owner[mask[gather_rows(self._indptr, self._indices, people[base])]]] = True
        for i in np.flatnonzero(changed).tolist():
            answers[i] = mask[self._rows.get(int(people[i]), EMPTY)].any()
        return answers

    def work(self, people: Ints) -> int:
        """How many neighbour entries ``gather(people)`` reads: the cost of expanding them."""
        changed = self._changed[people]
        base = people[~changed]
        total = int((self._indptr[base + 1] - self._indptr[base]).sum())
        return total + sum(len(self._rows.get(int(p), EMPTY)) for p in people[changed])

    def blocked_with(self, person: int) -> set[int]:
        """Everyone blocked either way with ``person`` (out of their network, R8)."""
        return self._blocked.get(person, set())

    def blocks(self, blocker: int, blocked: int) -> bool:
        return (blocker, blocked) in self._blocking

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
        """Folds the changed rows back into one CSR (O(connections); done when many changed)."""
        n = self.size
        counts = np.array([self.degree(p) for p in range(n)], dtype=np.int64)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        self._indices = np.concatenate([self.neighbours(p) for p in range(n)]) if n else EMPTY
        self._indptr, self._base = indptr, n
        self._rows.clear()
        self._changed = np.zeros(n, dtype=bool)

    @property
    def changed_rows(self) -> int:
        return len(self._rows)

    def _set_row(self, person: int, row: Ints) -> None:
        self._rows[person] = row.astype(np.int64, copy=False)
        self._changed[person] = True
