"""CONNECTED_TO, the strong tie (R3-R7): requests, accepting, ignoring, withdrawing, removing,
and the connections and connection-request lists.

A connection is stored once per pair, from the smaller id to the larger, and always matched
without direction. Every change runs in ``relationships.change_pair``, under both people's locks,
so crossing requests and double accepts leave exactly one CONNECTED_TO and no request behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from service import cypher, events, privacy
from service.errors import BadUserInput, Conflict, LimitExceeded, NotFound, not_in_network
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.pages import Page, PageRequest, time_cursor
from service.people import Person, people_page
from service.relationships import PairState, Relationship, change_pair
from service.settings import Settings

REQUEST_CONNECTION = cypher.query("request_connection")
REQUEST_WAITS = cypher.query("request_waits")
CONNECT = cypher.query("connect")
IGNORE_REQUEST = cypher.query("ignore_request")
DISMISS_PERSON = cypher.query("dismiss_person")
WITHDRAW_REQUEST = cypher.query("withdraw_request")
REMOVE_CONNECTION = cypher.query("remove_connection")
DISCONNECT_VALIDATION = cypher.query("disconnect_validation")
CONNECTIONS_PAGE = cypher.query("connections_page")
INCOMING_REQUESTS_PAGE = cypher.query("incoming_requests_page")
OUTGOING_REQUESTS_PAGE = cypher.query("outgoing_requests_page")

#: R3: the longest note a request may carry.
MAX_MESSAGE = 300


@dataclass(frozen=True)
class ConnectionLimits:
    """R3's limits, settled once at start-up from the settings (``TIES_WEEKLY_REQUEST_LIMIT``,
    ``TIES_MAX_CONNECTIONS``, whose defaults are the spec's). The two windows are the spec's; the
    queries take them as parameters and the refusals quote them, so they are written here alone."""

    #: Connection requests one person may send per rolling ``request_window``.
    weekly_requests: int
    #: Nobody may have more connections than this.
    max_connections: int
    #: R3: the rolling window ``weekly_requests`` counts over.
    request_window: timedelta = timedelta(days=7)
    #: R6: after withdrawing a request, how long before one may ask the same person again.
    withdrawal_wait: timedelta = timedelta(days=21)

    @classmethod
    def from_settings(cls, settings: Settings) -> ConnectionLimits:
        return cls(weekly_requests=settings.weekly_request_limit, max_connections=settings.max_connections)


@dataclass(frozen=True)
class ConnectionRequest:
    sender: Person
    recipient: Person
    message: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ConnectionRequest:
        return cls(sender=Person.from_row(row["from"]), recipient=Person.from_row(row["to"]),
                   message=row["message"], created_at=instant(row["atKey"]))


def _room_for_one_more(state: PairState, limits: ConnectionLimits) -> None:
    """R3: neither side may go past the most connections anyone may have."""
    if state.my_connections >= limits.max_connections:
        raise LimitExceeded(f"You have {limits.max_connections:,} connections, the most anyone may "
                            "have; remove some before connecting with anyone new.")
    if state.other_connections >= limits.max_connections:
        raise LimitExceeded(f"This person has {limits.max_connections:,} connections, the most anyone "
                            "may have, and can't take more; follow them instead.")


async def _connect(tx: Tx, state: PairState, limits: ConnectionLimits) -> None:
    _room_for_one_more(state, limits)
    await tx.run(CONNECT, a=state.me, b=state.other)


def _span(span: timedelta) -> str:
    """A window in words, in its largest whole unit: "7 days", "1 hour"."""
    seconds = int(span.total_seconds())
    unit, size = next(((u, n) for u, n in (("day", 86_400), ("hour", 3_600), ("minute", 60))
                       if seconds % n == 0), ("second", 1))
    count = seconds // size
    return f"{count} {unit}{'s' if count != 1 else ''}"


def _seconds(span: timedelta) -> int:
    return int(span.total_seconds())


def _note(message: str | None) -> str | None:
    if message is None or not message.strip():
        return None
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise BadUserInput(f"A request's message may be at most {MAX_MESSAGE} characters; "
                           f"this one has {len(message)}.")
    return message


async def send_request(graph: Graph, viewer: Viewer, other: str, message: str | None,
                       limits: ConnectionLimits) -> Relationship:
    """R3. Asking again while a request is pending changes nothing. When ``other`` has already
    asked the viewer, the two connect at once (as R4) and the message is not kept."""
    note = _note(message)

    async def decide(tx: Tx, state: PairState) -> None:
        privacy.require_unblocked(state.blocked, "send this person a connection request")
        if state.connected:
            raise Conflict("You are already connected with this person.")
        if state.request_sent:
            return
        if state.request_received:
            await _connect(tx, state, limits)
            return
        privacy.require_not_dismissed(state.dismissed_by_other)
        waits = await tx.one(REQUEST_WAITS, me=state.me, other=state.other,
                             windowSeconds=_seconds(limits.request_window),
                             waitSeconds=_seconds(limits.withdrawal_wait))
        assert waits is not None  # both are locked (change_pair), so both are there
        if waits["mayRequestAgainAt"] is not None:
            raise LimitExceeded(f"You withdrew a request to this person less than "
                                f"{_span(limits.withdrawal_wait)} ago; you can ask again from "
                                f"{waits['mayRequestAgainAt'].isoformat()}.")
        if waits["requestsInWindow"] >= limits.weekly_requests:
            raise LimitExceeded(f"You have sent {limits.weekly_requests} connection requests in the last "
                                f"{_span(limits.request_window)}, the most allowed; try again in a few days.")
        _room_for_one_more(state, limits)
        await tx.run(REQUEST_CONNECTION, me=state.me, other=state.other, message=note,
                     windowSeconds=_seconds(limits.request_window))

    return await change_pair(graph, viewer, other, name="send_connection_request", decide=decide,
                             yourself="You can't send yourself a connection request.")


async def accept_request(graph: Graph, viewer: Viewer, other: str, limits: ConnectionLimits) -> Relationship:
    """R4: only the recipient of a pending request. Accepting a request that has just been
    accepted (a double click, a retry) answers with the connection rather than an error."""

    async def decide(tx: Tx, state: PairState) -> None:
        if state.request_received:
            await _connect(tx, state, limits)
        elif not state.connected:
            raise NotFound("This person has no pending connection request to you.")

    return await change_pair(graph, viewer, other, name="accept_connection_request", decide=decide,
                             yourself="You can't accept a connection request from yourself.")


async def ignore_request(graph: Graph, viewer: Viewer, other: str, dont_know: bool) -> Relationship:
    """R5: deletes the request silently; with ``dont_know`` the sender may never ask again."""

    async def decide(tx: Tx, state: PairState) -> None:
        if not state.request_received:
            raise NotFound("This person has no pending connection request to you.")
        await tx.run(IGNORE_REQUEST, me=state.me, other=state.other)
        if dont_know:
            await tx.run(DISMISS_PERSON, me=state.me, other=state.other)

    return await change_pair(graph, viewer, other, name="ignore_connection_request", decide=decide,
                             yourself="You can't ignore a connection request from yourself.")


async def withdraw_request(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """R6: the sender deletes its pending request, and may not ask the same person again for
    ``ConnectionLimits.withdrawal_wait``."""

    async def decide(tx: Tx, state: PairState) -> None:
        if not state.request_sent:
            raise NotFound("You have no pending connection request to this person.")
        await tx.run(WITHDRAW_REQUEST, me=state.me, other=state.other)

    return await change_pair(graph, viewer, other, name="withdraw_connection_request", decide=decide,
                             yourself="You can't withdraw a connection request to yourself.")


async def remove_connection(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """R7: either side; deletes the connection and the remover's follow of the other, and (as
    amended) the endorsements and pending recommendation requests between them, both ways, with
    their notifications; written recommendations stay."""

    async def decide(tx: Tx, state: PairState) -> None:
        if not state.connected:
            raise NotFound("You are not connected with this person.")
        await tx.run(REMOVE_CONNECTION, me=state.me, other=state.other)
        ended = await tx.one(DISCONNECT_VALIDATION, me=state.me, other=state.other)
        assert ended is not None
        await events.forget(tx, ended["causes"])

    return await change_pair(graph, viewer, other, name="remove_connection", decide=decide,
                             yourself="You can't remove a connection with yourself.")


async def connections(graph: Graph, viewer: Viewer, person: Person, request: PageRequest) -> Page[Person]:
    await privacy.require_may_list_connections(graph, viewer, person)
    return await people_page(graph, CONNECTIONS_PAGE, request, personId=person.id,
                             viewerId=privacy.hidden_from(viewer))


async def requests(graph: Graph, viewer: Viewer, incoming: bool,
                   request: PageRequest) -> Page[ConnectionRequest]:
    """The viewer's own pending requests, newest first: received (``incoming``) or sent."""
    me = privacy.require_person(viewer, "see your connection requests")
    after_at, after_id = time_cursor(request)
    query = INCOMING_REQUESTS_PAGE if incoming else OUTGOING_REQUESTS_PAGE
    row = await graph.read_one(query, me=me, afterAt=after_at, afterId=after_id, fetch=request.fetch)
    if row is None:
        raise not_in_network(me)
    page = Page.of(row["requests"], request, row["total"], key=lambda r: [r["atKey"], r["otherId"]])
    return page.map(ConnectionRequest.from_row)
