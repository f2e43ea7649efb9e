"""Per-document limits: how deep, how many aliases, how many tokens one GraphQL request may be.

A scraper or a buggy client can ask for a person's connections' connections' connections ... in one
document, or for the same field under a thousand aliases; each costs the graph real work. Every
request is checked before it runs, and one over a limit fails with LIMIT_EXCEEDED and a message
naming the limit, its value and what to do (split the query). ``first`` on lists is capped
separately, at ``service.pages.MAX_PAGE_SIZE`` (a value out of range is BAD_USER_INPUT).

Introspection (``__schema``, ``__type``) does not count towards depth, so GraphiQL and code
generators always work; its query is well under the token limit too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)
from strawberry.extensions import SchemaExtension

LIMIT_EXCEEDED = "LIMIT_EXCEEDED"


@dataclass(frozen=True)
class DocumentLimits:
    """How deep, wide and long one GraphQL document may be before it is refused unrun."""

    #: Fields nested in one another, counting the root field: ``{ viewer { id } }`` is 2.
    max_depth: int = 12
    #: Aliased fields in a document, fragments counted once per use.
    max_aliases: int = 20
    #: Lexical tokens (names, punctuation, values; not comments) in a document.
    max_tokens: int = 2_000
    #: Comments in a document (GraphiQL's welcome text has about 30).
    max_comments: int = 500
    #: Characters in a document, whatever they are.
    max_characters: int = 100_000


DEFAULT_LIMITS = DocumentLimits()


def limit_error(message: str, node: FieldNode | OperationDefinitionNode | None = None) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": LIMIT_EXCEEDED})


def is_parser_limit(error: GraphQLError) -> bool:
    """True for graphql-core's own refusals (too many tokens, comments or characters; too nested)."""
    return error.message.endswith("Parsing aborted.")


class _Measure:
    """Depth and alias count of each selection set, each fragment measured once (memoized).

    Memoizing keeps this linear in the document's size even when fragments spread one another many
    times over (a "fragment bomb"); cycles are invalid GraphQL (another rule reports them) and
    count as nothing here.
    """

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.memo: dict[str, tuple[int, int]] = {}
        self.visiting: set[str] = set()

    def selections(self, selection_set: SelectionSetNode | None) -> tuple[int, int]:
        """(depth, aliases) below a selection set."""
        depth = aliases = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__") and selection.name.value != "__typename":
                    continue  # introspection: free, so tools always work
                below, inner = self.selections(selection.selection_set)
                depth = max(depth, 1 + below)
                aliases += inner + (1 if selection.alias else 0)
            elif isinstance(selection, InlineFragmentNode):
                below, inner = self.selections(selection.selection_set)
                depth, aliases = max(depth, below), aliases + inner
            elif isinstance(selection, FragmentSpreadNode):
                below, inner = self.fragment(selection.name.value)
                depth, aliases = max(depth, below), aliases + inner
        return depth, aliases

    def fragment(self, name: str) -> tuple[int, int]:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return 0, 0
        self.visiting.add(name)
        self.memo[name] = self.selections(definition.selection_set)
        self.visiting.discard(name)
        return self.memo[name]


@cache
def depth_and_alias_rule(limits: DocumentLimits) -> type[ValidationRule]:
    class DepthAndAliases(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            measure = _Measure({d.name.value: d for d in definitions
                                if isinstance(d, FragmentDefinitionNode)})
            aliases = 0
            for operation in definitions:
                if not isinstance(operation, OperationDefinitionNode):
                    continue
                depth, found = measure.selections(operation.selection_set)
                aliases += found
                if depth > limits.max_depth:
                    name = f"Operation '{operation.name.value}'" if operation.name else "The query"
                    context.report_error(limit_error(
                        f"{name} is nested {depth} fields deep; the limit is {limits.max_depth}. "
                        "Ask for less at once: split it into several requests.", operation))
            if aliases > limits.max_aliases:
                context.report_error(limit_error(
                    f"The document uses {aliases} aliases; the limit is {limits.max_aliases}. "
                    "Split it into several requests."))

    return DepthAndAliases


class QueryLimits(SchemaExtension):
    """Applies ``DocumentLimits`` to every document: size while parsing, depth and aliases while
    validating."""

    def __init__(self, limits: DocumentLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.rule = depth_and_alias_rule(limits)

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        options = cast(dict[str, Any], context.parse_options)  # graphql-core's, beyond strawberry's type
        options.update(max_lexical_tokens=self.limits.max_tokens, max_comments=self.limits.max_comments,
                       max_source_length=self.limits.max_characters)
        context.validation_rules = (*context.validation_rules, self.rule)
        yield
