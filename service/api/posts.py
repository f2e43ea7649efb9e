"""Posts, shares and the feed (R10-R12), and what people do with posts (R20-R24): the Post type,
its lists, queries and mutations."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service import comments, feed, posts, privacy, reactions
from service.api import prefetch
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.people import Person, PersonConnection
from service.api.reactions import Reactable, ReactionKind
from service.errors import NotFound
from service.pages import MAX_AUDIENCE_PAGE_SIZE, Page

if TYPE_CHECKING:
    from service.api.comments import CommentConnection


@strawberry.enum(description="Who sees a post [R10].")
class PostVisibility(Enum):
    PUBLIC = "PUBLIC"
    CONNECTIONS = "CONNECTIONS"


@strawberry.enum(description="Who may comment on a post [R21].")
class CommentPolicy(Enum):
    EVERYONE = "EVERYONE"
    CONNECTIONS = "CONNECTIONS"
    NOBODY = "NOBODY"


@strawberry.type(description="How many distinct people a post reaches [R12].")
class PostReach:
    direct: int = strawberry.field(description="Its direct audience (the same people as audience).")
    via_shares: int = strawberry.field(description="People reached only because someone shared it.")
    total: int = strawberry.field(description="Everyone it reaches: direct and through shares.")


@strawberry.type(description="Something a person wrote.")
class Post(Reactable):
    id: strawberry.ID
    text: str
    visibility: PostVisibility
    created_at: datetime
    comment_policy: CommentPolicy = strawberry.field(
        description="Who may comment from now on: EVERYONE who can see it (the default), the author's "
                    "CONNECTIONS, or NOBODY; the author always may [R21].")
    data: strawberry.Private[posts.Post]

    @classmethod
    def of(cls, post: posts.Post) -> Post:
        return cls(id=strawberry.ID(post.id), text=post.text, visibility=PostVisibility(post.visibility),
                   created_at=post.created_at, comment_policy=CommentPolicy(post.comment_policy), data=post)

    def reaction_subject(self) -> reactions.Subject:
        return self.data.subject

    @strawberry.field(description="Whether the viewer may comment on it now [R21].")
    async def viewer_can_comment(self, info: Info[Context, None]) -> bool:
        return await comments.viewer_can_comment(info.context.network, info.context.viewer, self.data)

    @strawberry.field(description="How many comments and replies the viewer sees on it: those of people "
                                  "blocked either way with the viewer, and the replies under them, are "
                                  "left out [R24].")
    async def comment_count(self, info: Info[Context, None]) -> int:
        return await info.context.loaders.comment_count.load(self.id)

    @strawberry.field(description="Its top-level comments the viewer sees, newest first; each has its "
                                  "replies [R22].")
    async def comments(
        self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE, after: str | None = NO_DEFAULT
    ) -> Annotated[CommentConnection, strawberry.lazy("service.api.comments")]:
        from service.api.comments import CommentConnection

        ctx = info.context
        return CommentConnection.of_page(await comments.comments(ctx.graph, ctx.viewer, self.data,
                                                                 page_request(first, after)))

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: Info[Context, None]) -> Person:
        found = await info.context.loaders.person.load(self.data.author_id)
        if found is None:  # whoever may see a post may see its author: blocks hide both
            raise NotFound(f"The author of post {self.id!r} is not visible to you.")
        return Person.of(found)

    @strawberry.field(description="How many people shared it.")
    async def share_count(self, info: Info[Context, None]) -> int:
        return await info.context.loaders.share_count.load(self.id)

    @strawberry.field(description="How many people it reaches directly: for a PUBLIC post the "
                                  "author's followers and connections, each once; for a CONNECTIONS "
                                  "post the connections; never the author, nobody across a block [R10].")
    async def audience_size(self, info: Info[Context, None]) -> int:
        return await info.context.loaders.audience_size.load(self.id)

    @strawberry.field(description="The people it reaches directly, by id, up to 5,000 a page: the "
                                  "author alone (or an admin), else FORBIDDEN [R10].")
    async def audience(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                       after: str | None = NO_DEFAULT) -> PersonConnection:
        request = page_request(first, after, largest=MAX_AUDIENCE_PAGE_SIZE)
        return PersonConnection.of_page(await posts.audience(info.context.graph, info.context.viewer,
                                                             self.data, request))

    @strawberry.field(description="How many people it reaches, directly and through shares: the "
                                  "author alone (or an admin), else FORBIDDEN [R12].")
    async def reach(self, info: Info[Context, None]) -> PostReach:
        found = await posts.reach(info.context.graph, info.context.viewer, self.data)
        return PostReach(direct=found.direct, via_shares=found.via_shares, total=found.total)


@strawberry.type
class PostEdge(Edge[Post]):
    shared_by: list[Person] = strawberry.field(
        default_factory=list,
        description="In the feed: up to three people in your network who shared the post, latest "
                    "first. Empty when it reached you from its author alone, and outside the feed.")


@strawberry.type(description="A page of posts, newest first, and how many the whole list holds.")
class PostConnection(CountedConnection[PostEdge]):
    @classmethod
    def of_page(cls, page: Page[posts.Post]) -> PostConnection:
        return cls.of(page.map(Post.of), PostEdge)


async def _feed_connection(info: Info[Context, None], page: Page[feed.FeedEntry]) -> PostConnection:
    sharers = {i for entry in page.items for i in entry.shared_by}
    people = dict(zip(sharers, await info.context.loaders.person.load_many(list(sharers)), strict=True))

    def edge(*, cursor: str, node: feed.FeedEntry) -> PostEdge:
        return PostEdge(cursor=cursor, node=Post.of(node.post),
                        shared_by=[Person.of(p) for i in node.shared_by if (p := people[i]) is not None])

    return PostConnection.of(page, edge)


@strawberry.input
class CreatePostInput:
    text: str
    visibility: PostVisibility | None = PostVisibility.PUBLIC
    comment_policy: CommentPolicy | None = CommentPolicy.EVERYONE


#: The Post fields whose answers can start while the post is still being looked up.
POST_STARTERS: dict[str, prefetch.Starter] = {
    "audienceSize": lambda ctx, post_id, _: ctx.loaders.audience_size.load(post_id),
    "shareCount": lambda ctx, post_id, _: ctx.loaders.share_count.load(post_id),
    "reactionCount": lambda ctx, post_id, _: ctx.loaders.post_reactions.load(post_id),
    "reactionCounts": lambda ctx, post_id, _: ctx.loaders.post_reactions.load(post_id),
    "viewerReaction": lambda ctx, post_id, _: ctx.loaders.post_reactions.load(post_id),
    "commentCount": lambda ctx, post_id, _: ctx.loaders.comment_count.load(post_id),
}


@strawberry.type
class PostQuery:
    @strawberry.field(description="Null when unknown or when the viewer may not see it [R10].")
    async def post(self, info: Info[Context, None], id: strawberry.ID) -> Post | None:
        privacy.require_person(info.context.viewer, "see posts")
        prefetch.start(info, "Post", id, POST_STARTERS)
        found = await info.context.loaders.post.load(id)
        return None if found is None else Post.of(found)

    @strawberry.field(description="The viewer's feed: posts and shares by the people it follows or "
                                  "is connected to, each post once, newest first [R11].")
    async def feed(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                   after: str | None = NO_DEFAULT) -> PostConnection:
        page = await feed.feed(info.context.graph, info.context.viewer, page_request(first, after))
        return await _feed_connection(info, page)


@strawberry.type
class PostMutation:
    @strawberry.mutation(description="Write a post for everyone (PUBLIC, the default) or for your "
                                     "connections alone [R10].")
    async def create_post(self, info: Info[Context, None], input: CreatePostInput) -> Post:
        visibility = (input.visibility or PostVisibility.PUBLIC).value
        policy = (input.comment_policy or CommentPolicy.EVERYONE).value
        return Post.of(await posts.create_post(info.context.graph, info.context.viewer, input.text,
                                               visibility, policy))

    @strawberry.mutation(description="Share a PUBLIC post you can see with your own followers and "
                                     "connections; sharing twice is sharing once [R10].")
    async def share_post(self, info: Info[Context, None], post_id: strawberry.ID) -> Post:
        return Post.of(await posts.share_post(info.context.graph, info.context.viewer, post_id))

    @strawberry.mutation(description="The author or an admin deletes a post; its comments, reactions, "
                                     "shares and the notifications of them go with it [R19].")
    async def delete_post(self, info: Info[Context, None], post_id: strawberry.ID) -> bool:
        return await posts.delete_post(info.context.graph, info.context.viewer, post_id)

    @strawberry.mutation(description="React to a post you can see (LIKE unless told); again: the kind "
                                     "changes [R20].")
    async def react_to_post(self, info: Info[Context, None], post_id: strawberry.ID,
                            kind: ReactionKind | None = ReactionKind.LIKE) -> Post:
        ctx = info.context
        kind = kind or ReactionKind.LIKE
        return Post.of(await posts.react_to_post(ctx.graph, ctx.viewer, post_id, kind.value,
                                                 ctx.interaction_limits.reactions))

    @strawberry.mutation(description="Remove your reaction to a post; none there: nothing changes [R20].")
    async def remove_post_reaction(self, info: Info[Context, None], post_id: strawberry.ID) -> Post:
        return Post.of(await posts.remove_post_reaction(info.context.graph, info.context.viewer, post_id))

    @strawberry.mutation(description="The author or an admin says who may comment on a post from now on "
                                     "[R21].")
    async def set_comment_policy(self, info: Info[Context, None], post_id: strawberry.ID,
                                 policy: CommentPolicy) -> Post:
        return Post.of(await posts.set_comment_policy(info.context.graph, info.context.viewer, post_id,
                                                      policy.value))
