"""Reactions (R20, R24): one per person and post or comment, of six kinds; who reacted; the counts.

A reaction is ``(:Person)-[:REACTED {kind, at, subjectId}]->(:Post|:Comment)``: one per person and
subject, so reacting again changes its kind (it keeps the time of the first reaction), and removing
it is idempotent. Authors may react to their own posts and comments. Whoever may see the subject
may see its reactions; the mutations that find the subject (``posts.react_to_post``,
``comment_changes.react_to_comment``) check that and call ``react`` / ``remove`` here inside their
own transaction, holding the reacting person's lock and then the post's (``posts.lock_interaction``).

Counts are per viewer and cost a handful of reads at any size: each subject keeps a counter per
kind (``reactionsLIKE`` ...), written with the reaction, and what a viewer sees is that less the
reactions of the few people blocked either way with it (R8 hides them from its lists, so from its
counts), looked up from their side (``cypher/reaction_summaries.cypher``). So a count always equals
what the viewer can page through. Pages come newest first from the index on
(``REACTED.subjectId``, ``REACTED.at``) in its own order; ``reactions_from`` (the viewer's
connections who reacted) takes the connections from the connection index and asks Neo4j about
those people alone, never walking the subject's 50,000 reactions.

Events: a person's first reaction to a subject is POST_REACTION or COMMENT_REACTION for its author
(``cause`` ``reaction:<person>:<subject id>``); a change of kind records REACTION_CHANGED and a
removal REACTION_REMOVED, neither of them a notification; a removal, a block, or the subject's
deletion forgets the events of that cause (``events.forget``), so the notification goes too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, events, privacy, quotas
from service.errors import BadUserInput
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.network import RequestNetwork, search
from service.pages import Page, PageRequest, time_cursor
from service.people import Person
from service.quotas import Quota

REACT = cypher.query("react")
REMOVE_REACTION = cypher.query("remove_reaction")
REACTION_SUMMARIES = cypher.query("reaction_summaries")
REACTIONS_PAGE = cypher.query("reactions_page")
REACTIONS_FROM = cypher.query("reactions_from")

#: The six kinds, in the order the API lists them (and counts of equal size are ordered).
KINDS = ("LIKE", "CELEBRATE", "SUPPORT", "LOVE", "INSIGHTFUL", "FUNNY")
#: How many of the viewer's connections ``reactionsFromConnections`` names when not told.
FROM_CONNECTIONS = 3
#: How many of a subject's newest reactions ``reactions_from_connections`` checks against the
#: viewer's connections before it asks about each connection instead (``cypher/reactions_from``).
NEWEST_SCANNED = 500


@dataclass(frozen=True)
class Subject:
    """What is reacted to: a post, or a comment on one."""

    id: str
    #: The post it is (or the comment is on): the lock every change to its reactions takes.
    post_id: str
    #: Whom its reactions are a notification for.
    author_id: str
    on_comment: bool = False


def cause(person_id: str, subject_id: str) -> str:
    """What the events of one person's reaction to one subject name as their cause."""
    return f"reaction:{person_id}:{subject_id}"


@dataclass(frozen=True)
class Summary:
    """What one viewer sees of a subject's reactions."""

    #: (kind, count) for the kinds in use, most first.
    counts: list[tuple[str, int]]
    #: The viewer's own reaction's kind, if any.
    mine: str | None = None

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


NO_REACTIONS = Summary([])


@dataclass(frozen=True)
class Reaction:
    person: Person
    kind: str
    at: datetime
    #: ``at`` exactly as Neo4j holds it: what cursors carry.
    cursor_at: str


def checked_kind(kind: str) -> str:
    if kind not in KINDS:
        raise BadUserInput(f"A reaction is one of {', '.join(KINDS)}; got {kind!r}.")
    return kind


async def react(tx: Tx, me: str, subject: Subject, kind: str, quota: Quota) -> None:
    """``me`` reacts to ``subject`` with ``kind`` in ``tx``, whose caller holds ``me``'s lock and the
    post's and has checked that ``me`` may see the subject. Records what changed: call it last."""
    row = await tx.one(REACT, me=me, subjectId=subject.id, onComment=subject.on_comment, kind=kind)
    assert row is not None  # the subject was found under the post's lock
    before: str | None = row["before"]
    if before == kind:
        return
    if before is None:
        await quotas.take(tx, me, quota)  # only a new reaction counts (R37); refused: all rolls back
    new = Kind.COMMENT_REACTION if subject.on_comment else Kind.POST_REACTION
    await events.record(tx, [Change(new if before is None else Kind.REACTION_CHANGED, actor=me,
                                    subject=subject.author_id, post=subject.post_id,
                                    comment=subject.id if subject.on_comment else None, detail=kind,
                                    cause=cause(me, subject.id))])


async def remove(tx: Tx, me: str, subject: Subject) -> None:
    """``me``'s reaction to ``subject`` goes, with the notification it made (none: nothing changes).
    As ``react``: under ``me``'s and the post's locks, and last."""
    row = await tx.one(REMOVE_REACTION, me=me, subjectId=subject.id, onComment=subject.on_comment)
    if row is None:
        return
    await events.forget(tx, [cause(me, subject.id)])
    await events.record(tx, [Change(Kind.REACTION_REMOVED, actor=me, subject=subject.author_id,
                                    post=subject.post_id, comment=subject.id if subject.on_comment else None,
                                    detail=row["removed"])])


async def summaries(graph: Graph, viewer: Viewer, ids: list[str], on_comment: bool) -> dict[str, Summary]:
    """What the viewer sees of the reactions to these posts (or comments), by id."""
    rows = await graph.read(REACTION_SUMMARIES, ids=ids, onComment=on_comment,
                            viewerId=privacy.hidden_from(viewer), kinds=list(KINDS))
    return {row["id"]: Summary([(c["kind"], c["count"]) for c in row["counts"]], row["viewerReaction"])
            for row in rows}


async def reactions(graph: Graph, viewer: Viewer, subject_id: str, on_comment: bool, kind: str | None,
                    request: PageRequest) -> Page[Reaction]:
    """One page of who reacted (of ``kind``, or any), newest first, as the viewer may see them."""
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(REACTIONS_PAGE, subjectId=subject_id, onComment=on_comment,
                               kind=None if kind is None else checked_kind(kind), kinds=list(KINDS),
                               viewerId=privacy.hidden_from(viewer), afterAt=after_at, afterId=after_id,
                               fetch=request.fetch)
    if row is None:
        return Page.empty()
    found = [Reaction(Person.from_row(r["person"]), r["kind"], instant(r["at"]), r["at"])
             for r in row["reactions"]]
    return Page.of(found, request, row["total"], key=lambda r: [r.cursor_at, r.person.id])


async def reactions_from_connections(graph: Graph, network: RequestNetwork, viewer: Viewer, subject_id: str,
                                     on_comment: bool, first: int) -> list[Person]:
    """Up to ``first`` of the viewer's connections who reacted, newest first (R24). Connections are
    never blocked with the viewer (a block ends them), so everyone named is someone it may see."""
    me = privacy.require_person(viewer, "see which of your connections reacted")
    if not 0 <= first <= 100:
        raise BadUserInput(f"'first' must be between 0 and 100; got {first}")
    adj = await network.current()
    number = adj.number.get(me)
    if number is None or first == 0:
        return []
    connections = search.first_degree(adj, number)
    network.budget.spend(len(connections))
    if not len(connections):
        return []
    row = await graph.read_one(REACTIONS_FROM, ids=[adj.ids[c] for c in connections.tolist()],
                               subjectId=subject_id, onComment=on_comment, first=first, scan=NEWEST_SCANNED)
    people: list[dict[str, Any]] = [] if row is None else row["people"]
    return [Person.from_row(p) for p in people]
