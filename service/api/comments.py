"""Comments over GraphQL (R20-R24): the Comment type, its lists, Query.comment, and the mutations
that write, answer, edit, delete and react to comments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service import comment_changes, comments, privacy, reactions
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.people import Person
from service.api.reactions import Reactable, ReactionKind
from service.errors import NotFound
from service.pages import Page

if TYPE_CHECKING:
    from service.api.posts import Post


@strawberry.type(description="What someone wrote on a post, or in answer to a comment on it: two "
                             "levels [R21, R22]. Seen by exactly those who see its post, less, while "
                             "either blocks the other, its author and the viewer from each other [R8].")
class Comment(Reactable):
    id: strawberry.ID
    text: str
    created_at: datetime
    edited_at: datetime | None = strawberry.field(description="Null until edited [R23].")
    data: strawberry.Private[comments.Comment]

    @classmethod
    def of(cls, comment: comments.Comment) -> Comment:
        return cls(id=strawberry.ID(comment.id), text=comment.text, created_at=comment.created_at,
                   edited_at=comment.edited_at, data=comment)

    def reaction_subject(self) -> reactions.Subject:
        return self.data.subject

    @strawberry.field(description="The post it is on.")
    async def post(self, info: Info[Context, None]) -> Annotated[Post, strawberry.lazy("service.api.posts")]:
        from service.api.posts import Post

        found = await info.context.loaders.post.load(self.data.post_id)
        if found is None:  # whoever sees a comment sees its post
            raise NotFound(f"The post of comment {self.id!r} is not visible to you.")
        return Post.of(found)

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: Info[Context, None]) -> Person:
        found = await info.context.loaders.person.load(self.data.author_id)
        if found is None:  # blocks hide a comment with its author
            raise NotFound(f"The author of comment {self.id!r} is not visible to you.")
        return Person.of(found)

    @strawberry.field(description="The top-level comment a reply answers; null for a top-level comment "
                                  "[R22].")
    async def parent(self, info: Info[Context, None]) -> Comment | None:
        if self.data.parent_id is None:
            return None
        found = await info.context.loaders.comment.load(self.data.parent_id)
        return None if found is None else Comment.of(found)

    @strawberry.field(description="How many replies the viewer sees under it (0 for a reply) [R24].")
    async def reply_count(self, info: Info[Context, None]) -> int:
        if self.data.parent_id is not None:
            return 0
        return await info.context.loaders.reply_count.load(self.data.id)

    @strawberry.field(description="Its replies the viewer sees, oldest first (none for a reply) [R22].")
    async def replies(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                      after: str | None = NO_DEFAULT) -> CommentConnection:
        ctx = info.context
        return CommentConnection.of_page(await comments.replies(ctx.graph, ctx.viewer, self.data,
                                                                page_request(first, after)))


@strawberry.type
class CommentEdge(Edge[Comment]):
    pass


@strawberry.type(description="A page of comments, and how many the whole list holds for the viewer.")
class CommentConnection(CountedConnection[CommentEdge]):
    @classmethod
    def of_page(cls, page: Page[comments.Comment]) -> CommentConnection:
        return cls.of(page.map(Comment.of), CommentEdge)


@strawberry.type
class CommentQuery:
    @strawberry.field(description="Null when unknown or when the viewer may not see it [R21, R8].")
    async def comment(self, info: Info[Context, None], id: strawberry.ID) -> Comment | None:
        privacy.require_person(info.context.viewer, "see comments")
        found = await info.context.loaders.comment.load(id)
        return None if found is None else Comment.of(found)


@strawberry.type
class CommentMutation:
    @strawberry.mutation(description="Comment on a post you can see, as its commentPolicy allows; 1-1,250 "
                                     "characters [R21].")
    async def add_comment(self, info: Info[Context, None], post_id: strawberry.ID, text: str) -> Comment:
        ctx = info.context
        return Comment.of(await comment_changes.add_comment(ctx.graph, ctx.viewer, post_id, text,
                                                            ctx.interaction_limits.writing))

    @strawberry.mutation(description="Reply to a comment; a reply to a reply joins the same top-level "
                                     "comment [R22].")
    async def reply_to_comment(self, info: Info[Context, None], comment_id: strawberry.ID,
                               text: str) -> Comment:
        ctx = info.context
        return Comment.of(await comment_changes.reply_to_comment(ctx.graph, ctx.viewer, comment_id, text,
                                                                 ctx.interaction_limits.writing))

    @strawberry.mutation(description="Change your comment's text; its author alone [R23].")
    async def edit_comment(self, info: Info[Context, None], comment_id: strawberry.ID, text: str) -> Comment:
        ctx = info.context
        return Comment.of(await comment_changes.edit_comment(ctx.graph, ctx.viewer, comment_id, text))

    @strawberry.mutation(description="Its author, the post's author or an admin deletes a comment; a "
                                     "top-level one takes its replies, and their reactions and "
                                     "notifications go too. NOT_FOUND for a comment you cannot see [R23].")
    async def delete_comment(self, info: Info[Context, None], comment_id: strawberry.ID) -> bool:
        return await comment_changes.delete_comment(info.context.graph, info.context.viewer, comment_id)

    @strawberry.mutation(description="React to a comment you can see; again: the kind changes [R20].")
    async def react_to_comment(self, info: Info[Context, None], comment_id: strawberry.ID,
                               kind: ReactionKind | None = ReactionKind.LIKE) -> Comment:
        ctx = info.context
        chosen = (kind or ReactionKind.LIKE).value
        return Comment.of(await comment_changes.react_to_comment(ctx.graph, ctx.viewer, comment_id, chosen,
                                                                 ctx.interaction_limits.reactions))

    @strawberry.mutation(description="Remove your reaction to a comment; none there: nothing changes [R20].")
    async def remove_comment_reaction(self, info: Info[Context, None], comment_id: strawberry.ID) -> Comment:
        ctx = info.context
        return Comment.of(await comment_changes.remove_comment_reaction(ctx.graph, ctx.viewer, comment_id))
