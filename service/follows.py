"""FOLLOWS, the weak tie (R1, R2): follow and unfollow, and the followers / following lists."""

from __future__ import annotations

from service import cypher, privacy
from service.graph import Graph, Tx
from service.identity import Viewer
from service.pages import Page, PageRequest
from service.people import Person, people_page
from service.relationships import PairState, Relationship, change_pair

FOLLOW = cypher.query("follow")
UNFOLLOW = cypher.query("unfollow")
FOLLOWERS_PAGE = cypher.query("followers_page")
FOLLOWING_PAGE = cypher.query("following_page")


async def follow(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """R1: no approval, idempotent; not yourself, not across a block, and only connections may
    follow someone whose followPolicy is CONNECTIONS."""

    async def decide(tx: Tx, state: PairState) -> None:
        privacy.require_unblocked(state.blocked, "follow this person")
        if state.following:
            return
        privacy.require_may_follow(state.follow_policy, state.connected)
        await tx.run(FOLLOW, me=state.me, other=state.other)

    return await change_pair(graph, viewer, other, name="follow", decide=decide,
                             yourself="You can't follow yourself.")


async def unfollow(graph: Graph, viewer: Viewer, other: str) -> Relationship:
    """R2: idempotent; a connection stays a connection."""

    async def decide(tx: Tx, state: PairState) -> None:
        if state.following:
            await tx.run(UNFOLLOW, me=state.me, other=state.other)

    return await change_pair(graph, viewer, other, name="unfollow", decide=decide,
                             yourself="You can't unfollow yourself.")


async def followers(graph: Graph, viewer: Viewer, person: Person, request: PageRequest) -> Page[Person]:
    privacy.require_may_list_follows(viewer, person, "followers")
    return await people_page(graph, FOLLOWERS_PAGE, request, personId=person.id,
                             viewerId=privacy.hidden_from(viewer))


async def following(graph: Graph, viewer: Viewer, person: Person, request: PageRequest) -> Page[Person]:
    privacy.require_may_list_follows(viewer, person, "following")
    return await people_page(graph, FOLLOWING_PAGE, request, personId=person.id,
                             viewerId=privacy.hidden_from(viewer))
