"""The GraphQL schema: each domain module's query and mutation fields, merged into one root each.

``schema.graphql`` at the project root is exported from here (``make schema``); a test keeps them equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from service.api.accounts import AccountMutation, AccountQuery
from service.api.comments import CommentMutation, CommentQuery
from service.api.errors import ErrorCodes
from service.api.limits import QueryLimits
from service.api.metrics import OperationMetrics
from service.api.notifications import NotificationMutation, NotificationQuery, NotificationSubscription
from service.api.people import PeopleMutation, PeopleQuery
from service.api.posts import PostMutation, PostQuery
from service.api.recommendations import RecommendationMutation, RecommendationQuery
from service.api.relationships import RelationshipMutation, RelationshipQuery
from service.api.skills import SkillMutation

Query = merge_types("Query", (PeopleQuery, RelationshipQuery, PostQuery, CommentQuery, NotificationQuery,
                             AccountQuery, RecommendationQuery))
Mutation = merge_types("Mutation", (PeopleMutation, RelationshipMutation, PostMutation, CommentMutation,
                                    NotificationMutation, AccountMutation, SkillMutation,
                                    RecommendationMutation))
Subscription = merge_types("Subscription", (NotificationSubscription,))

#: Clients send the same few documents again and again; parsing and validating each one afresh was a
#: third of the service's CPU per request (bench/profile.py). Bounded: documents come from clients.
#: Both caches key on the parse options and validation rules, so QueryLimits still applies.
DOCUMENT_CACHE_SIZE = 512


class CachedParsing(ParserCache):
    """Strawberry's ParserCache, except that a document that fails to parse is left to Strawberry.

    ParserCache raises the syntax error from its hook, outside the operation, where ErrorCodes
    never sees it (no ``extensions.code``); left unparsed, Strawberry parses it again itself and
    reports the error like any other.
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        with suppress(GraphQLError):
            context.graphql_document = self.cached_parse_document(context.query, **context.parse_options)
        yield


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
                       ) -> None:
        """Logs nothing: ErrorCodes logs each error once, knowing whether it was expected.

        Strawberry's default logs every error, a refusal as much as a crash, at ERROR with a traceback.
        """


#: Order matters: limits apply first; metrics see the codes that ErrorCodes gives on the way out.
schema = Schema(query=Query, mutation=Mutation, subscription=Subscription, extensions=[
    QueryLimits, OperationMetrics, ErrorCodes,
    lambda: CachedParsing(maxsize=DOCUMENT_CACHE_SIZE), lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
])
