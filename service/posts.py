"""Posts (R10): writing and sharing them, who may see them, and who they reach (R12).

A PUBLIC post is seen by its author's followers and connections (in their feeds) and by anyone
signed in who opens it; a CONNECTIONS post by the author's connections alone. Nobody sees anything
across a block either way (R8). Only PUBLIC posts can be shared, by anyone who can see them; a
share shows the post to the sharer's own followers and connections. Sharing twice is sharing once,
and sharing one's own post is allowed (it reaches nobody new). The author is never part of its own
audience. Anonymous callers see no posts: they are told to sign in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, events, privacy
from service.errors import BadUserInput, NotFound, not_in_network
from service.events import Change, Kind
from service.graph import Graph, Tx, instant
from service.identity import Viewer
from service.pages import Page, PageRequest, time_cursor
from service.people import Person, people_page

CREATE_POST = cypher.query("create_post")
VISIBLE_POSTS = cypher.query("visible_posts")
SHARE_POST = cypher.query("share_post")
PERSON_POSTS = cypher.query("person_posts")
SHARE_COUNTS = cypher.query("share_counts")
POST_AUDIENCE_SIZES = cypher.query("post_audience_sizes")
POST_AUDIENCE = cypher.query("post_audience")
POST_REACH = cypher.query("post_reach")
DELETE_POST = cypher.query("delete_post")

VISIBILITIES = ("PUBLIC", "CONNECTIONS")
MAX_TEXT = 3000


@dataclass(frozen=True)
class Post:
    id: str
    author_id: str
    text: str
    visibility: str
    created_at: datetime
    #: createdAt exactly as Neo4j holds it (nanoseconds and all): what cursors carry.
    cursor_at: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Post:
        return cls(id=row["id"], author_id=row["authorId"], text=row["text"],
                   visibility=row["visibility"], created_at=instant(row["cursorAt"]),
                   cursor_at=row["cursorAt"])


@dataclass(frozen=True)
class PostReach:
    direct: int
    via_shares: int

    @property
    def total(self) -> int:
        """Direct and share audiences never overlap (viaShares counts people reached only so)."""
        return self.direct + self.via_shares


async def create_post(graph: Graph, viewer: Viewer, text: str, visibility: str) -> Post:
    author = privacy.require_person(viewer, "write posts")
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise BadUserInput(f"A post's text must be 1 to {MAX_TEXT} characters.")
    if visibility not in VISIBILITIES:
        raise BadUserInput(f"'visibility' must be one of {', '.join(VISIBILITIES)}.")

    async def create(tx: Tx) -> Post:
        row = await tx.one(CREATE_POST, authorId=author, id=str(uuid.uuid4()), text=text,
                           visibility=visibility)
        if row is None:
            raise not_in_network(author)
        post = Post.from_row(row["post"])
        await events.record(tx, [Change(Kind.POST_CREATED, actor=author, subject=author, post=post.id)])
        return post

    return await graph.transaction("create_post", create)


def _visibility_params(viewer: Viewer, what: str) -> dict[str, Any]:
    """Who looks at posts, as the queries that decide what they may see take it (anonymous: nobody)."""
    return {"viewerId": privacy.require_person(viewer, what), "admin": viewer.admin}


async def visible_posts(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, Post]:
    """The posts with these ids the viewer may see, by id (unknown or not to be seen: absent)."""
    rows = await graph.read(VISIBLE_POSTS, ids=ids, **_visibility_params(viewer, "see posts"))
    return {row["post"]["id"]: Post.from_row(row["post"]) for row in rows}


async def _visible_post(tx: Tx, post_id: str, params: dict[str, Any]) -> Post:
    """The post as the viewer of ``params`` sees it, inside a write; NOT_FOUND when they cannot."""
    found = await tx.one(VISIBLE_POSTS, ids=[post_id], **params)
    if found is None:
        raise NotFound(f"There is no post {post_id!r} that you can see.")
    return Post.from_row(found["post"])


async def share_post(graph: Graph, viewer: Viewer, post_id: str) -> Post:
    """Shares a PUBLIC post the viewer can see; sharing it again changes nothing."""
    params = _visibility_params(viewer, "share posts")

    async def share(tx: Tx) -> Post:
        post = await _visible_post(tx, post_id, params)
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
    """R19: the author or an admin deletes a post; its shares and the share notifications it
    caused go with it. A post the viewer cannot see is NOT_FOUND, as in sharePost."""
    params = _visibility_params(viewer, "delete posts")

    async def delete(tx: Tx) -> bool:
        post = await _visible_post(tx, post_id, params)
        privacy.require_author(viewer, post.author_id, "delete this post")
        await tx.run(DELETE_POST, postId=post_id)
        await events.record(tx, [Change(Kind.POST_DELETED, actor=params["viewerId"],
                                        subject=post.author_id, post=post_id)])
        return True

    return await graph.transaction("delete_post", delete)


async def posts_of(graph: Graph, viewer: Viewer, person_id: str, request: PageRequest) -> Page[Post]:
    """One page of the posts this person wrote that the viewer may see, newest first."""
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(PERSON_POSTS, personId=person_id, afterAt=after_at, afterId=after_id,
                               fetch=request.fetch, **_visibility_params(viewer, "see posts"))
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
