"""The GraphQL schema: each domain module's query and mutation fields, merged into one root each.

``schema.graphql`` at the project root is exported from here (``make schema``); a test keeps them equal.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Iterable, Iterator
from contextlib import suppress
from typing import Any, cast

import strawberry
from graphql import DocumentNode, GraphQLError, execute
from strawberry.exceptions import MissingQueryError
from strawberry.execution import optimized_is_awaitable
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES, StreamResult
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from service.api import metrics
from service.api.accounts import AccountMutation, AccountQuery
from service.api.comments import CommentMutation, CommentQuery
from service.api.conversations import ConversationMutation, ConversationQuery, MessageSubscription
from service.api.documents import DOCUMENT_CACHE_SIZE, Documents, PersistedDocuments
from service.api.errors import ErrorCodes, coded
from service.api.limits import DEFAULT_LIMITS, QueryLimits
from service.api.metrics import OperationMetrics
from service.api.notifications import NotificationMutation, NotificationQuery, NotificationSubscription
from service.api.people import PeopleMutation, PeopleQuery
from service.api.posts import PostMutation, PostQuery
from service.api.recommendations import RecommendationMutation, RecommendationQuery
from service.api.relationships import RelationshipMutation, RelationshipQuery
from service.api.settings import SettingsMutation
from service.api.skills import SkillMutation

Query = merge_types("Query", (PeopleQuery, RelationshipQuery, PostQuery, CommentQuery, NotificationQuery,
                             AccountQuery, RecommendationQuery, ConversationQuery))
Mutation = merge_types("Mutation", (PeopleMutation, SettingsMutation, RelationshipMutation, PostMutation,
                                    CommentMutation, NotificationMutation, AccountMutation, SkillMutation,
                                    RecommendationMutation, ConversationMutation))
Subscription = merge_types("Subscription", (NotificationSubscription, MessageSubscription))

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


class SubscriptionOverHTTP(InvalidOperationTypeError):
    """A subscription asked of ``Schema.execute``, which answers with one result. Subscriptions
    stream, and the app streams them over the WebSocket alone (it offers Strawberry's view no HTTP
    streaming transport), though Strawberry allows them by GET and POST for its multipart one.

    An InvalidOperationTypeError, so both ways of answering (``GraphQLView.answer``, Strawberry's
    view) refuse the request with status 400 and code BAD_USER_INPUT, saying where to subscribe.
    """

    def __init__(self) -> None:
        super().__init__(OperationType.SUBSCRIPTION)

    def as_http_error_reason(self, method: str) -> str:
        return (f"Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql; this request "
                f"came by HTTP {method}.")


class Schema(strawberry.Schema):
    """Strawberry's schema, executing queries and mutations with less machinery per request.

    Strawberry runs every operation through its extensions' hooks (four context managers per
    extension per request) and parses and validates through two caches keyed on the parsed
    document; with graphql-core's execution that was most of the service's CPU for a small read
    (bench/README.md, "Cost per request"). ``execute`` does what the extensions below would, in
    the same order, and takes each document from ``Documents``, prepared once. Subscriptions (over
    WebSockets, ``stream``) still run through the extensions; so does everything when the schema has
    an extension that ``execute`` does not stand in for (``STOOD_IN_FOR``). ``execute`` runs no
    subscription either way: it has one result to give, so it refuses one (``SubscriptionOverHTTP``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = Documents(self._schema, DEFAULT_LIMITS, DOCUMENT_CACHE_SIZE)

    @property
    def stands_in(self) -> bool:
        """Whether ``execute`` may run operations itself: every extension is one it stands in for."""
        return not self.directives and all(ext in STOOD_IN_FOR for ext in self.extensions)

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
                       ) -> None:
        """Logs nothing: ErrorCodes logs each error once, knowing whether it was expected.

        Strawberry's default logs every error, a refusal as much as a crash, at ERROR with a traceback.
        """

    async def execute(self, query: str | None, variable_values: dict[str, Any] | None = None,
                      context_value: Any | None = None, root_value: Any | None = None,
                      operation_name: str | None = None,
                      allowed_operation_types: Iterable[OperationType] | None = None,
                      operation_extensions: dict[str, Any] | None = None) -> ExecutionResult:
        """As Strawberry's: its exceptions for a request that names no runnable operation (a
        subscription among them: ``SubscriptionOverHTTP``), the errors of one that does not parse or
        validate, else the operation's result; every error coded (ErrorCodes) and the operation
        observed (OperationMetrics) on the way out."""
        started = time.perf_counter()
        persisted: PersistedDocuments | None = getattr(context_value, "persisted", None)
        if persisted is not None:
            found = persisted.document(query, operation_extensions)
            if isinstance(found, GraphQLError):
                refused = coded(found, operation_name)
                metrics.observe(operation_name, "invalid", time.perf_counter() - started, [refused])
                return ExecutionResult(data=None, errors=[refused])
            query = found
        if not self.stands_in:
            runnable = set(DEFAULT_ALLOWED_OPERATION_TYPES if allowed_operation_types is None
                           else allowed_operation_types) - {OperationType.SUBSCRIPTION}
            try:
                return await super().execute(query, variable_values, context_value, root_value,
                                             operation_name, runnable, operation_extensions)
            except InvalidOperationTypeError as exc:
                if exc.operation_type is OperationType.SUBSCRIPTION:
                    raise SubscriptionOverHTTP from exc
                raise
        if not query:
            raise MissingQueryError
        prepared = self.documents.prepare(query)
        result: ExecutionResult
        if prepared.document is None:
            kind, name = "invalid", operation_name
            result = ExecutionResult(data=None, errors=list(prepared.errors))
        else:
            operation = prepared.operation(operation_name)
            if operation is None:
                raise CannotGetOperationTypeError(operation_name)
            kind = operation.operation.value
            operation_type = OperationType(kind)
            if operation_type is OperationType.SUBSCRIPTION:
                raise SubscriptionOverHTTP
            allowed = allowed_operation_types
            if operation_type not in (DEFAULT_ALLOWED_OPERATION_TYPES if allowed is None else allowed):
                raise InvalidOperationTypeError(operation_type)
            name = operation_name or (operation.name.value if operation.name else None)
            if prepared.errors:
                result = ExecutionResult(data=None, errors=list(prepared.errors))
            else:
                if persisted is not None:
                    persisted.register(query, operation_extensions)
                # As Strawberry: with no name given, the first operation runs, whatever follows it.
                result = await self._run(prepared.document, variable_values, context_value, root_value, name,
                                         operation_extensions)
        if result.errors:
            result.errors = [coded(error, name) for error in result.errors]
        metrics.observe(name, kind, time.perf_counter() - started, result.errors)
        return result

    async def stream(self, query: str | None, variable_values: dict[str, Any] | None = None,
                     context_value: Any | None = None, root_value: Any | None = None,
                     operation_name: str | None = None, operation_extensions: dict[str, Any] | None = None,
                     allowed_operation_types: Iterable[OperationType] | None = None) -> StreamResult:
        """Strawberry's (WebSocket operations run through it), refusing what ``PersistedDocuments``
        refuses, as ``execute`` does."""
        persisted: PersistedDocuments | None = getattr(context_value, "persisted", None)
        if persisted is not None:
            found = persisted.document(query, operation_extensions)
            if isinstance(found, GraphQLError):
                return _refused(coded(found, operation_name))
            query = found
        return await super().stream(query, variable_values, context_value, root_value, operation_name,
                                    operation_extensions, allowed_operation_types)

    async def _run(self, document: DocumentNode, variable_values: dict[str, Any] | None, context_value: Any,
                   root_value: Any, operation_name: str | None, operation_extensions: dict[str, Any] | None
                   ) -> ExecutionResult:
        try:
            outcome = execute(self._schema, document, root_value=root_value, context_value=context_value,
                              variable_values=variable_values, operation_name=operation_name,
                              executor_class=self.execution_context_class,
                              is_awaitable=cast(Any, optimized_is_awaitable),
                              operation_extensions=operation_extensions)
            if isinstance(outcome, Awaitable):
                outcome = await outcome
        except Exception as exc:  # as Strawberry: a failure outside any resolver becomes an error
            return ExecutionResult(data=None, errors=[GraphQLError(str(exc), original_error=exc)])
        return ExecutionResult(data=outcome.data, errors=outcome.errors)


async def _refused(error: GraphQLError) -> StreamResult:
    """A stream whose one result refuses the operation before it runs."""
    yield PreExecutionError(data=None, errors=[error])


def _cached_parsing() -> CachedParsing:
    return CachedParsing(maxsize=DOCUMENT_CACHE_SIZE)


def _validation_cache() -> ValidationCache:
    return ValidationCache(maxsize=DOCUMENT_CACHE_SIZE)


#: The extensions ``Schema.execute`` does the work of: the limits and caches through ``Documents``,
#: the codes and metrics itself. Subscriptions run through them as they are.
STOOD_IN_FOR = (QueryLimits, OperationMetrics, ErrorCodes, _cached_parsing, _validation_cache)

#: Order matters: limits apply first; metrics see the codes that ErrorCodes gives on the way out.
schema = Schema(query=Query, mutation=Mutation, subscription=Subscription, extensions=list(STOOD_IN_FOR))
