"""Comments and replies (R21, R22, R24): what they are, who sees them, and their pages and counts.

``(:Person)-[:WROTE]->(:Comment {id, text, createdAt, editedAt})-[:ON]->(:Post)``; a reply also
``-[:REPLY_TO]->(:Comment)``, the top-level comment it answers: two levels, so replying to a reply
attaches to the same top-level comment. Top-level comments are listed newest first, replies oldest
first, each from an index in its own order (``Comment.postId`` on top-level comments,
``Comment.parentId`` on replies), so a page costs what it returns.

Who sees a comment: exactly those who can see its post (``posts.visible_posts``), less, while either
blocks the other, the commenter and the viewer from each other (R8): each one's comments are
hidden from the other, not deleted, and a hidden top-level comment takes its replies out of sight.
Counts follow the same rule per viewer and stay cheap: the post keeps ``commentCount`` (comments
and replies) and ``topLevelCommentCount``, each top-level comment ``replyCount``, all written with
the comment, and a viewer's count is that less what its few blocks hide
(``cypher/comment_counts.cypher``), so a count always equals what the viewer can page through.

Writing, answering, editing, deleting and reacting to comments, and who may, are
``service/comment_changes.py``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service import cypher, posts, privacy, reactions
from service.graph import Graph, instant
from service.identity import Viewer
from service.network import RequestNetwork
from service.pages import Page, PageRequest, time_cursor

COMMENTS_BY_IDS = cypher.query("comments_by_ids")
COMMENTS_PAGE = cypher.query("comments_page")
REPLIES_PAGE = cypher.query("replies_page")
COMMENT_COUNTS = cypher.query("comment_counts")
REPLY_COUNTS = cypher.query("reply_counts")

#: R21: the longest comment's text, after trimming (``comment_changes.checked_text``; ties import
#: checks it too).
MAX_TEXT = 1250


@dataclass(frozen=True)
class Comment:
    id: str
    text: str
    created_at: datetime
    edited_at: datetime | None
    post_id: str
    author_id: str
    #: The top-level comment a reply answers; None for a top-level comment.
    parent_id: str | None
    post_author_id: str
    #: Blocks hide it (or the comment it answers) from the viewer it was read for.
    hidden: bool
    #: createdAt exactly as Neo4j holds it: what cursors carry.
    cursor_at: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Comment:
        return cls(id=row["id"], text=row["text"], created_at=instant(row["createdAt"]),
                   edited_at=None if row["editedAt"] is None else instant(row["editedAt"]),
                   post_id=row["postId"], author_id=row["authorId"], parent_id=row["parentId"],
                   post_author_id=row["postAuthorId"], hidden=row["hidden"], cursor_at=row["createdAt"])

    @property
    def subject(self) -> reactions.Subject:
        """The comment as something reacted to."""
        return reactions.Subject(self.id, self.post_id, self.author_id, on_comment=True)

    @property
    def thread_id(self) -> str:
        """The top-level comment of its thread: itself, or the one it answers."""
        return self.parent_id or self.id


async def visible_comments(graph: Graph, viewer: Viewer, ids: list[str]) -> dict[str, Comment]:
    """The comments with these ids the viewer may see, by id (unknown or not to be seen: absent)."""
    found = [Comment.from_row(row["comment"]) for row in
             await graph.read(COMMENTS_BY_IDS, ids=ids, viewerId=privacy.hidden_from(viewer))]
    found = [c for c in found if not c.hidden]
    seen = await posts.visible_posts(graph, viewer, sorted({c.post_id for c in found})) if found else {}
    return {c.id: c for c in found if c.post_id in seen}


async def comments(graph: Graph, viewer: Viewer, post: posts.Post, request: PageRequest) -> Page[Comment]:
    """One page of a post the viewer sees: its top-level comments the viewer may see, newest first."""
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(COMMENTS_PAGE, postId=post.id, viewerId=privacy.hidden_from(viewer),
                               afterAt=after_at, afterId=after_id, fetch=request.fetch)
    if row is None:
        return Page.empty()
    return Page.of([Comment.from_row(c) for c in row["comments"]], request, row["total"],
                   key=lambda c: [c.cursor_at, c.id])


async def replies(graph: Graph, viewer: Viewer, comment: Comment, request: PageRequest) -> Page[Comment]:
    """One page of the replies to a comment the viewer sees, oldest first (a reply has none)."""
    if comment.parent_id is not None:
        return Page.empty()
    after_at, after_id = time_cursor(request)
    row = await graph.read_one(REPLIES_PAGE, commentId=comment.id, viewerId=privacy.hidden_from(viewer),
                               afterAt=after_at, afterId=after_id, fetch=request.fetch)
    if row is None:
        return Page.empty()
    return Page.of([Comment.from_row(c) for c in row["replies"]], request, row["total"],
                   key=lambda c: [c.cursor_at, c.id])


async def comment_counts(graph: Graph, viewer: Viewer, post_ids: list[str]) -> dict[str, int]:
    """How many comments and replies the viewer sees on each of these posts, by post id."""
    rows = await graph.read(COMMENT_COUNTS, ids=post_ids, viewerId=privacy.hidden_from(viewer))
    return {row["id"]: row["comments"] for row in rows}


async def reply_counts(graph: Graph, viewer: Viewer, comment_ids: list[str]) -> dict[str, int]:
    """How many replies the viewer sees under each of these comments, by comment id."""
    rows = await graph.read(REPLY_COUNTS, ids=comment_ids, viewerId=privacy.hidden_from(viewer))
    return {row["id"]: row["replies"] for row in rows}


async def viewer_can_comment(network: RequestNetwork, viewer: Viewer, post: posts.Post) -> bool:
    """R21, as things stand: whether the viewer (who sees the post) may comment on it now. Asked of
    the connection index, which knows everyone: a token that names nobody (an admin's) may not."""
    if viewer.id is None:
        return False
    adj = await network.current()
    me, author = adj.number.get(viewer.id), adj.number.get(post.author_id)
    if me is None or not adj.present[me]:
        return False
    connected = author is not None and adj.connected(me, author)
    return privacy.may_comment(post.comment_policy, viewer.id == post.author_id, connected)
