"""The pairwise state between the viewer and one other person, and the one way to change it.

Every relationship mutation (follow, requests, connections, blocks) runs through ``change_pair``:
one managed write transaction that first write-locks both Person nodes in id order
(``lock_pair.cypher``), then reads the pair's state, lets the caller's rule decide and write, reads
the new ``Relationship`` back and records what changed in the change log (``service/events.py``),
derived from the state before and after. Because every change to a pair holds both locks, two
concurrent changes to it run one after the other, and the second decides on what the first wrote:
crossing requests connect once, a double accept connects once, a follow cannot slip past a block.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from service import cypher, events, privacy
from service.errors import BadUserInput, NotFound, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx
from service.identity import Viewer
from service.people import Person

LOCK_PAIR = cypher.query("lock_pair")
PAIR_STATE = cypher.query("pair_state")
RELATIONSHIP_STATES = cypher.query("relationship_states")


@dataclass(frozen=True)
class Relationship:
    """How the viewer relates to ``person``, seen from the viewer."""

    person: Person
    following: bool = False
    followed_by: bool = False
    connected: bool = False
    request_sent: bool = False
    request_received: bool = False
    blocking: bool = False
    blocked_by: bool = False
    #: Both people's messagePolicy (R25).
    my_message_policy: str = "CONNECTIONS"
    their_message_policy: str = "CONNECTIONS"

    @property
    def blocked(self) -> bool:
        """Either side blocks the other."""
        return self.blocking or self.blocked_by

    @property
    def can_message(self) -> bool:
        """R15 as R25 amends it: no block either way, and connected or both policies EVERYONE."""
        return privacy.may_message(self.blocked, self.connected, self.my_message_policy,
                                   self.their_message_policy)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Relationship:
        return cls(person=Person.from_row(row["person"]), following=row["following"],
                   followed_by=row["followedBy"], connected=row["connected"],
                   request_sent=row["requestSent"], request_received=row["requestReceived"],
                   blocking=row["blocking"], blocked_by=row["blockedBy"],
                   my_message_policy=row["myMessagePolicy"], their_message_policy=row["theirMessagePolicy"])


@dataclass(frozen=True)
class PairState:
    """What a mutation by ``me`` on ``other`` decides on, read under both people's locks."""

    me: str
    other: str
    following: bool
    followed_by: bool
    connected: bool
    request_sent: bool
    request_received: bool
    blocking: bool
    blocked_by: bool
    #: ``other`` said "I don't know" ``me`` (R5): ``me`` may never ask ``other`` again.
    dismissed_by_other: bool
    follow_policy: str
    my_connections: int
    other_connections: int

    @property
    def blocked(self) -> bool:
        return self.blocking or self.blocked_by

    @classmethod
    def from_row(cls, me: str, other: str, row: dict[str, Any]) -> PairState:
        return cls(me=me, other=other, following=row["following"], followed_by=row["followedBy"],
                   connected=row["connected"], request_sent=row["requestSent"],
                   request_received=row["requestReceived"], blocking=row["blocking"],
                   blocked_by=row["blockedBy"], dismissed_by_other=row["dismissedByOther"],
                   follow_policy=row["followPolicy"], my_connections=row["myConnections"],
                   other_connections=row["otherConnections"])


Decide = Callable[[Tx, PairState], Awaitable[None]]


def pair_changes(before: PairState, after: Relationship) -> list[Change]:
    """What a mutation by ``before.me`` changed between the two, as change-log entries.

    Connecting implies the auto-follows (R4) and blocking implies the end of every tie (R8): each
    is one change, not the several edges it wrote.
    """
    def change(kind: Kind) -> Change:
        return Change(kind, actor=before.me, subject=before.other)

    if after.blocking != before.blocking:
        return [change(Kind.BLOCKED if after.blocking else Kind.UNBLOCKED)]
    if after.connected != before.connected:
        return [change(Kind.CONNECTED if after.connected else Kind.DISCONNECTED)]
    changes = []
    if after.following != before.following:
        changes.append(change(Kind.FOLLOWED if after.following else Kind.UNFOLLOWED))
    if after.request_sent != before.request_sent:
        changes.append(change(Kind.REQUEST_SENT if after.request_sent else Kind.REQUEST_WITHDRAWN))
    if before.request_received and not after.request_received:
        changes.append(change(Kind.REQUEST_IGNORED))
    return changes


async def relationships_with(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, Relationship]:
    """The viewer's relationship with each of these people, by id (unknown ids: absent)."""
    rows = await graph.read(RELATIONSHIP_STATES, viewerId=viewer.id, ids=ids)
    return {row["person"]["id"]: Relationship.from_row(row) for row in rows}


async def lock_pair(tx: Tx, me: str, other: str) -> PairState:
    """Write-locks both people in id order (``lock_pair.cypher``) and reads their pair's state, in
    ``tx``: the first step of every change to a pair, here and in the interactions between two
    people (``skills.py``, ``recommendations.py``). NOT_FOUND for an unknown id."""
    found = {row["id"] for row in await tx.run(LOCK_PAIR, ids=sorted([me, other]))}
    if me not in found:
        raise not_in_network(me)
    if other not in found:
        raise NotFound(f"Nobody has the id {other!r}; check it and try again.")
    row = await tx.one(PAIR_STATE, me=me, other=other)
    if row is None:  # an account was deleted while this waited for its lock (accounts.py)
        raise NotFound(f"Nobody has the id {other!r} any more (or your account is being deleted).")
    return PairState.from_row(me, other, row)


async def change_pair(graph: Graph, viewer: Viewer, other: str, *, name: str, yourself: str,
                      decide: Decide) -> Relationship:
    """Runs ``decide`` on the locked pair (viewer, ``other``) in one transaction; the new Relationship.

    ``name`` tags the transaction; ``yourself`` is the BAD_USER_INPUT message when ``other`` is the
    viewer. ``decide`` raises a TiesError to refuse (nothing is written) or runs its writes on the tx.
    """
    me = privacy.require_person(viewer, "follow, connect with or block anyone")
    if other == me:
        raise BadUserInput(yourself)

    async def work(tx: Tx) -> Relationship:
        before = await lock_pair(tx, me, other)
        await decide(tx, before)
        row = await tx.one(RELATIONSHIP_STATES, viewerId=me, ids=[other])
        assert row is not None
        after = Relationship.from_row(row)
        await events.record(tx, pair_changes(before, after))
        return after

    return await graph.transaction(name, work)
