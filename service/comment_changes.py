"""Changes to comments (R20-R23): writing, answering, editing and deleting them, and reacting to one.

Who may write: anyone who can see the post, as its ``commentPolicy`` allows (EVERYONE,
CONNECTIONS: the author's connections, NOBODY); its author always. Text is 1-1,250 characters after
trimming. Its author alone edits a comment; its author, the post's author or an admin deletes it,
a top-level comment with its replies, and the reactions and notifications of all that goes.
Every change locks the acting person, then the post (``posts.lock_interaction``), and reads the
comment again after that: a reply racing a deletion of its thread either lands before it (and goes
with it) or finds the thread gone (NOT_FOUND); no reply is ever left without its comment. The
comment as the world sees it, and who sees it, is ``service/comments.py``'s.

Events: POST_COMMENT for the post's author; COMMENT_REPLY for the author of the thread and of the
comment answered (cause ``comment:<id>``, forgotten when it is deleted); COMMENT_EDITED,
COMMENT_DELETED (no notification). Events carry ids, never the text.
"""

from __future__ import annotations

import uuid
from typing import Any

from service import cypher, events, posts, privacy, quotas, reactions
from service.comments import COMMENTS_BY_IDS, MAX_TEXT, Comment
from service.errors import BadUserInput, NotFound
from service.events import Change, Kind
from service.graph import Graph, Tx
from service.identity import Viewer
from service.quotas import Quota

ADD_COMMENT = cypher.query("add_comment")
EDIT_COMMENT = cypher.query("edit_comment")
DELETE_COMMENT = cypher.query("delete_comment")
PAIR_VISIBILITY = cypher.query("pair_visibility")


def cause(comment_id: str) -> str:
    """What the events of a comment's writing name as their cause."""
    return f"comment:{comment_id}"


def checked_text(text: str) -> str:
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise BadUserInput(f"A comment's text must be 1 to {MAX_TEXT:,} characters.")
    return text


def _not_found(comment_id: str) -> NotFound:
    return NotFound(f"There is no comment {comment_id!r} that you can see.")


async def _comment_in(tx: Tx, comment_id: str, params: dict[str, Any]) -> Comment:
    """The comment as the viewer of ``params`` (``posts.visibility_params``) sees it, inside a write;
    NOT_FOUND when they cannot."""
    viewer_id = None if params["admin"] else params["viewerId"]
    row = await tx.one(COMMENTS_BY_IDS, ids=[comment_id], viewerId=viewer_id)
    if row is None or row["comment"]["hidden"]:
        raise _not_found(comment_id)
    comment = Comment.from_row(row["comment"])
    if await tx.one(posts.VISIBLE_POSTS, ids=[comment.post_id], **params) is None:
        raise _not_found(comment_id)
    return comment


async def _locked_comment(tx: Tx, person_id: str | None, comment_id: str,
                          params: dict[str, Any]) -> Comment:
    """Takes the locks of a change to the comment (``person_id``'s, then its post's), then reads the
    comment as it stands under them; NOT_FOUND when the viewer cannot see it (or it just went)."""
    await posts.lock_interaction(tx, person_id, (await _comment_in(tx, comment_id, params)).post_id)
    return await _comment_in(tx, comment_id, params)


async def _require_may_comment(tx: Tx, me: str, post: posts.Post) -> None:
    if post.comment_policy == "CONNECTIONS" and me != post.author_id:
        row = await tx.one(PAIR_VISIBILITY, viewerId=me, personId=post.author_id)
        connected = row is not None and bool(row["connected"])
    else:
        connected = False
    privacy.require_may_comment(post.comment_policy, me == post.author_id, connected)


async def add_comment(graph: Graph, viewer: Viewer, post_id: str, text: str, quota: Quota) -> Comment:
    """R21: a top-level comment on a post the viewer can see (NOT_FOUND) whose policy allows it
    (FORBIDDEN)."""
    params = posts.visibility_params(viewer, "comment on posts")
    me: str = params["viewerId"]
    text = checked_text(text)

    async def work(tx: Tx) -> Comment:
        await posts.lock_interaction(tx, me, post_id)
        post = await posts.visible_post_in(tx, post_id, params)
        await _require_may_comment(tx, me, post)
        await quotas.take(tx, me, quota)
        row = await tx.one(ADD_COMMENT, me=me, postId=post.id, parentId=None, id=str(uuid.uuid4()),
                           text=text)
        assert row is not None  # the post is there under its lock
        comment = Comment.from_row(row["comment"])
        await events.record(tx, [Change(Kind.POST_COMMENT, actor=me, subject=post.author_id, post=post.id,
                                        comment=comment.id, cause=cause(comment.id))])
        return comment

    return await graph.transaction("add_comment", work)


async def reply_to_comment(graph: Graph, viewer: Viewer, comment_id: str, text: str, quota: Quota) -> Comment:
    """R22: a reply to a comment the viewer can see; to a reply, it attaches to the same top-level
    comment. The post's commentPolicy applies, as to any comment."""
    params = posts.visibility_params(viewer, "reply to comments")
    me: str = params["viewerId"]
    text = checked_text(text)

    async def work(tx: Tx) -> Comment:
        answered = await _locked_comment(tx, me, comment_id, params)
        post = await posts.visible_post_in(tx, answered.post_id, params)
        await _require_may_comment(tx, me, post)
        thread = answered if answered.parent_id is None else await _comment_in(tx, answered.thread_id, params)
        await quotas.take(tx, me, quota)
        row = await tx.one(ADD_COMMENT, me=me, postId=post.id, parentId=thread.id, id=str(uuid.uuid4()),
                           text=text)
        assert row is not None  # the thread is there under its post's lock
        reply = Comment.from_row(row["comment"])
        told = dict.fromkeys([thread.author_id, answered.author_id])  # each once, thread first
        await events.record(tx, [Change(Kind.COMMENT_REPLY, actor=me, subject=person, post=post.id,
                                        comment=reply.id, cause=cause(reply.id)) for person in told])
        return reply

    return await graph.transaction("reply_to_comment", work)


async def edit_comment(graph: Graph, viewer: Viewer, comment_id: str, text: str) -> Comment:
    """R23: its author alone changes its text (editedAt is set)."""
    params = posts.visibility_params(viewer, "edit comments")
    text = checked_text(text)

    async def work(tx: Tx) -> Comment:
        comment = await _comment_in(tx, comment_id, params)
        privacy.require_comment_author(viewer, comment.author_id, "edit it")
        comment = await _locked_comment(tx, None, comment_id, params)
        row = await tx.one(EDIT_COMMENT, id=comment.id, text=text)
        assert row is not None
        await events.record(tx, [Change(Kind.COMMENT_EDITED, actor=comment.author_id,
                                        subject=comment.post_author_id, post=comment.post_id,
                                        comment=comment.id)])
        return Comment.from_row(row["comment"])

    return await graph.transaction("edit_comment", work)


async def delete_comment(graph: Graph, viewer: Viewer, comment_id: str) -> bool:
    """R23: its author, the post's author or an admin deletes a comment; a top-level one takes its
    replies. Their reactions and the notifications of all of it go too."""
    params = posts.visibility_params(viewer, "delete comments")

    async def work(tx: Tx) -> bool:
        comment = await _comment_in(tx, comment_id, params)
        privacy.require_may_delete_comment(viewer, comment.author_id, comment.post_author_id)
        comment = await _locked_comment(tx, None, comment_id, params)
        row = await tx.one(DELETE_COMMENT, id=comment.id)
        assert row is not None
        await events.forget(tx, row["causes"])
        await events.record(tx, [Change(Kind.COMMENT_DELETED, actor=params["viewerId"],
                                        subject=comment.author_id, post=comment.post_id,
                                        comment=comment.id)])
        return True

    return await graph.transaction("delete_comment", work)


async def react_to_comment(graph: Graph, viewer: Viewer, comment_id: str, kind: str, quota: Quota) -> Comment:
    """R20: the viewer reacts to a comment it can see (else NOT_FOUND); again: the kind changes."""
    params = posts.visibility_params(viewer, "react to comments")
    kind = reactions.checked_kind(kind)

    async def work(tx: Tx) -> Comment:
        comment = await _locked_comment(tx, params["viewerId"], comment_id, params)
        await reactions.react(tx, params["viewerId"], comment.subject, kind, quota)
        return comment

    return await graph.transaction("react_to_comment", work)


async def remove_comment_reaction(graph: Graph, viewer: Viewer, comment_id: str) -> Comment:
    """R20: the viewer's reaction to a comment it can see goes; none there: nothing changes."""
    params = posts.visibility_params(viewer, "react to comments")

    async def work(tx: Tx) -> Comment:
        comment = await _locked_comment(tx, params["viewerId"], comment_id, params)
        await reactions.remove(tx, params["viewerId"], comment.subject)
        return comment

    return await graph.transaction("remove_comment_reaction", work)
