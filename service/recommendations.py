"""Recommendations (R33, R34): writing, revising, accepting, hiding, declining and listing them.

A recommendation is ``(author)-[:RECOMMENDED {id, text, relationship, status, createdAt, updatedAt,
respondedAt}]->(recipient)``, one per ordered pair: writing again revises it and sends it back to
PENDING. Its recipient accepts it as SHOWN or HIDDEN, switches between the two, or declines it
(deleted; its author is not told). PENDING and HIDDEN ones are the two people's alone
(``privacy.may_see_recommendation``; the list queries apply the same rule). Writing one fulfils
the recipient's pending request to the author; the requests themselves (R35) are
``service/recommendation_requests.py``'s.

Every change runs under both people's locks (``relationships.lock_pair``, through ``on_pair``).
Notifications and what undoes them (their ``cause`` is the recommendation's id):

    RECOMMENDATION_RECEIVED   made by writing one (or revising it: the old one goes, a new one
                              comes); gone when it is withdrawn, declined, revised again, or a
                              block or an erased account deletes it. Accepting it keeps the
                              notification (its ``recommendation`` is shown while pending only).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from service import cypher, events, privacy
from service.errors import BadUserInput, Conflict, NotFound
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.pages import Page, PageRequest, time_cursor
from service.people import Person
from service.relationships import PairState, lock_pair

RECOMMENDATION_STATE = cypher.query("recommendation_state")
WRITE_RECOMMENDATION = cypher.query("write_recommendation")
SET_RECOMMENDATION_STATUS = cypher.query("set_recommendation_status")
DELETE_RECOMMENDATION = cypher.query("delete_recommendation")
DELETE_RECOMMENDATION_REQUEST = cypher.query("delete_recommendation_request")
RECOMMENDATIONS_BETWEEN = cypher.query("recommendations_between")
RECOMMENDATIONS_PAGE = cypher.query("recommendations_page")
RECOMMENDATION_COUNTS = cypher.query("recommendation_counts")

#: R33: how the author knows the recipient.
RELATIONSHIPS = ("MANAGED", "REPORTED_TO", "SAME_TEAM", "OTHER_TEAM", "CLIENT", "MENTOR", "OTHER")
#: R33: the longest recommendation.
MAX_TEXT = 3_000

T = TypeVar("T")


def recommendation_cause(recommendation_id: str) -> str:
    """What a recommendation's notification is caused by (the Cypher that deletes recommendations
    builds the same string: delete_recommendation, block_validation, erase_account_batch)."""
    return f"recommendation:{recommendation_id}"


@dataclass(frozen=True)
class Recommendation:
    id: str
    author: Person
    recipient: Person
    relationship: str
    text: str
    status: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Recommendation:
        return cls(id=row["id"], author=Person.from_row(row["author"]),
                   recipient=Person.from_row(row["recipient"]), relationship=row["relationship"],
                   text=row["text"], status=row["status"], created_at=instant(row["createdAt"]),
                   updated_at=instant(row["updatedAt"]))


def _text(text: str) -> str:
    text = text.strip()
    if not 1 <= len(text) <= MAX_TEXT:
        raise BadUserInput(f"A recommendation's text must be 1 to {MAX_TEXT:,} characters after trimming; "
                           f"this one has {len(text):,}.")
    return text


async def _between(tx: Tx, author: str, recipient: str) -> Recommendation:
    row = await tx.one(RECOMMENDATIONS_BETWEEN, pairs=[[author, recipient]])
    assert row is not None
    return Recommendation.from_row(row["recommendation"])


async def on_pair(graph: Graph, viewer: Viewer, other: str, name: str, what: str, yourself: str,
                  work: Callable[[Tx, str, PairState, dict[str, Any]], Awaitable[T]]) -> T:
    """Runs ``work(tx, me, pair, state)`` in one transaction named ``name``, under both people's
    locks: ``pair`` their relationship, ``state`` what recommendation_state reads (the pair's
    recommendations and requests, both ways). Every change to either goes through here, a request's
    too (``service/recommendation_requests.py``)."""
    me = privacy.require_person(viewer, what)
    if other == me:
        raise BadUserInput(yourself)

    async def run(tx: Tx) -> T:
        pair = await lock_pair(tx, me, other)
        state = await tx.one(RECOMMENDATION_STATE, me=me, other=other)
        assert state is not None
        return await work(tx, me, pair, state)

    return await graph.transaction(name, run)


async def write(graph: Graph, viewer: Viewer, person_id: str, text: str, relationship: str) -> Recommendation:
    """R33: a 1st-degree connection writes (or revises) a recommendation: PENDING until the
    recipient accepts it. It fulfils the recipient's pending request to the author, if any. Writing
    again exactly what is pending changes nothing."""
    text = _text(text)
    if relationship not in RELATIONSHIPS:
        raise BadUserInput(f"'relationship' must be one of {', '.join(RELATIONSHIPS)}.")

    async def work(tx: Tx, me: str, pair: PairState, state: dict[str, Any]) -> Recommendation:
        privacy.require_unblocked(pair.blocked, "recommend this person")
        privacy.require_connected(pair.connected, "recommend a person")
        written = state["written"]
        if written is not None and (written["status"], written["text"], written["relationship"]) == (
                "PENDING", text, relationship):
            return await _between(tx, me, person_id)
        row = await tx.one(WRITE_RECOMMENDATION, me=me, other=person_id, text=text, relationship=relationship)
        assert row is not None
        cause = recommendation_cause(row["id"])
        causes = [cause]  # a revision's earlier notification gives way to the new one
        if state["askedBy"] is not None:
            fulfilled = await tx.one(DELETE_RECOMMENDATION_REQUEST, asker=person_id, asked=me)
            assert fulfilled is not None
            causes += fulfilled["causes"]
        await events.forget(tx, causes)
        found = await _between(tx, me, person_id)
        await events.record(tx, [Change(Kind.RECOMMENDATION_WRITTEN, actor=me, subject=person_id,
                                        cause=cause)])
        return found

    return await on_pair(graph, viewer, person_id, "write_recommendation",
                         "write recommendations", "You can't recommend yourself.", work)


async def withdraw(graph: Graph, viewer: Viewer, person_id: str) -> bool:
    """R33: the author takes its recommendation back, whatever its status; idempotent."""

    async def work(tx: Tx, me: str, pair: PairState, state: dict[str, Any]) -> bool:
        if state["written"] is None:
            return False
        row = await tx.one(DELETE_RECOMMENDATION, author=me, recipient=person_id)
        assert row is not None
        await events.forget(tx, row["causes"])
        await events.record(tx, [Change(Kind.RECOMMENDATION_WITHDRAWN, actor=me, subject=person_id)])
        return True

    return await on_pair(graph, viewer, person_id, "withdraw_recommendation",
                         "withdraw your recommendations", "You can't recommend yourself.", work)


async def respond(graph: Graph, viewer: Viewer, author_id: str, status: str, *,
                  accepting: bool) -> Recommendation:
    """R34: the recipient accepts a recommendation as SHOWN or HIDDEN (``accepting``), or switches an
    accepted one between the two (a pending one must be accepted first: CONFLICT)."""

    async def work(tx: Tx, me: str, pair: PairState, state: dict[str, Any]) -> Recommendation:
        received = state["received"]
        if received is None:
            raise NotFound(f"{author_id!r} has written you no recommendation.")
        if not accepting and received["status"] == "PENDING":
            raise Conflict("This recommendation is still pending; accept it first (acceptRecommendation, "
                           "with show: false to keep it hidden).")
        if received["status"] == status:
            return await _between(tx, author_id, me)
        await tx.run(SET_RECOMMENDATION_STATUS, author=author_id, recipient=me, status=status)
        found = await _between(tx, author_id, me)
        accepted = received["status"] == "PENDING"
        kind = Kind.RECOMMENDATION_ACCEPTED if accepted else Kind.RECOMMENDATION_SWITCHED
        await events.record(tx, [Change(kind, actor=me, subject=author_id, detail=status)])
        return found

    return await on_pair(graph, viewer, author_id, "respond_to_recommendation",
                         "accept or hide recommendations",
                         "Nobody recommends themself.", work)


async def decline(graph: Graph, viewer: Viewer, author_id: str) -> bool:
    """R34: the recipient deletes a recommendation (any status); its author is not told."""

    async def work(tx: Tx, me: str, pair: PairState, state: dict[str, Any]) -> bool:
        if state["received"] is None:
            return False
        row = await tx.one(DELETE_RECOMMENDATION, author=author_id, recipient=me)
        assert row is not None
        await events.forget(tx, row["causes"])
        await events.record(tx, [Change(Kind.RECOMMENDATION_DECLINED, actor=me, subject=author_id)])
        return True

    return await on_pair(graph, viewer, author_id, "decline_recommendation",
                         "decline recommendations", "Nobody recommends themself.", work)


async def recommendations(graph: Graph, viewer: Viewer, person: Person, given: bool,
                          request: PageRequest) -> Page[Recommendation]:
    """R34: the recommendations the person received (or wrote, ``given``), newest first, as the viewer
    may see them; signed-in viewers only."""
    privacy.require_signed_in(viewer, f"see {person.name}'s recommendations")
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(RECOMMENDATIONS_PAGE, person=person.id, given=given, viewerId=viewer.id,
                               admin=viewer.admin, afterAt=after_at, afterId=after_id, fetch=request.fetch)
    if row is None:
        return Page.empty()
    page = Page.of(row["recommendations"], request, row["total"], key=lambda r: [r["atKey"], r["otherId"]])
    return page.map(Recommendation.from_row)


async def recommendation_counts(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, int]:
    """R34: SHOWN recommendations received, by person id; public."""
    rows = await graph.read(RECOMMENDATION_COUNTS, ids=ids, viewerId=viewer.id, admin=viewer.admin)
    return {row["id"]: row["recommendations"] for row in rows}


async def pending_between(graph: Graph, viewer: Viewer,
                          pairs: list[tuple[str, str]]) -> dict[tuple[str, str], Recommendation]:
    """The PENDING recommendation of each (author, recipient) pair that the viewer may see (a
    notification's ``recommendation``), by pair."""
    rows = await graph.read(RECOMMENDATIONS_BETWEEN, pairs=[list(p) for p in pairs])
    found = {}
    for row in rows:
        r = Recommendation.from_row(row["recommendation"])
        seen = privacy.may_see_recommendation(viewer, r.status, r.author.id, r.recipient.id)
        if r.status == "PENDING" and seen:
            found[(r.author.id, r.recipient.id)] = r
    return found
