"""Loads the Cypher in ``cypher/`` once, at import, and hands it out by name.

One query per file; the file name (without ``.cypher``) is the query's name. Each file opens with a
``//`` header: what it answers, a ``// :param name => value`` line for every ``$name`` it uses (so an
analyst can paste the lines into Neo4j Browser and run the file as it is), and its columns.
A file that breaks these rules fails here, at import, naming the file. This module holds the
project's only cast of file text to ``LiteralString``: query text never comes from input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString, cast

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
MIGRATIONS_DIR = CYPHER_DIR / "migrations"

_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_PARAM_DECLARED = re.compile(r"^//\s*:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>", re.MULTILINE)
_STRING_OR_COMMENT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")
_STRING_COMMENT_OR_PARAM = re.compile(f"{_STRING_OR_COMMENT.pattern}|{_PARAM_USE.pattern}")


def _literal(text: str) -> LiteralString:
    """Query text read from our own files is as trusted as a literal; input never reaches here."""
    return cast(LiteralString, text)  # type: ignore[redundant-cast]  # mypy reads LiteralString as str


class CypherFileError(Exception):
    """A file in cypher/ is missing, empty, or does not declare its parameters."""


@dataclass(frozen=True)
class CypherQuery:
    name: str
    text: LiteralString
    params: frozenset[str]


def parse(path: Path) -> CypherQuery:
    text = path.read_text(encoding="utf-8").strip()
    header = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("//"))
    body = _STRING_OR_COMMENT.sub("", text)
    if not header:
        raise CypherFileError(f"{path}: needs a // header saying what it answers")
    if not body.strip():
        raise CypherFileError(f"{path}: holds no query")
    used = frozenset(_PARAM_USE.findall(body))
    declared = frozenset(_PARAM_DECLARED.findall(header))
    if missing := used - declared:
        raise CypherFileError(
            f"{path}: add a '// :param NAME => value' header line for {', '.join(sorted(missing))}"
        )
    return CypherQuery(name=path.stem, text=_literal(text), params=used)


def _load(directory: Path) -> dict[str, CypherQuery]:
    return {path.stem: parse(path) for path in sorted(directory.glob("*.cypher"))}


_QUERIES = _load(CYPHER_DIR)


def query(name: str) -> CypherQuery:
    """The query in ``cypher/<name>.cypher``; call at module level so a typo fails at import."""
    try:
        return _QUERIES[name]
    except KeyError:
        raise CypherFileError(f"no query named {name!r}: expected {CYPHER_DIR / name}.cypher") from None


def combined(queries: Sequence[tuple[CypherQuery, Sequence[str]]]) -> LiteralString:
    """Several read queries as one statement that returns one row: column ``r<i>`` holds query i's
    rows as maps of its ``columns``. Query i's parameters are renamed ``$q<i>_<name>``; each runs
    in its own ``CALL`` subquery, so their variables never meet."""
    parts = []
    for i, (query, columns) in enumerate(queries):
        def rename(found: re.Match[str], prefix: str = f"q{i}_") -> str:
            token = found.group(0)
            if token.startswith("//"):
                return ""
            return f"${prefix}{found.group(1)}" if found.group(1) else token

        body = _STRING_COMMENT_OR_PARAM.sub(rename, query.text).strip()
        fields = ", ".join(f"`{c}`: `{c}`" for c in columns)
        parts.append(f"CALL () {{ CALL () {{\n{body}\n}}\nRETURN collect({{{fields}}}) AS r{i} }}")
    parts.append("RETURN " + ", ".join(f"r{i}" for i in range(len(queries))))
    return _literal("\n".join(parts))


def migrations() -> list[tuple[str, list[LiteralString]]]:
    """Ordered ``(file name, statements)`` pairs from ``cypher/migrations``; each statement idempotent."""
    result = []
    for path in sorted(MIGRATIONS_DIR.glob("*.cypher")):
        text = _STRING_OR_COMMENT.sub("", path.read_text(encoding="utf-8"))
        statements = [_literal(s.strip()) for s in text.split(";") if s.strip()]
        if not statements:
            raise CypherFileError(f"{path}: holds no statement")
        result.append((path.name, statements))
    return result
