"""Recommendations and the requests for them (R33-R35).

A recommendation is ``(author)-[:RECOMMENDED {id, text, relationship, status, createdAt, updatedAt,
respondedAt}]->(recipient)``, one per ordered pair: writing again revises it and sends it back to
PENDING. Its recipient accepts it as SHOWN or HIDDEN, switches between the two, or declines it
(deleted; its author is not told). PENDING and HIDDEN ones are the two people's alone
(``privacy.may_see_recommendation``; the list queries apply the same rule). A request is
``(asker)-[:ASKED_RECOMMENDATION {id, at, message}]->(asked)``, one pending per ordered pair.

Every change runs under both people's locks (``relationships.lock_pair``). Notifications and
what undoes them (their ``cause`` is the recommendation's or the request's id):

    RECOMMENDATION_RECEIVED   made by writing one (or revising it: the old one goes, a new one
                              comes); gone when it is withdrawn, declined, revised again, or a
                              block or an erased account deletes it. Accepting it keeps the
                              notification (its ``recommendation`` is shown while pending only).
    RECOMMENDATION_REQUESTED  made by asking; gone when the ask is withdrawn, dismissed or
                              fulfilled (the asked writes a recommendation), or the connection is
                              removed (R7), a block or an erased account ends it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from service import cypher, events, privacy, quotas
from service.errors import BadUserInput, Conflict, NotFound, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.pages import Page, PageRequest, time_cursor
from service.people import Person
from service.quotas import Quota
from service.relationships import PairState, lock_pair

RECOMMENDATION_STATE = cypher.query("recommendation_state")
WRITE_RECOMMENDATION = cypher.query("write_recommendation")
SET_RECOMMENDATION_STATUS = cypher.query("set_recommendation_status")
DELETE_RECOMMENDATION = cypher.query("delete_recommendation")
ASK_RECOMMENDATION = cypher.query("ask_recommendation")
DELETE_RECOMMENDATION_REQUEST = cypher.query("delete_recommendation_request")
RECOMMENDATIONS_BETWEEN = cypher.query("recommendations_between")
RECOMMENDATIONS_PAGE = cypher.query("recommendations_page")
RECOMMENDATION_COUNTS = cypher.query("recommendation_counts")
RECOMMENDATION_REQUESTS_PAGE = cypher.query("recommendation_requests_page")
RECOMMENDATION_REQUEST = cypher.query("recommendation_request")

#: R33: how the author knows the recipient.
RELATIONSHIPS = ("MANAGED", "REPORTED_TO", "SAME_TEAM", "OTHER_TEAM", "CLIENT", "MENTOR", "OTHER")
#: R33, R35: the longest recommendation and the longest note on a request.
MAX_TEXT = 3_000
MAX_MESSAGE = 300

T = TypeVar("T")


def recommendation_cause(recommendation_id: str) -> str:
    """What a recommendation's notification is caused by (the Cypher that deletes recommendations
    builds the same string: delete_recommendation, block_validation, erase_account_batch)."""
    return f"recommendation:{recommendation_id}"


def request_cause(request_id: str) -> str:
    """What a recommendation request's notification is caused by (as delete_recommendation_request,
    disconnect_validation and block_validation build it)."""
    return f"recommendation-request:{request_id}"


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


@dataclass(frozen=True)
class RecommendationRequest:
    asker: Person
    asked: Person
    message: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RecommendationRequest:
        return cls(asker=Person.from_row(row["from"]), asked=Person.from_row(row["to"]),
                   message=row["message"], created_at=instant(row["atKey"]))


def _text(text: str) -> str:
    text = text.strip()
    if not 1 <= len(text) <= MAX_TEXT:
        raise BadUserInput(f"A recommendation's text must be 1 to {MAX_TEXT:,} characters after trimming; "
                           f"this one has {len(text):,}.")
    return text


def _note(message: str | None) -> str | None:
    if message is None or not message.strip():
        return None
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise BadUserInput(f"A recommendation request's note may be at most {MAX_MESSAGE} characters; "
                           f"this one has {len(message)}.")
    return message


async def _between(tx: Tx, author: str, recipient: str) -> Recommendation:
    row = await tx.one(RECOMMENDATIONS_BETWEEN, pairs=[[author, recipient]])
    assert row is not None
    return Recommendation.from_row(row["recommendation"])


async def _on_pair(graph: Graph, viewer: Viewer, other: str, name: str, what: str, yourself: str,
                   work: Callable[[Tx, str, PairState, dict[str, Any]], Awaitable[T]]) -> T:
    """Runs ``work(tx, me, pair, state)`` in one transaction named ``name``, under both people's
    locks: ``pair`` their relationship, ``state`` what recommendation_state reads."""
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

    return await _on_pair(graph, viewer, person_id, "write_recommendation",
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

    return await _on_pair(graph, viewer, person_id, "withdraw_recommendation",
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

    return await _on_pair(graph, viewer, author_id, "respond_to_recommendation",
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

    return await _on_pair(graph, viewer, author_id, "decline_recommendation",
                          "decline recommendations", "Nobody recommends themself.", work)


async def _request(tx: Tx, asker: str, asked: str) -> RecommendationRequest:
    row = await tx.one(RECOMMENDATION_REQUEST, asker=asker, asked=asked)
    assert row is not None
    return RecommendationRequest.from_row(row["request"])


async def ask(graph: Graph, viewer: Viewer, person_id: str, message: str | None,
              quota: Quota) -> RecommendationRequest:
    """R35: asks a 1st-degree connection for a recommendation; asking again while one is pending
    changes nothing (and takes nothing of R37's ``quota``)."""
    note = _note(message)

    async def work(tx: Tx, me: str, pair: PairState, state: dict[str, Any]) -> RecommendationRequest:
        privacy.require_unblocked(pair.blocked, "ask this person for a recommendation")
        privacy.require_connected(pair.connected, "be asked for a recommendation")
        if state["asked"] is not None:
            return await _request(tx, me, person_id)
        await quotas.take(tx, me, quota)
        row = await tx.one(ASK_RECOMMENDATION, me=me, other=person_id, message=note)
        assert row is not None
        found = await _request(tx, me, person_id)
        await events.record(tx, [Change(Kind.RECOMMENDATION_ASKED, actor=me, subject=person_id,
                                        cause=request_cause(row["id"]))])
        return found

    return await _on_pair(graph, viewer, person_id, "request_recommendation",
                          "ask for recommendations",
                          "You can't ask yourself for a recommendation.", work)


async def end_request(graph: Graph, viewer: Viewer, person_id: str, *, mine: bool) -> bool:
    """R35: the asker withdraws its request (``mine``), or the asked dismisses it, silently;
    idempotent (False when there was none)."""

    async def work(tx: Tx, me: str, pair: PairState, state: dict[str, Any]) -> bool:
        if state["asked" if mine else "askedBy"] is None:
            return False
        asker, asked = (me, person_id) if mine else (person_id, me)
        row = await tx.one(DELETE_RECOMMENDATION_REQUEST, asker=asker, asked=asked)
        assert row is not None
        await events.forget(tx, row["causes"])
        kind = Kind.RECOMMENDATION_REQUEST_WITHDRAWN if mine else Kind.RECOMMENDATION_REQUEST_DISMISSED
        await events.record(tx, [Change(kind, actor=me, subject=person_id)])
        return True

    name = "withdraw_recommendation_request" if mine else "dismiss_recommendation_request"
    return await _on_pair(graph, viewer, person_id, name, "answer recommendation requests",
                          "You can't ask yourself for a recommendation.", work)


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


async def requests(graph: Graph, viewer: Viewer, incoming: bool,
                   request: PageRequest) -> Page[RecommendationRequest]:
    """R35: the viewer's own pending recommendation requests, received (``incoming``) or sent."""
    me = privacy.require_person(viewer, "see your recommendation requests")
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(RECOMMENDATION_REQUESTS_PAGE, me=me, incoming=incoming, afterAt=after_at,
                               afterId=after_id, fetch=request.fetch)
    if row is None:
        raise not_in_network(me)
    page = Page.of(row["requests"], request, row["total"], key=lambda r: [r["atKey"], r["otherId"]])
    return page.map(RecommendationRequest.from_row)
