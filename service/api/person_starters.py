"""The Person fields whose answers can start while the person is still being looked up
(``prefetch``), each under the key its resolver in ``api/people.py`` awaits, so the resolver finds
the answer already on its way."""

from __future__ import annotations

from collections.abc import Awaitable

from service import conversations, messages, mutuals, people, privacy, suggestions
from service.api import prefetch
from service.api.context import Context
from service.api.pagination import page_request
from service.pages import Page

#: How many suggestions ``Person.suggestions`` gives when a client names no number (or null).
DEFAULT_SUGGESTIONS = 10


def mutual_connections(ctx: Context, person_id: str, first: int | None,
                       after: str | None) -> Awaitable[Page[people.Person]]:
    viewer_id = privacy.require_person(ctx.viewer, "see mutual connections")
    request = page_request(first, after)
    return ctx.once(("mutualConnections", person_id, request.first, after or None),
                    lambda: mutuals.mutual_connections(ctx.graph, ctx.network, viewer_id, person_id, request))


def unread_conversations(ctx: Context, person_id: str, status: str | None) -> Awaitable[int]:
    chosen = messages.ConversationStatus(status or messages.ConversationStatus.ACCEPTED)
    return ctx.once(("unreadConversationCount", person_id, chosen),
                    lambda: conversations.unread_conversation_count(ctx.graph, ctx.viewer, person_id, chosen))


def suggestions_for(ctx: Context, person_id: str,
                    first: int | None) -> Awaitable[list[suggestions.Suggestion]]:
    first = DEFAULT_SUGGESTIONS if first is None else first
    return ctx.once(("suggestions", person_id, first),
                    lambda: suggestions.suggestions(ctx.graph, ctx.network, ctx.viewer, person_id, first))


#: Every Person field with a starter. ``relationship``'s reads the pair's stored state: a lookup
#: whose relationship asks none of it starts ``WITHOUT_PAIR_STATE`` instead.
STARTERS: dict[str, prefetch.Starter] = {
    "degree": lambda ctx, person_id, _: ctx.loaders.degree.load(person_id),
    "reach": lambda ctx, person_id, _: ctx.loaders.reach.load(person_id),
    "followerCount": lambda ctx, person_id, _: ctx.loaders.counts.load(person_id),
    "followingCount": lambda ctx, person_id, _: ctx.loaders.counts.load(person_id),
    "connectionCount": lambda ctx, person_id, _: ctx.loaders.counts.load(person_id),
    "relationship": lambda ctx, person_id, _: ctx.loaders.relationship.load(person_id),
    "mutualConnections": lambda ctx, person_id, args: mutual_connections(ctx, person_id, args.get("first"),
                                                                         args.get("after")),
    "suggestions": lambda ctx, person_id, args: suggestions_for(ctx, person_id, args.get("first")),
    "unreadConversationCount": lambda ctx, person_id, args: unread_conversations(ctx, person_id,
                                                                                 args.get("status")),
}
WITHOUT_PAIR_STATE = {name: starter for name, starter in STARTERS.items() if name != "relationship"}
