"""The life of an account (R19): editing the profile, deleting it, and taking one's data along.

``delete_account`` must be quick for anyone and never half-done as readers see it, even for a hub
with tens of thousands of followers, whose ties take seconds to delete and lock every neighbour
while they go. So it runs in two parts:

1. one small transaction (``mark_account_deleted.cypher``) takes the person's write lock, swaps
   its ``:Person`` label for ``:DeletedPerson`` and records ACCOUNT_DELETED. Every query matches
   ``:Person``, so from that commit on the person is gone: ``person()`` is null, nobody can follow,
   ask or share with them (``change_pair`` finds nobody to lock), their posts leave feeds. The same
   transaction erases the first batch, which for an ordinary account is everything;
2. what is left goes in batches of ``ERASE_BATCH`` (``erase_account_batch.cypher``), each its own
   transaction holding the deleted node's lock, until the node itself is deleted. Asking again
   resumes an interrupted erasure; asking once it is done answers False.
"""

from __future__ import annotations

import json
from typing import Any

from service import cypher, events, notifications, privacy
from service.errors import BadUserInput, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx
from service.identity import Viewer
from service.people import MAX_HEADLINE, MAX_NAME, Person

UPDATE_PROFILE = cypher.query("update_profile")
MARK_ACCOUNT_DELETED = cypher.query("mark_account_deleted")
LOCK_DELETED_ACCOUNT = cypher.query("lock_deleted_account")
ERASE_ACCOUNT_BATCH = cypher.query("erase_account_batch")
MY_DATA = cypher.query("my_data")

#: Relationships (and notifications) one erasure transaction deletes: each deleted tie locks the
#: person at its other end until commit, so batches stay short enough not to hold up their writes.
ERASE_BATCH = 2_000


async def update_profile(graph: Graph, viewer: Viewer, name: str | None, headline: str | None,
                         set_headline: bool, person_id: str | None = None) -> Person:
    """Changes the name (None keeps it) and, when ``set_headline``, the headline (None or blank
    clears it); createPerson's limits apply. Records PROFILE_UPDATED."""
    target = privacy.require_self_or_admin(viewer, person_id, "edit this profile")
    if name is not None:
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise BadUserInput(f"'name' must be 1 to {MAX_NAME} characters.")
    if headline is not None:
        headline = headline.strip() or None
        if headline is not None and len(headline) > MAX_HEADLINE:
            raise BadUserInput(f"'headline' must be at most {MAX_HEADLINE} characters.")

    async def work(tx: Tx) -> Person:
        row = await tx.one(UPDATE_PROFILE, id=target, name=name, setHeadline=set_headline,
                           headline=headline)
        if row is None:
            raise not_in_network(target)
        actor = privacy.require_person(viewer, "edit this profile")
        await events.record(tx, [Change(Kind.PROFILE_UPDATED, actor=actor, subject=target)])
        return Person.from_row(row["person"])

    return await graph.transaction("update_profile", work)


async def _erase_batch(tx: Tx, person_id: str) -> bool:
    """One batch of an erasure; True while something of the person is left."""
    rows = await tx.run(ERASE_ACCOUNT_BATCH, id=person_id, batch=ERASE_BATCH,
                        notificationKinds=notifications.EVENT_KINDS)
    return any(row["remaining"] for row in rows)


async def delete_account(graph: Graph, viewer: Viewer, person_id: str) -> bool:
    """Erases the person and everything of theirs (the person themself or an admin). True when
    there was an account to erase (or to finish erasing), False when there was none."""
    target = privacy.require_self_or_admin(viewer, person_id, "delete this account")
    actor = privacy.require_person(viewer, "delete this account")

    async def mark(tx: Tx) -> tuple[bool, bool]:
        marked = await tx.one(MARK_ACCOUNT_DELETED, id=target) is not None
        if not marked and not await tx.run(LOCK_DELETED_ACCOUNT, id=target):
            return False, False  # nothing to erase: never there, or erased before
        remaining = await _erase_batch(tx, target)
        if marked:
            await events.record(tx, [Change(Kind.ACCOUNT_DELETED, actor=actor, subject=target)])
        return True, remaining

    async def erase(tx: Tx) -> bool:
        if not await tx.run(LOCK_DELETED_ACCOUNT, id=target):
            return False
        return await _erase_batch(tx, target)

    found, remaining = await graph.transaction("delete_account", mark)
    while remaining:
        remaining = await graph.transaction("erase_account_batch", erase)
    return found


async def my_data(graph: Graph, viewer: Viewer, person_id: str | None = None) -> dict[str, Any]:
    """Everything stored about the person, as one JSON-ready map (the person themself, or an admin)."""
    target = privacy.require_self_or_admin(viewer, person_id, "download this person's data")
    row = await graph.read_one(MY_DATA, id=target)
    if row is None:
        raise not_in_network(target)
    data: dict[str, Any] = row["data"]
    return data


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
