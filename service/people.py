"""People: creating them, finding them (blocks hide people from each other, R8) and their counts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, events, privacy
from service.cypher import CypherQuery
from service.errors import BadUserInput, Conflict, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.network import RequestNetwork
from service.pages import Page, PageRequest, person_cursor

CREATE_PERSON = cypher.query("create_person")
PEOPLE_BY_IDS = cypher.query("people_by_ids")
PERSON_COUNTS = cypher.query("person_counts")
UPDATE_SETTINGS = cypher.query("update_settings")
PERSON_SETTINGS = cypher.query("person_settings")

#: Who may list a person's connections (R9); a person without the property gets the default.
CONNECTIONS_VISIBILITIES = ("PUBLIC", "CONNECTIONS", "PRIVATE")
DEFAULT_CONNECTIONS_VISIBILITY = "CONNECTIONS"
#: Who may follow a person (R1).
FOLLOW_POLICIES = ("EVERYONE", "CONNECTIONS")
DEFAULT_FOLLOW_POLICY = "EVERYONE"
#: Who may message a person (R25): their connections, or everyone whose own policy is EVERYONE too.
MESSAGE_POLICIES = ("CONNECTIONS", "EVERYONE")

MAX_NAME = 200
MAX_HEADLINE = 300
MAX_ID = 100


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    headline: str | None
    created_at: datetime
    connections_visibility: str
    follow_policy: str

    @classmethod
    def unread(cls, person_id: str) -> Person:
        """A person ``visible_in_index`` vouched for, whose details were not read: for an answer that
        reads nothing but the id (``api.people.ID_ONLY_FIELDS``); every other field holds a blank."""
        return cls(person_id, "", None, datetime.min, DEFAULT_CONNECTIONS_VISIBILITY, DEFAULT_FOLLOW_POLICY)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Person:
        """A person map as the ``cypher/`` files return it: ``createdAt`` as text (see ``instant``)."""
        # people imported from edges alone may lack a name or settings: the id and defaults stand in
        return cls(id=row["id"], name=row.get("name") or row["id"], headline=row.get("headline"),
                   created_at=instant(row["createdAt"]),
                   connections_visibility=row.get("connectionsVisibility")
                   or DEFAULT_CONNECTIONS_VISIBILITY,
                   follow_policy=row.get("followPolicy") or DEFAULT_FOLLOW_POLICY)


@dataclass(frozen=True)
class Settings:
    """A person's own settings (``cypher/person_settings.cypher`` fills in the defaults)."""

    connections_visibility: str
    follow_policy: str
    #: R25: CONNECTIONS (the default) or EVERYONE.
    message_policy: str
    #: R31: False turns endorsements of this person off.
    endorsable: bool

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Settings:
        return cls(connections_visibility=row["connectionsVisibility"] or DEFAULT_CONNECTIONS_VISIBILITY,
                   follow_policy=row["followPolicy"] or DEFAULT_FOLLOW_POLICY,
                   message_policy=row["messagePolicy"] or "CONNECTIONS",
                   endorsable=row["endorsable"] is not False)


@dataclass(frozen=True)
class Counts:
    followers: int = 0
    following: int = 0
    connections: int = 0


async def create_person(graph: Graph, viewer: Viewer, name: str, headline: str | None,
                        person_id: str | None = None) -> Person:
    """Admin only. A missing id gets a fresh UUID; an id in use is a CONFLICT."""
    privacy.require_admin(viewer, "create people")
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise BadUserInput(f"'name' must be 1 to {MAX_NAME} characters.")
    if headline is not None and len(headline) > MAX_HEADLINE:
        raise BadUserInput(f"'headline' must be at most {MAX_HEADLINE} characters.")
    if person_id is not None and not (0 < len(person_id) <= MAX_ID and person_id.strip() == person_id):
        raise BadUserInput(f"'id' must be 1 to {MAX_ID} characters without surrounding spaces.")
    new_id = person_id or str(uuid.uuid4())

    async def create(tx: Tx) -> Person:
        row = await tx.one(CREATE_PERSON, id=new_id, name=name, headline=headline)
        assert row is not None
        await events.record(tx, [Change(Kind.PERSON_CREATED, actor=viewer.id, subject=new_id)])
        return Person.from_row(row["person"])

    try:
        return await graph.transaction("create_person", create)
    except Conflict:
        raise Conflict(f"A person with id {new_id!r} already exists.") from None


async def visible_in_index(network: RequestNetwork, viewer: Viewer, person_id: str) -> bool:
    """``people_by_ids``'s answer for one id, from the connection index instead of Neo4j: the person
    exists (not deleted) and no block stands between them and the viewer (``privacy.hidden_from``).
    As fresh as Neo4j: ``current()`` catches up with the change log first, and every way the service
    creates, deletes or blocks people records its event in the same transaction. People a writer
    outside the service adds are known once it records GRAPH_CHANGED, as for every index answer."""
    adj = await network.current()
    number = adj.number.get(person_id)
    if number is None or not adj.present[number]:
        return False
    viewer_id = privacy.hidden_from(viewer)
    me = None if viewer_id is None else adj.number.get(viewer_id)
    return me is None or number not in adj.blocked_with(me)


async def people_by_ids(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, Person]:
    """The people with these ids that the viewer may see, by id (unknown or blocked: absent)."""
    return await people_hidden_from(graph, privacy.hidden_from(viewer), ids)


async def people_hidden_from(graph: Graph, viewer_id: str | None, ids: list[str]) -> dict[str, Person]:
    """The people with these ids, by id, less those blocked either way with ``viewer_id`` (if any;
    ``privacy.hidden_from`` decides whose blocks count)."""
    if not ids:
        return {}
    rows = await graph.read(PEOPLE_BY_IDS, ids=ids, viewerId=viewer_id)
    return {row["person"]["id"]: Person.from_row(row["person"]) for row in rows}


async def counts_by_ids(graph: Graph, ids: list[str]) -> dict[str, Counts]:
    rows = await graph.read(PERSON_COUNTS, ids=ids)
    return {row["id"]: Counts(row["followers"], row["following"], row["connections"]) for row in rows}


async def settings_by_ids(graph: Graph, ids: list[str]) -> dict[str, Settings]:
    """The settings of these people, by id (unknown ids: absent). Who may see them is the caller's
    to decide (``privacy.may_see_settings``)."""
    rows = await graph.read(PERSON_SETTINGS, ids=ids)
    return {row["id"]: Settings.from_row(row["settings"]) for row in rows}


async def update_settings(graph: Graph, viewer: Viewer, connections_visibility: str | None = None,
                          follow_policy: str | None = None, message_policy: str | None = None,
                          endorsable: bool | None = None) -> Settings:
    """Changes the viewer's own settings; a value left out (None) keeps what it was.

    Tightening followPolicy keeps the followers someone already has (as Mastodon and LinkedIn do):
    it only decides who may follow from now on. messagePolicy decides who may send a message from
    now on (R29: each message is judged when sent); endorsable false refuses new endorsements and
    keeps the ones given (R31).
    """
    me = privacy.require_person(viewer, "change your settings")
    if connections_visibility is not None and connections_visibility not in CONNECTIONS_VISIBILITIES:
        raise BadUserInput(f"'connectionsVisibility' must be one of {', '.join(CONNECTIONS_VISIBILITIES)}.")
    if follow_policy is not None and follow_policy not in FOLLOW_POLICIES:
        raise BadUserInput(f"'followPolicy' must be one of {', '.join(FOLLOW_POLICIES)}.")
    if message_policy is not None and message_policy not in MESSAGE_POLICIES:
        raise BadUserInput(f"'messagePolicy' must be one of {', '.join(MESSAGE_POLICIES)}.")

    async def update(tx: Tx) -> Settings:
        row = await tx.one(UPDATE_SETTINGS, id=me, connectionsVisibility=connections_visibility,
                           followPolicy=follow_policy, messagePolicy=message_policy, endorsable=endorsable)
        if row is None:
            raise not_in_network(me)
        await events.record(tx, [Change(Kind.SETTINGS_UPDATED, actor=me, subject=me)])
        return Settings.from_row(row["settings"])

    return await graph.transaction("update_settings", update)


async def people_page(graph: Graph, query: CypherQuery, request: PageRequest, **params: Any) -> Page[Person]:
    """One page of a list of people ordered by id (followers, mutual connections, an audience ...).

    ``query`` takes ``params``, ``$after`` (the last id of the previous page) and ``$fetch``, and
    returns ``total`` and ``people`` (person maps); see ``cypher/followers_page.cypher``.
    """
    row = await graph.read_one(query, after=person_cursor(request), fetch=request.fetch, **params)
    if row is None:
        return Page.empty()
    people = [Person.from_row(p) for p in row["people"]]
    return Page.of(people, request, row["total"], key=lambda p: p.id)
