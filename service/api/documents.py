"""Documents parsed and validated once per process, then executed as they are (issue 21).

Clients send the same few documents again and again. ``Documents.prepare`` parses a document's
text under the limits of ``service/api/limits.py`` and validates it against the schema, once; what
came of it (the document, or the errors that refuse it) is kept by its text, least recently used
first out, so a known document goes straight to execution and a known bad one straight to its
errors. Keeping refusals is safe: parsing and validation depend on nothing but the text and the
schema, and both are fixed for the life of the process.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
from service.settings import ConfigurationError

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


# -- persisted documents ---------------------------------------------------------------------------

#: The message Apollo's clients look for to send the document itself after its hash alone.
PERSISTED_QUERY_NOT_FOUND = "PersistedQueryNotFound"
#: Documents a client may register by hash (automatic persisted queries), per process.
REGISTERED_SIZE = 1024


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def sha256_of(text: str) -> str:
    """The lowercase hex sha256 of a document's UTF-8 text: its id in the persisted-query protocols."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _refusal(message: str, code: str, **extensions: object) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **extensions})


class PersistedDocuments:
    """Documents by sha256: Apollo's automatic persisted queries, or only the trusted ones.

    A request's ``extensions.persistedQuery`` (``{"version": 1, "sha256Hash": ...}``) names a document
    by hash. Sent without its text, the document is looked up: unknown, the request fails with
    ``PersistedQueryNotFound`` (code NOT_FOUND) and the client sends the hash again with the text,
    which is checked against the hash and, once it validates, kept (per process, the least recently
    used going first). With ``trusted`` (a manifest loaded when the app starts,
    ``TIES_TRUSTED_DOCUMENTS``) nothing is registered: only the manifest's documents run, by hash or
    by text, and any other is refused with FORBIDDEN.
    """

    def __init__(self, trusted: Mapping[str, str] | None = None, size: int = REGISTERED_SIZE) -> None:
        self.trusted = dict(trusted) if trusted is not None else None
        self._registered: OrderedDict[str, str] = OrderedDict()
        self._size = size

    def document(self, query: str | None, extensions: Mapping[str, Any] | None) -> str | GraphQLError | None:
        """The document to run, the error that refuses the request, or None when it names none."""
        asked = extensions.get("persistedQuery") if extensions else None
        if asked is not None:
            sha = asked.get("sha256Hash") if isinstance(asked, dict) else None
            if not isinstance(asked, dict) or asked.get("version") != 1 or not isinstance(sha, str):
                return _refusal('extensions.persistedQuery must be {"version": 1, "sha256Hash": '
                                '"<the lowercase hex sha256 of the document>"}.', "BAD_USER_INPUT")
            if query is None:
                found = self._find(sha)
                if found is None:
                    return _refusal(PERSISTED_QUERY_NOT_FOUND, "NOT_FOUND")
                return found
            if sha256_of(query) != sha:
                return _refusal(f"extensions.persistedQuery.sha256Hash is {sha}, but the document's sha256 "
                                f"is {sha256_of(query)}: send the hash of the exact text sent.",
                                "BAD_USER_INPUT")
        if query is not None and self.trusted is not None and sha256_of(query) not in self.trusted:
            return _refusal(
                "This service runs only the documents registered ahead in its trusted-documents manifest "
                f"(TIES_TRUSTED_DOCUMENTS), and this one (sha256 {sha256_of(query)}) is not among them: add "
                "it to the manifest and restart the service, or send one that is there.", "FORBIDDEN")
        return query

    def register(self, query: str, extensions: Mapping[str, Any] | None) -> None:
        """Keeps a document a client sent with its hash (already checked by ``document``), once it has
        validated; never in trusted-only mode."""
        asked = extensions.get("persistedQuery") if extensions else None
        if self.trusted is not None or not isinstance(asked, dict):
            return
        sha = sha256_of(query)
        self._registered[sha] = query
        self._registered.move_to_end(sha)
        if len(self._registered) > self._size:
            self._registered.popitem(last=False)

    def _find(self, sha: str) -> str | None:
        if self.trusted is not None:
            return self.trusted.get(sha)
        found = self._registered.get(sha)
        if found is not None:
            self._registered.move_to_end(sha)
        return found


def load_trusted_documents(path: Path) -> dict[str, str]:
    """A trusted-documents manifest: a JSON object of sha256 -> document, or Apollo's persisted query
    manifest (``{"format": "apollo-persisted-query-manifest", "operations": [{"id", "body"}, ...]}``).

    Raises ConfigurationError naming the file and what is wrong with it: unreadable, not such JSON, or
    an entry whose id is not its document's sha256.
    """
    where = f"TIES_TRUSTED_DOCUMENTS ({path})"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"{where} cannot be read: {exc.strerror}.") from None
    except ValueError as exc:
        raise ConfigurationError(f"{where} is not JSON: {exc}.") from None
    if isinstance(manifest, dict) and manifest.get("format") == "apollo-persisted-query-manifest":
        operations = manifest.get("operations")
        pairs = ([(op.get("id"), op.get("body")) for op in operations if isinstance(op, dict)]
                 if isinstance(operations, list) else [])
        if not isinstance(operations, list) or len(pairs) != len(operations):
            raise ConfigurationError(f"{where}: an Apollo manifest's operations must be a list of "
                                     '{"id": ..., "body": ...} objects.')
    elif isinstance(manifest, dict):
        pairs = list(manifest.items())
    else:
        raise ConfigurationError(f'{where} must be a JSON object of "<sha256>": "<document>" entries, or an '
                                 "Apollo persisted query manifest.")
    documents: dict[str, str] = {}
    for sha, text in pairs:
        if not isinstance(sha, str) or not isinstance(text, str) or sha256_of(text) != sha.lower():
            raise ConfigurationError(f"{where}: the entry {str(sha)[:80]!r} is not the lowercase hex sha256 "
                                     "of its document (each entry's key or id must be).")
        documents[sha.lower()] = text
    return documents
