"""The Person type, and the queries and mutations that find and create people."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service import (
    connections,
    follows,
    messages,
    notifications,
    paths,
    people,
    posts,
    privacy,
    recommendations,
    relationships,
    strength,
)
from service.api import person_starters, prefetch
from service.api.context import Context
from service.api.pagination import DEFAULT_PAGE_SIZE, NO_DEFAULT, CountedConnection, Edge, page_request
from service.api.reach import Reach
from service.api.settings import Settings
from service.api.strength import NetworkStrength
from service.api.suggestions import Suggestion
from service.pages import Page

if TYPE_CHECKING:
    from service.api.posts import PostConnection
    from service.api.recommendations import RecommendationConnection
    from service.api.relationships import Relationship
    from service.api.skills import Skill

strawberry.enum(messages.ConversationStatus, description="The viewer's side of a conversation [R26].")


@strawberry.type(description="Someone in the network.")
class Person:
    id: strawberry.ID
    name: str
    headline: str | None
    created_at: datetime
    data: strawberry.Private[people.Person]

    @classmethod
    def of(cls, person: people.Person) -> Person:
        return cls(id=strawberry.ID(person.id), name=person.name, headline=person.headline,
                   created_at=person.created_at, data=person)

    @strawberry.field(description="People who follow this person; public [R9].")
    async def follower_count(self, info: Info[Context, None]) -> int:
        return (await info.context.loaders.counts.load(self.id)).followers

    @strawberry.field(description="People this person follows.")
    async def following_count(self, info: Info[Context, None]) -> int:
        return (await info.context.loaders.counts.load(self.id)).following

    @strawberry.field(description="This person's connections; public [R9].")
    async def connection_count(self, info: Info[Context, None]) -> int:
        return (await info.context.loaders.counts.load(self.id)).connections

    @strawberry.field(description="The skills this person lists (at most 50), most endorsed first; "
                                  "public [R30, R32].")
    async def skills(
        self, info: Info[Context, None]
    ) -> list[Annotated[Skill, strawberry.lazy("service.api.skills")]]:
        from service.api.skills import Skill  # the two types refer to each other

        return [Skill.of(s) for s in await info.context.loaders.skills.load(self.id)]

    @strawberry.field(description="SHOWN recommendations this person received; public [R34].")
    async def recommendation_count(self, info: Info[Context, None]) -> int:
        return await info.context.loaders.recommendation_count.load(self.id)

    @strawberry.field(description="Recommendations this person received, newest first: SHOWN ones for "
                                  "anyone signed in, PENDING and HIDDEN ones for the two people alone [R34].")
    async def recommendations(
        self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE, after: str | None = NO_DEFAULT
    ) -> Annotated[RecommendationConnection, strawberry.lazy("service.api.recommendations")]:
        return await _recommendations(info.context, self.data, False, first, after)

    @strawberry.field(description="Recommendations this person wrote, newest first, seen as "
                                  "recommendations are [R34].")
    async def recommendations_given(
        self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE, after: str | None = NO_DEFAULT
    ) -> Annotated[RecommendationConnection, strawberry.lazy("service.api.recommendations")]:
        return await _recommendations(info.context, self.data, True, first, after)

    @strawberry.field(description="How strong this person's network is: the person alone or an admin, "
                                  "else FORBIDDEN [R36].")
    async def network_strength(self, info: Info[Context, None]) -> NetworkStrength:
        ctx = info.context
        found = await strength.network_strength(ctx.graph, ctx.network, ctx.viewer, self.id)
        return NetworkStrength.of(found)

    @strawberry.field(description="Who follows this person, by id: the person alone (or an admin), "
                                  "else FORBIDDEN [R9].")
    async def followers(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                        after: str | None = NO_DEFAULT) -> PersonConnection:
        ctx = info.context
        page = await follows.followers(ctx.graph, ctx.viewer, self.data, page_request(first, after))
        return PersonConnection.of_page(page)

    @strawberry.field(description="Whom this person follows, by id: the person alone (or an admin), "
                                  "else FORBIDDEN [R9].")
    async def following(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                        after: str | None = NO_DEFAULT) -> PersonConnection:
        ctx = info.context
        page = await follows.following(ctx.graph, ctx.viewer, self.data, page_request(first, after))
        return PersonConnection.of_page(page)

    @strawberry.field(description="This person's connections, by id, as their connectionsVisibility "
                                  "allows; else FORBIDDEN [R9].")
    async def connections(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                          after: str | None = NO_DEFAULT) -> PersonConnection:
        ctx = info.context
        page = await connections.connections(ctx.graph, ctx.viewer, self.data, page_request(first, after))
        return PersonConnection.of_page(page)

    @strawberry.field(description="People connected to both the viewer and this person, by id; shown "
                                  "even when this person's connection list is not [R14].")
    async def mutual_connections(self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE,
                                 after: str | None = NO_DEFAULT) -> PersonConnection:
        page = await person_starters.mutual_connections(info.context, self.id, first, after)
        return PersonConnection.of_page(page)

    @strawberry.field(description="Steps from the viewer over connections: 0 self, 1, 2, 3; null "
                                  "beyond 3 [R13].")
    async def degree(self, info: Info[Context, None]) -> int | None:
        privacy.require_person(info.context.viewer, "see how far people are from you")
        return await info.context.loaders.degree.load(self.id)

    @strawberry.field(description="One shortest path from the viewer to this person over connections, "
                                  "both ends included; null beyond 3 steps [R13].")
    async def connection_path(self, info: Info[Context, None]) -> list[Person] | None:
        viewer_id = privacy.require_person(info.context.viewer, "see how you are connected to people")
        found = await paths.connection_path(info.context.graph, info.context.network, viewer_id, self.id)
        return None if found is None else [Person.of(p) for p in found]

    @strawberry.field(description="Distinct people this person reaches; blocked people excluded [R12].")
    async def reach(self, info: Info[Context, None]) -> Reach:
        return Reach.of(await info.context.loaders.reach.load(self.id))

    @strawberry.field(description="People this person may know: 2nd-degree people ranked by mutual "
                                  "connections, then id. The person alone (or an admin) [R16].")
    async def suggestions(self, info: Info[Context, None],
                          first: int | None = person_starters.DEFAULT_SUGGESTIONS) -> list[Suggestion]:
        return [Suggestion.of(s) for s in await person_starters.suggestions_for(info.context, self.id, first)]

    @strawberry.field(description="The posts this person wrote that the viewer may see, newest first "
                                  "[R10].")
    async def posts(
        self, info: Info[Context, None], first: int | None = DEFAULT_PAGE_SIZE, after: str | None = NO_DEFAULT
    ) -> Annotated[PostConnection, strawberry.lazy("service.api.posts")]:
        from service.api.posts import PostConnection  # the two types refer to each other

        ctx = info.context
        page = await posts.posts_of(ctx.graph, ctx.viewer, self.id, page_request(first, after))
        return PostConnection.of_page(page)

    @strawberry.field(description="The viewer <-> this person [R15]; sign in to ask.")
    async def relationship(
        self, info: Info[Context, None]
    ) -> Annotated[Relationship, strawberry.lazy("service.api.relationships")]:
        from service.api.relationships import Relationship  # the two types refer to each other

        privacy.require_person(info.context.viewer, "see how you relate to people")
        found = None
        if not prefetch.selected(info) <= PAIR_STATE_FREE_FIELDS:  # else no flag is asked: none read
            found = await info.context.loaders.relationship.load(self.id)
        return Relationship.of(found or relationships.Relationship(person=self.data))

    @strawberry.field(description="Notifications the viewer has not read; the viewer alone (else "
                                  "FORBIDDEN) [R18].")
    async def unread_notification_count(self, info: Info[Context, None]) -> int:
        return await notifications.unread_count(info.context.graph, info.context.viewer, self.id)

    @strawberry.field(description="Conversations with this status holding messages the viewer has not "
                                  "read; the viewer alone (else FORBIDDEN) [R28].")
    async def unread_conversation_count(
            self, info: Info[Context, None],
            status: messages.ConversationStatus | None = messages.ConversationStatus.ACCEPTED) -> int:
        return await person_starters.unread_conversations(info.context, self.id, status)

    @strawberry.field(description="The person alone (or an admin); null for everyone else.")
    async def settings(self, info: Info[Context, None]) -> Settings | None:
        if not privacy.may_see_settings(info.context.viewer, self.data):
            return None
        found = await info.context.loaders.settings.load(self.id)
        return None if found is None else Settings.of(found)


@strawberry.type
class PersonEdge(Edge[Person]):
    pass


@strawberry.type(description="A page of people, and how many the whole list holds.")
class PersonConnection(CountedConnection[PersonEdge]):
    @classmethod
    def of_page(cls, page: Page[people.Person]) -> PersonConnection:
        return cls.of(page.map(Person.of), PersonEdge)


async def _recommendations(ctx: Context, person: people.Person, given: bool, first: int | None,
                           after: str | None) -> RecommendationConnection:
    from service.api.recommendations import Recommendation, RecommendationConnection, RecommendationEdge

    request = page_request(first, after)
    page = await recommendations.recommendations(ctx.graph, ctx.viewer, person, given, request)
    return RecommendationConnection.of(page.map(Recommendation.of), RecommendationEdge)


#: The fields of a person answered from their id alone, never from their stored details: a lookup
#: that selects nothing else asks the connection index whether the person is there to see
#: (``people.visible_in_index``) and reads nothing from Neo4j (issue 21: ``person { degree }``).
#: ``relationship`` is one of them when it asks nothing of the pair's stored state.
ID_ONLY_FIELDS = frozenset({"__typename", "id", "degree", "reach"})
#: The Relationship fields answered without the pair's stored state (``relationship_states``): the
#: index answers the first three, ``conversation`` its own loader.
PAIR_STATE_FREE_FIELDS = frozenset({"__typename", "degree", "mutualConnectionCount", "conversation"})


async def load_person(info: Info[Context, None], person_id: str) -> Person | None:
    """The person as the viewer may see them, batched with every other lookup in the request; the
    fields selected on them start meanwhile (one round trip to Neo4j instead of two)."""
    ctx = info.context
    chosen = prefetch.selected(info)
    pair_state = ("relationship" in chosen
                  and not prefetch.selected(info, below="relationship") <= PAIR_STATE_FREE_FIELDS)
    prefetch.start(info, "Person", person_id,
                   person_starters.STARTERS if pair_state else person_starters.WITHOUT_PAIR_STATE)
    if not pair_state and chosen - {"relationship"} <= ID_ONLY_FIELDS:
        visible = await people.visible_in_index(ctx.network, ctx.viewer, person_id)
        return Person.of(people.Person.unread(person_id)) if visible else None
    found = await ctx.loaders.person.load(person_id)
    return None if found is None else Person.of(found)


@strawberry.input
class CreatePersonInput:
    id: strawberry.ID | None = None
    name: str
    headline: str | None = None


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="The authenticated person; null when anonymous.")
    async def viewer(self, info: Info[Context, None]) -> Person | None:
        viewer = info.context.viewer
        return None if viewer.id is None else await load_person(info, viewer.id)

    @strawberry.field(description="Null when unknown, or when either side blocks the other [R8].")
    async def person(self, info: Info[Context, None], id: strawberry.ID) -> Person | None:
        return await load_person(info, id)


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description="Admin only. Without an id, one is made up.")
    async def create_person(self, info: Info[Context, None], input: CreatePersonInput) -> Person:
        created = await people.create_person(info.context.graph, info.context.viewer, input.name,
                                             input.headline, input.id)
        return Person.of(created)
