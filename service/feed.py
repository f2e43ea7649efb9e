"""The feed (R11): what the people the viewer follows or is connected to posted and shared, as far
as the viewer may see it, newest first, each post once.

A post's place in the feed is the latest moment it reached the viewer: its creation, when its
author is in the viewer's network, or a share by someone in it. A fresh share of an old post brings
it back to the top (as a repost does elsewhere) rather than burying it at the post's own date; the
post still appears once, with up to three of the people in the network who shared it.
"""

from __future__ import annotations

from dataclasses import dataclass

from service import cypher, privacy
from service.graph import Graph
from service.identity import Viewer
from service.pages import Page, PageRequest, time_cursor
from service.posts import Post

FEED = cypher.query("feed")


@dataclass(frozen=True)
class FeedEntry:
    post: Post
    #: When the post reached the feed (its creation or the latest share, whichever is later),
    #: exactly as Neo4j holds it: what the cursor carries.
    cursor_at: str
    #: Ids of up to three people in the viewer's network who shared it, latest first.
    shared_by: list[str]


async def feed(graph: Graph, viewer: Viewer, request: PageRequest) -> Page[FeedEntry]:
    viewer_id = privacy.require_person(viewer, "see your feed")
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(FEED, viewerId=viewer_id, afterAt=after_at, afterId=after_id,
                               fetch=request.fetch)
    if row is None:
        return Page.empty()
    entries = [FeedEntry(post=Post.from_row(e["post"]), cursor_at=e["cursorAt"],
                         shared_by=e["sharedBy"])
               for e in row["entries"]]
    return Page.of(entries, request, row["total"], key=lambda e: [e.cursor_at, e.post.id])
