"""DataLoaders: one query per batch of ids, not one per item in a list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from strawberry.dataloader import DataLoader

from service import (
    comments,
    conversations,
    mutuals,
    paths,
    people,
    posts,
    privacy,
    reach,
    reactions,
    recommendations,
    relationships,
    skills,
)
from service.graph import Graph
from service.identity import Viewer
from service.network import RequestNetwork

V = TypeVar("V")


def _by_key(fetch: Callable[[list[str]], Awaitable[Mapping[str, V]]], default: V) -> DataLoader[str, V]:
    async def load(keys: list[str]) -> list[V]:
        found = await fetch(keys)
        return [found.get(key, default) for key in keys]

    return DataLoader(load_fn=load)


class Loaders:
    def __init__(self, graph: Graph, network: RequestNetwork, viewer: Viewer) -> None:
        #: People by id as this viewer may see them (None: unknown, or blocked either way).
        self.person: DataLoader[str, people.Person | None] = _by_key(
            lambda ids: people.people_by_ids(graph, viewer, ids), None)
        #: Each person's settings by id; who may see them is the resolver's to ask (privacy).
        self.settings: DataLoader[str, people.Settings | None] = _by_key(
            lambda ids: people.settings_by_ids(graph, ids), None)
        #: Follower, following and connection counts by person id.
        self.counts: DataLoader[str, people.Counts] = _by_key(
            lambda ids: people.counts_by_ids(graph, ids), people.Counts())
        #: How the viewer relates to each person, by id (None: unknown id).
        self.relationship: DataLoader[str, relationships.Relationship | None] = _by_key(
            lambda ids: relationships.relationships_with(graph, viewer, ids), None)
        #: Steps from the viewer over connections by person id (None beyond 3) [R13].
        self.degree: DataLoader[str, int | None] = _by_key(
            lambda ids: paths.degrees(
                network, privacy.require_person(viewer, "see how far people are from you"), ids), None)
        #: Connections shared by the viewer and each person, by person id [R14].
        self.mutual_count: DataLoader[str, int] = _by_key(
            lambda ids: mutuals.mutual_connection_counts(
                network, privacy.require_person(viewer, "see mutual connections"), ids), 0)
        #: Reach by person id [R12].
        self.reach: DataLoader[str, reach.Reach] = _by_key(
            lambda ids: reach.reach_by_ids(graph, network, ids), reach.Reach())
        #: Posts by id as this viewer may see them (None: unknown, or not to be seen) [R10].
        self.post: DataLoader[str, posts.Post | None] = _by_key(
            lambda ids: posts.visible_posts(graph, viewer, ids), None)
        #: How many people shared each post, by post id.
        self.share_count: DataLoader[str, int] = _by_key(lambda ids: posts.share_counts(graph, ids), 0)
        #: Each post's direct audience size, by post id [R10].
        self.audience_size: DataLoader[str, int] = _by_key(lambda ids: posts.audience_sizes(graph, ids), 0)
        #: Each person's skills as this viewer sees them, by person id [R30, R32].
        self.skills: DataLoader[str, list[skills.Skill]] = _by_key(
            lambda ids: skills.skills_by_ids(graph, viewer, ids), [])
        #: SHOWN recommendations received, by person id [R34].
        self.recommendation_count: DataLoader[str, int] = _by_key(
            lambda ids: recommendations.recommendation_counts(graph, viewer, ids), 0)

        async def pending(pairs: list[tuple[str, str]]) -> list[recommendations.Recommendation | None]:
            found = await recommendations.pending_between(graph, viewer, pairs)
            return [found.get(pair) for pair in pairs]

        #: The PENDING recommendation by (author, recipient), if the viewer may see it [R34].
        self.pending_recommendation: DataLoader[tuple[str, str], recommendations.Recommendation | None] = (
            DataLoader(load_fn=pending))
        #: Comments by id as this viewer may see them (None: unknown, or not to be seen) [R21, R8].
        self.comment: DataLoader[str, comments.Comment | None] = _by_key(
            lambda ids: comments.visible_comments(graph, viewer, ids), None)
        #: What this viewer sees of each post's and each comment's reactions, by id [R24].
        self.post_reactions: DataLoader[str, reactions.Summary] = _by_key(
            lambda ids: reactions.summaries(graph, viewer, ids, on_comment=False), reactions.NO_REACTIONS)
        self.comment_reactions: DataLoader[str, reactions.Summary] = _by_key(
            lambda ids: reactions.summaries(graph, viewer, ids, on_comment=True), reactions.NO_REACTIONS)
        #: Comments and replies this viewer sees on each post, by post id [R24].
        self.comment_count: DataLoader[str, int] = _by_key(
            lambda ids: comments.comment_counts(graph, viewer, ids), 0)
        #: Replies this viewer sees under each top-level comment, by comment id [R24].
        self.reply_count: DataLoader[str, int] = _by_key(
            lambda ids: comments.reply_counts(graph, viewer, ids), 0)
        #: The viewer's conversations by id, as the viewer sees them (None: not theirs to see) [R26].
        self.conversation: DataLoader[str, conversations.Conversation | None] = _by_key(
            lambda ids: conversations.conversation_views(graph, viewer, ids), None)
        #: The viewer's conversation with each person, by person id (None: none to see) [R26].
        self.conversation_with: DataLoader[str, conversations.Conversation | None] = _by_key(
            lambda ids: conversations.conversations_with(graph, viewer, ids), None)
