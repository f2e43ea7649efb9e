"""Posts (R10): writing, sharing and deleting them, who may see them, who they reach (R12), and
the reactions to them and who may comment on them (R20, R21).

A PUBLIC post is seen by its author's followers and connections (in their feeds) and by anyone
signed in who opens it; a CONNECTIONS post by the author's connections alone. Nobody sees anything
across a block either way (R8). Only PUBLIC posts can be shared, by anyone who can see them; a
share shows the post to the sharer's own followers and connections. Sharing twice is sharing once,
and sharing one's own post is allowed (it reaches nobody new). The author is never part of its own
audience. Anonymous callers see no posts: they are told to sign in.

Every change to a post's reactions and comments takes the acting person's lock, then the post's
(``lock_interaction``), and only then reads what it decides on: so changes to one post run one
after the other (its counters stay exact, a reply never lands on a comment deleted meanwhile), and
the order (people, then the post, then the change log) is the one blocks and quotas take too.

Deleting a post (R19) is quick for any post, even one with 50,000 reactions and 10,000 comments:
one small transaction turns it into a ``:DeletedPost`` (from then on no query finds it), then its
comments, reactions, shares and notifications are erased in batches of their own transactions
(``cypher/erase_post_batch.cypher``). Asking again resumes an interrupted erasure.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, events, notifications, privacy, reactions
from service.errors import BadUserInput, NotFound, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.pages import Page, PageRequest, time_cursor
from service.people import Person, people_page
from service.quotas import Quota

CREATE_POST = cypher.query("create_post")
VISIBLE_POSTS = cypher.query("visible_posts")
SHARE_POST = cypher.query("share_post")
PERSON_POSTS = cypher.query("person_posts")
SHARE_COUNTS = cypher.query("share_counts")
POST_AUDIENCE_SIZES = cypher.query("post_audience_sizes")
POST_AUDIENCE = cypher.query("post_audience")
POST_REACH = cypher.query("post_reach")
DELETE_POST = cypher.query("delete_post")
DELETED_POST_AUTHOR = cypher.query("deleted_post_author")
ERASE_POST_BATCH = cypher.query("erase_post_batch")
LOCK_PAIR = cypher.query("lock_pair")
LOCK_POST = cypher.query("lock_post")
SET_COMMENT_POLICY = cypher.query("set_comment_policy")

VISIBILITIES = ("PUBLIC", "CONNECTIONS")
MAX_TEXT = 3000
#: Who may comment on a post (R21): anyone who can see it, the author's connections, nobody but the
#: author. It governs new comments only.
COMMENT_POLICIES = ("EVERYONE", "CONNECTIONS", "NOBODY")
DEFAULT_COMMENT_POLICY = "EVERYONE"
#: Relationships (or notifications) of each kind one erasure transaction of a deleted post deletes:
#: each deleted relationship locks the person at its other end until commit, so batches stay short.
ERASE_BATCH = 2_000


@dataclass(frozen=True)
class Post:
    id: str
    author_id: str
    text: str
    visibility: str
    created_at: datetime
    #: createdAt exactly as Neo4j holds it (nanoseconds and all): what cursors carry.
    cursor_at: str
    #: Who may comment on it (R21).
    comment_policy: str = DEFAULT_COMMENT_POLICY

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Post:
        return cls(id=row["id"], author_id=row["authorId"], text=row["text"],
                   visibility=row["visibility"], created_at=instant(row["cursorAt"]),
                   cursor_at=row["cursorAt"], comment_policy=row["commentPolicy"])

    @property
    def subject(self) -> reactions.Subject:
        """The post as something reacted to."""
        return reactions.Subject(self.id, self.id, self.author_id)


@dataclass(frozen=True)
class PostReach:
    direct: int
    via_shares: int

    @property
    def total(self) -> int:
        """Direct and share audiences never overlap (viaShares counts people reached only so)."""
        return self.direct + self.via_shares


def checked_comment_policy(policy: str) -> str:
    if policy not in COMMENT_POLICIES:
        raise BadUserInput(f"'commentPolicy' must be one of {', '.join(COMMENT_POLICIES)}.")
    return policy


async def create_post(graph: Graph, viewer: Viewer, text: str, visibility: str,
                      comment_policy: str = DEFAULT_COMMENT_POLICY) -> Post:
    author = privacy.require_person(viewer, "write posts")
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise BadUserInput(f"A post's text must be 1 to {MAX_TEXT} characters.")
    if visibility not in VISIBILITIES:
        raise BadUserInput(f"'visibility' must be one of {', '.join(VISIBILITIES)}.")
    checked_comment_policy(comment_policy)

    async def create(tx: Tx) -> Post:
        row = await tx.one(CREATE_POST, authorId=author, id=str(uuid.uuid4()), text=text,
                           visibility=visibility, commentPolicy=comment_policy)
        if row is None:
            raise not_in_network(author)
        post = Post.from_row(row["post"])
        await events.record(tx, [Change(Kind.POST_CREATED, actor=author, subject=author, post=post.id)])
        return post

    return await graph.transaction("create_post", create)


def visibility_params(viewer: Viewer, what: str) -> dict[str, Any]:
    """Who looks at posts, as the queries that decide what they may see take it (anonymous: nobody)."""
    return {"viewerId": privacy.require_person(viewer, what), "admin": viewer.admin}


async def visible_posts(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, Post]:
    """The posts with these ids the viewer may see, by id (unknown or not to be seen: absent)."""
    rows = await graph.read(VISIBLE_POSTS, ids=ids, **visibility_params(viewer, "see posts"))
    return {row["post"]["id"]: Post.from_row(row["post"]) for row in rows}


async def visible_post_in(tx: Tx, post_id: str, params: dict[str, Any]) -> Post:
    """The post as the viewer of ``params`` (``visibility_params``) sees it, inside a write;
    NOT_FOUND when they cannot."""
    found = await tx.one(VISIBLE_POSTS, ids=[post_id], **params)
    if found is None:
        raise NotFound(f"There is no post {post_id!r} that you can see.")
    return Post.from_row(found["post"])


async def lock_interaction(tx: Tx, person_id: str | None, post_id: str) -> None:
    """Takes, in ``tx``, the locks a change to the post's reactions or comments runs under: the
    acting person's (None: an admin acting as nobody), then the post's. Read what the change decides
    on after this."""
    if person_id is not None and not await tx.run(LOCK_PAIR, ids=[person_id]):
        raise not_in_network(person_id)
    await tx.run(LOCK_POST, postId=post_id)


async def share_post(graph: Graph, viewer: Viewer, post_id: str) -> Post:
    """Shares a PUBLIC post the viewer can see; sharing it again changes nothing."""
    params = visibility_params(viewer, "share posts")

    async def share(tx: Tx) -> Post:
        post = await visible_post_in(tx, post_id, params)
        privacy.require_shareable(post.visibility)
        shared = await tx.one(SHARE_POST, viewerId=params["viewerId"], postId=post_id)
        if shared is None:
            raise not_in_network(params["viewerId"])
        if shared["new"]:
            await events.record(tx, [Change(Kind.POST_SHARED, actor=params["viewerId"],
                                            subject=post.author_id, post=post.id)])
        return post

    return await graph.transaction("share_post", share)


async def delete_post(graph: Graph, viewer: Viewer, post_id: str) -> bool:
    """R19: the author or an admin deletes a post, with its comments, reactions, shares and the
    notifications they made. A post the viewer cannot see is NOT_FOUND, as in sharePost. Gone for
    readers when the first transaction commits; the rest is erased in batches (a post being erased
    that its author asks to delete again: the erasure resumes)."""
    params = visibility_params(viewer, "delete posts")

    async def mark(tx: Tx) -> bool:
        await tx.run(LOCK_POST, postId=post_id)
        found = await tx.one(VISIBLE_POSTS, ids=[post_id], **params)
        if found is None:
            erasing = await tx.one(DELETED_POST_AUTHOR, postId=post_id)
            if erasing is None or not (viewer.admin or erasing["authorId"] == params["viewerId"]):
                raise NotFound(f"There is no post {post_id!r} that you can see.")
            return await _erase_batch(tx, post_id)
        post = Post.from_row(found["post"])
        privacy.require_author(viewer, post.author_id, "delete this post")
        await tx.run(DELETE_POST, postId=post_id)
        remaining = await _erase_batch(tx, post_id)
        await events.record(tx, [Change(Kind.POST_DELETED, actor=params["viewerId"],
                                        subject=post.author_id, post=post_id)])
        return remaining

    async def erase(tx: Tx) -> bool:
        await tx.run(LOCK_POST, postId=post_id)
        return await _erase_batch(tx, post_id)

    remaining = await graph.transaction("delete_post", mark)
    while remaining:
        remaining = await graph.transaction("erase_post_batch", erase)
    return True


async def _erase_batch(tx: Tx, post_id: str) -> bool:
    """One batch of a deleted post's erasure; True while something of it is left."""
    row = await tx.one(ERASE_POST_BATCH, postId=post_id, batch=ERASE_BATCH,
                       notificationKinds=notifications.EVENT_KINDS)
    return row is not None and bool(row["remaining"])


async def react_to_post(graph: Graph, viewer: Viewer, post_id: str, kind: str, quota: Quota) -> Post:
    """R20: the viewer reacts to a post it can see (else NOT_FOUND); again: the kind changes."""
    params = visibility_params(viewer, "react to posts")
    kind = reactions.checked_kind(kind)

    async def work(tx: Tx) -> Post:
        await lock_interaction(tx, params["viewerId"], post_id)
        post = await visible_post_in(tx, post_id, params)
        await reactions.react(tx, params["viewerId"], post.subject, kind, quota)
        return post

    return await graph.transaction("react_to_post", work)


async def remove_post_reaction(graph: Graph, viewer: Viewer, post_id: str) -> Post:
    """R20: the viewer's reaction to a post it can see goes; none there: nothing changes."""
    params = visibility_params(viewer, "react to posts")

    async def work(tx: Tx) -> Post:
        await lock_interaction(tx, params["viewerId"], post_id)
        post = await visible_post_in(tx, post_id, params)
        await reactions.remove(tx, params["viewerId"], post.subject)
        return post

    return await graph.transaction("remove_post_reaction", work)


async def set_comment_policy(graph: Graph, viewer: Viewer, post_id: str, policy: str) -> Post:
    """R21: the author (or an admin) says who may comment from now on; a post the viewer cannot see
    is NOT_FOUND."""
    params = visibility_params(viewer, "change who may comment on posts")
    policy = checked_comment_policy(policy)

    async def work(tx: Tx) -> Post:
        await tx.run(LOCK_POST, postId=post_id)
        post = await visible_post_in(tx, post_id, params)
        privacy.require_author(viewer, post.author_id, "change who may comment on this post")
        if policy == post.comment_policy:
            return post
        row = await tx.one(SET_COMMENT_POLICY, postId=post_id, policy=policy)
        assert row is not None  # found under the post's lock
        await events.record(tx, [Change(Kind.COMMENT_POLICY_CHANGED, actor=params["viewerId"],
                                        subject=post.author_id, post=post_id, detail=policy)])
        return Post.from_row(row["post"])

    return await graph.transaction("set_comment_policy", work)


async def posts_of(graph: Graph, viewer: Viewer, person_id: str, request: PageRequest) -> Page[Post]:
    """One page of the posts this person wrote that the viewer may see, newest first."""
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(PERSON_POSTS, personId=person_id, afterAt=after_at, afterId=after_id,
                               fetch=request.fetch, **visibility_params(viewer, "see posts"))
    if row is None:
        return Page.empty()
    return Page.of([Post.from_row(p) for p in row["posts"]], request, row["total"],
                   key=lambda p: [p.cursor_at, p.id])


async def share_counts(graph: Graph, ids: list[str]) -> dict[str, int]:
    rows = await graph.read(SHARE_COUNTS, ids=ids)
    return {row["id"]: row["shares"] for row in rows}


async def audience_sizes(graph: Graph, ids: list[str]) -> dict[str, int]:
    rows = await graph.read(POST_AUDIENCE_SIZES, ids=ids)
    return {row["id"]: row["audienceSize"] for row in rows}


async def audience(graph: Graph, viewer: Viewer, post: Post, request: PageRequest) -> Page[Person]:
    """One page of the people the post reaches directly, by id: the author alone (or an admin)."""
    privacy.require_author(viewer, post.author_id, "see this post's audience")
    return await people_page(graph, POST_AUDIENCE, request, postId=post.id)


async def reach(graph: Graph, viewer: Viewer, post: Post) -> PostReach:
    """Who the post reaches directly and only through shares: the author alone (or an admin)."""
    privacy.require_author(viewer, post.author_id, "see this post's reach")
    row = await graph.read_one(POST_REACH, postId=post.id)
    return PostReach(0, 0) if row is None else PostReach(row["direct"], row["viaShares"])
