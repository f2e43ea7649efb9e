"""Draws test graphs straight into Neo4j, outside the service, and reads their edges back.

To *draw* is to write with the tests' driver, never through the service (SPEC graph model):

- ``draw_graph``: a whole network from lists: people who joined on a fixed day, edges exactly as
  listed (a connection is the CONNECTED_TO edge alone, stored once per pair from the smaller id to
  the larger; follows are listed apart), posts and shares stamped ``minute`` minutes after a fixed
  noon, so their order is the drawing's. One UNWIND query per kind.
- ``draw_people``: people who have just joined (createdAt now), with these settings.
- ``draw_accepted``: pairs as an accepted connection request leaves them: connected, and each
  following the other.
- ``draw_comments`` and ``draw_reactions``: comments, replies and reactions as the service stores
  them (R20-R22), counters on the posts and comments included, stamped ``minute`` minutes after
  the same fixed noon; no events (so no notifications).
- ``draw_cypher``: any other shape, in Cypher (the people already drawn; MATCH them by id).
- ``draw_conversation``: a conversation between two people drawn already, with its messages.

Everyone drawn is named after their id, its first letter upper-cased ("ada" is "Ada").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

import neo4j

Pair = tuple[str, str]

#: When ``draw_graph``'s people joined; ``draw_people``'s join now.
FIXED_JOIN = "2024-01-01T00:00:00Z"

PEOPLE = """
UNWIND $people AS p
CREATE (:Person {id: p.id, name: p.name, createdAt: coalesce(datetime(p.createdAt), datetime()),
                 connectionsVisibility: p.visibility, followPolicy: p.followPolicy})"""

#: One query per kind of edge (types cannot be parameters), each stamped as the service stamps it.
EDGES = {
    kind: f"""
UNWIND $pairs AS pair
MATCH (a:Person {{id: pair[0]}}), (b:Person {{id: pair[1]}})
CREATE (a)-[:{kind} {{{stamp}: datetime()}}]->(b)"""
    for kind, stamp in [("CONNECTED_TO", "since"), ("FOLLOWS", "since"), ("BLOCKS", "since"),
                        ("REQUESTED", "at"), ("DISMISSED", "at")]
}

ACCEPTED = """
UNWIND $pairs AS pair
MATCH (a:Person {id: pair[0]}), (b:Person {id: pair[1]})
CREATE (a)-[:CONNECTED_TO {since: datetime()}]->(b)
MERGE (a)-[:FOLLOWS]->(b)
MERGE (b)-[:FOLLOWS]->(a)"""

POSTS = """
UNWIND $posts AS p
MATCH (author:Person {id: p[1]})
CREATE (author)-[:POSTED]->(:Post {id: p[0], text: 'Post ' + p[0], visibility: p[2],
                                  createdAt: datetime('2024-06-01T12:00:00Z') + duration({minutes: p[3]})})"""

SHARES = """
UNWIND $shares AS s
MATCH (sharer:Person {id: s[0]}), (post:Post {id: s[1]})
CREATE (sharer)-[:SHARED {at: datetime('2024-06-01T12:00:00Z') + duration({minutes: s[2]})}]->(post)"""

#: A post as drawn: (id, author, visibility, minute).
DrawnPost = tuple[str, str, str, int]

COMMENTS = """
UNWIND $comments AS c
MATCH (author:Person {id: c[1]}), (post:Post {id: c[2]})
OPTIONAL MATCH (parent:Comment {id: c[3]})
CREATE (author)-[:WROTE]->(comment:Comment {
         id: c[0], text: 'Comment ' + c[0],
         createdAt: datetime('2024-06-01T12:00:00Z') + duration({minutes: c[4]}),
         postId: CASE WHEN parent IS NULL THEN post.id END, parentId: parent.id})-[:ON]->(post)
SET post.commentCount = coalesce(post.commentCount, 0) + 1,
    post.topLevelCommentCount = coalesce(post.topLevelCommentCount, 0)
                                + CASE WHEN parent IS NULL THEN 1 ELSE 0 END
FOREACH (p IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END |
  CREATE (comment)-[:REPLY_TO]->(p)
  SET p.replyCount = coalesce(p.replyCount, 0) + 1)"""

REACTIONS = """
UNWIND $reactions AS r
MATCH (person:Person {id: r[0]}), (subject {id: r[1]})
WHERE subject:Post OR subject:Comment
CREATE (person)-[:REACTED {kind: r[2], subjectId: subject.id,
                           at: datetime('2024-06-01T12:00:00Z') + duration({minutes: r[3]})}]->(subject)
SET subject['reactions' + r[2]] = coalesce(subject['reactions' + r[2]], 0) + 1"""

#: A comment as drawn: (id, author, post id, parent comment id or None, minute).
DrawnComment = tuple[str, str, str, str | None, int]


def _person(person_id: str, visibility: str, follow_policy: str, joined: str | None) -> dict[str, Any]:
    return {"id": person_id, "name": person_id[:1].upper() + person_id[1:], "createdAt": joined,
            "visibility": visibility, "followPolicy": follow_policy}


def draw_people(db: neo4j.Driver, *ids: str, visibility: str = "CONNECTIONS",
                follow_policy: str = "EVERYONE") -> None:
    """People with these ids who have just joined (createdAt now), with these settings."""
    db.execute_query(PEOPLE, people=[_person(p, visibility, follow_policy, None) for p in ids])


def draw_graph(db: neo4j.Driver, people: Iterable[str], *,
               connections: Iterable[Pair] = (), follows: Iterable[Pair] = (), blocks: Iterable[Pair] = (),
               requests: Iterable[Pair] = (), dismissals: Iterable[Pair] = (),
               visibility: Mapping[str, str] | None = None, posts: Iterable[DrawnPost] = (),
               shares: Iterable[tuple[str, str, int]] = ()) -> None:
    """Creates the people (joined on ``FIXED_JOIN``, each connectionsVisibility as ``visibility``
    says, else CONNECTIONS), the edges between them as listed (``connections`` draw CONNECTED_TO
    alone, never follows), posts (id, author, visibility, minute) and shares (sharer, post id,
    minute)."""
    visibility = visibility or {}
    db.execute_query(PEOPLE, people=[_person(p, visibility.get(p, "CONNECTIONS"), "EVERYONE", FIXED_JOIN)
                                     for p in people])
    edges = {
        "CONNECTED_TO": [(min(a, b), max(a, b)) for a, b in connections],
        "FOLLOWS": list(follows), "BLOCKS": list(blocks),
        "REQUESTED": list(requests), "DISMISSED": list(dismissals),
    }
    for kind, pairs in edges.items():
        if pairs:
            db.execute_query(EDGES[kind], pairs=[list(p) for p in pairs])
    if post_rows := [list(p) for p in posts]:
        db.execute_query(POSTS, posts=post_rows)
    if share_rows := [list(s) for s in shares]:
        db.execute_query(SHARES, shares=share_rows)


def draw_accepted(db: neo4j.Driver, *pairs: Pair) -> None:
    """Each pair (already drawn) connected and following each other, as accepting a request leaves
    them, except in two details tests rely on: the CONNECTED_TO goes from the pair's first to its
    second as written (the service stores it from the smaller id), and the follows carry no
    ``since``. A follow already drawn is kept, not doubled."""
    db.execute_query(ACCEPTED, pairs=[list(p) for p in pairs])


def draw_comments(db: neo4j.Driver, *comments: DrawnComment) -> None:
    """Comments (parent None) and replies (parent: a top-level comment, drawn now or before)."""
    for level in ([c for c in comments if c[3] is None], [c for c in comments if c[3] is not None]):
        if level:  # top-level comments first: a reply's parent must be there
            db.execute_query(COMMENTS, comments=[list(c) for c in level])


def draw_reactions(db: neo4j.Driver, *reactions: tuple[str, str, str, int]) -> None:
    """Reactions (person, post or comment id, kind, minute), at most one per person and subject."""
    if reactions:
        db.execute_query(REACTIONS, reactions=[list(r) for r in reactions])


def draw_cypher(db: neo4j.Driver, query: str, **params: Any) -> None:
    """Runs Cypher that draws part of a test graph (people already exist; MATCH them by id)."""
    db.execute_query(query, **params)


def chain(*ids: str) -> list[Pair]:
    """Connections along a line: chain('a', 'b', 'c') connects a-b and b-c."""
    return list(itertools.pairwise(ids))


def ties(db: neo4j.Driver, rel_type: str) -> list[Pair]:
    """Every relationship of this type between people as (start id, end id), sorted; duplicates kept."""
    records, _, _ = db.execute_query(
        "MATCH (a:Person)-[r]->(b:Person) WHERE type(r) = $type RETURN a.id AS a, b.id AS b ORDER BY a, b",
        type=rel_type)
    return [(r["a"], r["b"]) for r in records]


CONVERSATION = """
MATCH (a:Person {id: $starter}), (b:Person {id: $recipient})
CREATE (c:Conversation {id: $id, between: $between, createdAt: datetime(), lastMessageAt: datetime(),
                        messageCount: size($messages)}),
       (a)-[:IN {other: b.id, status: 'ACCEPTED', since: datetime(), readUpTo: $starterRead,
                 clearedUpTo: 0, hidden: 0}]->(c),
       (b)-[:IN {other: a.id, status: $status, since: datetime(), readUpTo: $recipientRead,
                 clearedUpTo: 0, hidden: 0}]->(c)
WITH c
UNWIND range(1, size($messages)) AS seq
CREATE (:Message {id: $messages[seq - 1][0], conversation: c.id, seq: seq, sender: $messages[seq - 1][1],
                  text: $messages[seq - 1][2], sentAt: datetime()})-[:OF]->(c)"""


def draw_conversation(db: neo4j.Driver, conversation_id: str, starter: str, recipient: str,
                      messages: Iterable[tuple[str, str, str]], status: str = "ACCEPTED") -> None:
    """The conversation ``starter`` began with ``recipient`` (whose side is ``status``), holding
    ``messages`` (id, sender, text) in order, as sending them leaves it: each side has read up to
    its own last message."""
    rows = [list(m) for m in messages]

    def last_of(person: str) -> int:
        return max((n for n, (_, sender, _) in enumerate(rows, start=1) if sender == person), default=0)

    db.execute_query(CONVERSATION, id=conversation_id, starter=starter, recipient=recipient,
                     between=sorted([starter, recipient]), messages=rows, status=status,
                     starterRead=last_of(starter), recipientRead=last_of(recipient))
