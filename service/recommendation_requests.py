"""Requests for recommendations (R35): asking a connection for one, and what ends an ask.

A request is ``(asker)-[:ASKED_RECOMMENDATION {id, at, message}]->(asked)``, one pending per ordered
pair; the asked fulfils it by writing a recommendation (``recommendations.write``). Every change runs
under both people's locks, as a recommendation's does (``recommendations.on_pair``). Notifications
and what undoes them (their ``cause`` is the request's id):

    RECOMMENDATION_REQUESTED  made by asking; gone when the ask is withdrawn, dismissed or
                              fulfilled (the asked writes a recommendation), or the connection is
                              removed (R7), a block or an erased account ends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, events, privacy, quotas
from service.errors import BadUserInput, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.pages import Page, PageRequest, time_cursor
from service.people import Person
from service.quotas import Quota
from service.recommendations import DELETE_RECOMMENDATION_REQUEST, on_pair
from service.relationships import PairState

ASK_RECOMMENDATION = cypher.query("ask_recommendation")
RECOMMENDATION_REQUEST = cypher.query("recommendation_request")
RECOMMENDATION_REQUESTS_PAGE = cypher.query("recommendation_requests_page")

#: R35: the longest note on a request.
MAX_MESSAGE = 300


def request_cause(request_id: str) -> str:
    """What a recommendation request's notification is caused by (as delete_recommendation_request,
    disconnect_validation and block_validation build it)."""
    return f"recommendation-request:{request_id}"


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


def _note(message: str | None) -> str | None:
    if message is None or not message.strip():
        return None
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise BadUserInput(f"A recommendation request's note may be at most {MAX_MESSAGE} characters; "
                           f"this one has {len(message)}.")
    return message


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

    return await on_pair(graph, viewer, person_id, "request_recommendation", "ask for recommendations",
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
    return await on_pair(graph, viewer, person_id, name, "answer recommendation requests",
                         "You can't ask yourself for a recommendation.", work)


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
