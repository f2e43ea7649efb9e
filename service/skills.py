"""Skills and endorsements (R30-R32): what people say they are good at, and who vouches for it.

A skill is a shared ``(:Skill {key})`` node, ``key`` being its name with runs of spaces made one and
lower-cased (``skill_key``), so "Machine  learning" and "machine Learning" are one skill and Browser
can ask who lists it; ``(:Person)-[:HAS_SKILL {name, at}]->(:Skill)`` keeps each person's own
spelling. An endorsement is ``(endorser)-[:ENDORSED {id, skill: key, at, hidden}]->(person)``, one
per endorser, person and skill.

Every change between two people (endorse, withdraw, hide) runs under both people's locks
(``relationships.lock_pair``), so it decides on what is there: an endorsement cannot slip past a
removed connection or a block. Changes to one's own skills lock the person alone. Each endorsement's
notification names it as its cause (``endorsement:<id>``) and is forgotten when it goes: withdrawn,
its skill removed, the connection removed (R7) or a block (R8).

Counts and lists are what the viewer may page through: hidden endorsements only for the person (or
an admin), marked; endorsers blocked either way with the viewer never.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, events, privacy, quotas
from service.errors import BadUserInput, LimitExceeded, NotFound, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.network import RequestNetwork, search
from service.pages import Page, PageRequest, time_cursor
from service.people import Person
from service.quotas import Quota
from service.relationships import LOCK_PAIR, lock_pair

SKILL_STATE = cypher.query("skill_state")
ADD_SKILL = cypher.query("add_skill")
REMOVE_SKILL = cypher.query("remove_skill")
ENDORSEMENT_STATE = cypher.query("endorsement_state")
ENDORSE = cypher.query("endorse")
WITHDRAW_ENDORSEMENT = cypher.query("withdraw_endorsement")
SET_ENDORSEMENT_HIDDEN = cypher.query("set_endorsement_hidden")
SKILLS_OF = cypher.query("skills_of")
ENDORSEMENTS_PAGE = cypher.query("endorsements_page")
ENDORSEMENTS_FROM = cypher.query("endorsements_from")

#: R30: the most skills one person lists, and the longest name.
MAX_SKILLS = 50
MAX_SKILL_NAME = 80
#: R32: how many of the viewer's connections "endorsed by people you know" names unless asked for more.
FROM_CONNECTIONS = 3


def skill_name(name: str) -> str:
    """A skill's name as given, runs of whitespace made one space; BAD_USER_INPUT unless 1-80 characters."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_SKILL_NAME:
        raise BadUserInput(f"A skill's name must be 1 to {MAX_SKILL_NAME} characters; "
                           f"this one has {len(cleaned)}.")
    return cleaned


def skill_key(name: str) -> str:
    """The key of the shared Skill node: the name (``skill_name``) lower-cased, so case does not count."""
    return skill_name(name).lower()


def endorsement_cause(endorsement_id: str) -> str:
    """What an endorsement's notification is caused by (the Cypher that deletes endorsements builds
    the same string: remove_skill, disconnect_validation, block_validation)."""
    return f"endorsement:{endorsement_id}"


@dataclass(frozen=True)
class Skill:
    """One skill of a person, as the viewer sees it."""

    person_id: str
    key: str
    name: str
    endorsement_count: int
    viewer_has_endorsed: bool

    @classmethod
    def from_row(cls, person_id: str, row: dict[str, Any]) -> Skill:
        return cls(person_id=person_id, key=row["key"], name=row["name"],
                   endorsement_count=row["endorsementCount"], viewer_has_endorsed=row["viewerHasEndorsed"])


@dataclass(frozen=True)
class Endorsement:
    endorser: Person
    at: datetime
    #: Hidden by the person: only they (and admins) see it, marked so.
    hidden: bool

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Endorsement:
        return cls(endorser=Person.from_row(row["endorser"]), at=instant(row["atKey"]), hidden=row["hidden"])


def _seen_by(viewer: Viewer) -> dict[str, Any]:
    """The parameters that say whose view a skill query answers for."""
    return {"viewerId": viewer.id, "admin": viewer.admin}


async def skills_by_ids(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, list[Skill]]:
    """Each person's skills, most endorsed first, as the viewer sees them (public: anonymous too)."""
    rows = await graph.read(SKILLS_OF, ids=ids, **_seen_by(viewer))
    return {row["id"]: [Skill.from_row(row["id"], s) for s in row["skills"]] for row in rows}


async def _skill(tx: Tx, viewer: Viewer, person_id: str, key: str) -> Skill:
    """The skill as it stands in ``tx``, as the viewer sees it."""
    rows = await tx.run(SKILLS_OF, ids=[person_id], **_seen_by(viewer))
    for row in rows:
        for skill in row["skills"]:
            if skill["key"] == key:
                return Skill.from_row(person_id, skill)
    raise NotFound("That skill is not listed (any more).")


async def _lock_self(tx: Tx, me: str) -> None:
    if not await tx.run(LOCK_PAIR, ids=[me]):
        raise not_in_network(me)


async def add_skill(graph: Graph, viewer: Viewer, name: str) -> Skill:
    """R30: lists a skill; one already listed (in any case) changes nothing. At most 50."""
    me = privacy.require_person(viewer, "list your skills")
    name = skill_name(name)
    key = name.lower()

    async def work(tx: Tx) -> Skill:
        await _lock_self(tx, me)
        state = await tx.one(SKILL_STATE, me=me, key=key)
        assert state is not None
        if state["name"] is None:
            if state["listed"] >= MAX_SKILLS:
                raise LimitExceeded(f"You list {MAX_SKILLS} skills, the most anyone may; remove one "
                                    "before adding another.")
            await tx.run(ADD_SKILL, me=me, key=key, name=name)
            skill = await _skill(tx, viewer, me, key)
            await events.record(tx, [Change(Kind.SKILL_ADDED, actor=me, subject=me, detail=name)])
            return skill
        return await _skill(tx, viewer, me, key)

    return await graph.transaction("add_skill", work)


async def remove_skill(graph: Graph, viewer: Viewer, name: str) -> bool:
    """R30: stops listing a skill, and its endorsements go (their notifications too). True when it
    was listed, False when not (idempotent)."""
    me = privacy.require_person(viewer, "list your skills")
    key = skill_key(name)

    async def work(tx: Tx) -> bool:
        await _lock_self(tx, me)
        state = await tx.one(SKILL_STATE, me=me, key=key)
        assert state is not None
        if state["name"] is None:
            return False
        row = await tx.one(REMOVE_SKILL, me=me, key=key)
        assert row is not None
        await events.forget(tx, row["causes"])
        await events.record(tx, [Change(Kind.SKILL_REMOVED, actor=me, subject=me, detail=state["name"])])
        return True

    return await graph.transaction("remove_skill", work)


def _not_listed(person_id: str, key: str) -> NotFound:
    return NotFound(f"{person_id!r} does not list the skill {key!r}; endorse one of the skills they list.")


async def endorse(graph: Graph, viewer: Viewer, person_id: str, skill: str, quota: Quota) -> Skill:
    """R31: a 1st-degree connection endorses a skill the person lists, unless they turned
    endorsements off; endorsing again changes nothing. Takes one of R37's endorsements (``quota``)
    only when it endorses anew."""
    me = privacy.require_person(viewer, "endorse skills")
    if person_id == me:
        raise BadUserInput("You can't endorse your own skills; your connections can.")
    key = skill_key(skill)

    async def work(tx: Tx) -> Skill:
        pair = await lock_pair(tx, me, person_id)
        privacy.require_unblocked(pair.blocked, "endorse this person")
        privacy.require_connected(pair.connected, "endorse a person's skills")
        state = await tx.one(ENDORSEMENT_STATE, me=me, other=person_id, key=key)
        assert state is not None
        privacy.require_endorsable(state["endorsable"])
        if state["name"] is None:
            raise _not_listed(person_id, key)
        if state["endorsement"] is not None:
            return await _skill(tx, viewer, person_id, key)
        await quotas.take(tx, me, quota)
        row = await tx.one(ENDORSE, me=me, other=person_id, key=key)
        assert row is not None
        skill_now = await _skill(tx, viewer, person_id, key)
        await events.record(tx, [Change(Kind.ENDORSED, actor=me, subject=person_id, detail=state["name"],
                                        cause=endorsement_cause(row["id"]))])
        return skill_now

    return await graph.transaction("endorse", work)


async def withdraw_endorsement(graph: Graph, viewer: Viewer, person_id: str, skill: str) -> Skill:
    """R31: takes back the viewer's endorsement of a skill (idempotent); its notification goes."""
    me = privacy.require_person(viewer, "withdraw endorsements")
    if person_id == me:
        raise BadUserInput("You can't endorse your own skills, so there is nothing to withdraw.")
    key = skill_key(skill)

    async def work(tx: Tx) -> Skill:
        pair = await lock_pair(tx, me, person_id)
        privacy.require_unblocked(pair.blocked, "see this person's skills")
        row = await tx.one(WITHDRAW_ENDORSEMENT, me=me, other=person_id, key=key)
        assert row is not None
        state = await tx.one(ENDORSEMENT_STATE, me=me, other=person_id, key=key)
        assert state is not None
        if state["name"] is None:
            raise _not_listed(person_id, key)
        if not row["causes"]:
            return await _skill(tx, viewer, person_id, key)
        await events.forget(tx, row["causes"])
        skill_now = await _skill(tx, viewer, person_id, key)
        await events.record(tx, [Change(Kind.ENDORSEMENT_WITHDRAWN, actor=me, subject=person_id,
                                        detail=state["name"])])
        return skill_now

    return await graph.transaction("withdraw_endorsement", work)


async def set_endorsement_hidden(graph: Graph, viewer: Viewer, skill: str, endorser_id: str,
                                 hidden: bool) -> Skill:
    """R32: the person hides one endorsement from everyone else (or shows it again); idempotent."""
    me = privacy.require_person(viewer, "hide endorsements of your skills")
    if endorser_id == me:
        raise BadUserInput("Nobody endorses their own skills; name the person whose endorsement to hide.")
    key = skill_key(skill)

    async def work(tx: Tx) -> Skill:
        await lock_pair(tx, me, endorser_id)
        row = await tx.one(SET_ENDORSEMENT_HIDDEN, me=me, endorser=endorser_id, key=key, hidden=hidden)
        if row is None:
            raise NotFound(f"{endorser_id!r} has not endorsed your skill {key!r}.")
        skill_now = await _skill(tx, viewer, me, key)
        if row["changed"]:
            kind = Kind.ENDORSEMENT_HIDDEN if hidden else Kind.ENDORSEMENT_SHOWN
            await events.record(tx, [Change(kind, actor=me, subject=endorser_id, detail=skill_now.name)])
        return skill_now

    return await graph.transaction("set_endorsement_hidden", work)


async def endorsements(graph: Graph, viewer: Viewer, skill: Skill, request: PageRequest) -> Page[Endorsement]:
    """R32: who endorsed the skill, newest first; signed-in viewers only."""
    privacy.require_signed_in(viewer, "see who endorsed a skill")
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(ENDORSEMENTS_PAGE, person=skill.person_id, key=skill.key, afterAt=after_at,
                               afterId=after_id, fetch=request.fetch, **_seen_by(viewer))
    if row is None:
        return Page.empty()
    page = Page.of(row["endorsements"], request, row["total"], key=lambda r: [r["atKey"], r["otherId"]])
    return page.map(Endorsement.from_row)


async def people_you_know(network: RequestNetwork, viewer_id: str, person_id: str) -> list[str]:
    """The viewer's connections who are also ``person_id``'s (all of them, for the person themself),
    from the connection index: the only people who can be among the viewer's connections who
    endorsed the person, since only connections endorse (R31) and removing one withdraws them (R7)."""
    adj = await network.current()
    viewer, person = adj.number.get(viewer_id), adj.number.get(person_id)
    if viewer is None or person is None:
        return []
    if viewer == person:
        found = search.first_degree(adj, viewer)
        network.budget.spend(len(found))
    else:
        found = search.mutuals(adj, viewer, person, network.budget)
    return [adj.ids[i] for i in found.tolist()]


async def endorsements_from_connections(graph: Graph, network: RequestNetwork, viewer: Viewer, skill: Skill,
                                        first: int) -> list[Person]:
    """R32, "endorsed by people you know": up to ``first`` of the viewer's connections who endorsed
    the skill, newest first."""
    me = privacy.require_person(viewer, "see which of your connections endorsed a skill")
    if not 0 <= first <= 100:
        raise BadUserInput(f"'first' must be between 0 and 100; got {first}")
    candidates = await people_you_know(network, me, skill.person_id)
    if not candidates or first == 0:
        return []
    row = await graph.read_one(ENDORSEMENTS_FROM, person=skill.person_id, key=skill.key,
                               candidates=candidates, seesHidden=me == skill.person_id, first=first)
    return [] if row is None else [Person.from_row(p) for p in row["people"]]
