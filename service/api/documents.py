"""Documents parsed and validated once per process, then executed as they are (issue 21).

Clients send the same few documents again and again. ``Documents.prepare`` parses a document's
text under the limits of ``service/api/limits.py`` and validates it against the schema, once; what
came of it (the document, or the errors that refuse it) is kept by its text, least recently used
first out, so a known document goes straight to execution and a known bad one straight to its
errors. Keeping refusals is safe: parsing and validation depend on nothing but the text and the
schema, and both are fixed for the life of the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
    specified_rules,
    validate,
)
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from service.api.limits import DocumentLimits, depth_and_alias_rule

#: Documents kept per process. Bounded: documents come from clients.
DOCUMENT_CACHE_SIZE = 512


@dataclass(frozen=True)
class Prepared:
    """A document's text, parsed (``document``, None when it does not parse) and validated: it may
    run when there are no ``errors``."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()

    def operation(self, name: str | None) -> OperationDefinitionNode | None:
        """The operation to run: the one named ``name``, or the first when ``name`` is None (what
        Strawberry asks to tell the operation's type before anything runs)."""
        assert self.document is not None
        for definition in self.document.definitions:
            if isinstance(definition, OperationDefinitionNode) and (
                    name is None or (definition.name is not None and definition.name.value == name)):
                return definition
        return None


class Documents:
    """The documents one schema has prepared, by their text."""

    def __init__(self, schema: GraphQLSchema, limits: DocumentLimits,
                 size: int = DOCUMENT_CACHE_SIZE) -> None:
        self.schema = schema
        self.limits = limits
        # The rules Strawberry validates with (graphql-core's, its own two) and the limits' rule.
        self.rules: Sequence[type[ASTValidationRule]] = (
            *specified_rules, depth_and_alias_rule(limits), MaybeNullValidationRule, OneOfInputValidationRule)
        self.prepare = lru_cache(maxsize=size)(self._prepare)

    def _prepare(self, text: str) -> Prepared:
        try:
            limits = self.limits
            document = parse(text, max_lexical_tokens=limits.max_tokens, max_comments=limits.max_comments,
                             max_source_length=limits.max_characters)
        except GraphQLError as error:
            return Prepared(None, (error,))
        return Prepared(document, tuple(validate(self.schema, document, self.rules)))

