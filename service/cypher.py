"""Loads the Cypher in ``cypher/`` once, at import, and hands it out by name.

One query per file; the file name (without ``.cypher``) is the query's name. Each file opens with a
``//`` header: what it answers, a ``// :param name => value`` line for every ``$name`` it uses and
for no other (so an analyst can paste the lines into Neo4j Browser and run the file as it is), and a
``// Returns:``
line naming the columns of each row, in order::

    // Returns: total, people (at most $fetch person maps: id, name, headline, createdAt,
    //          connectionsVisibility, followPolicy); no row: $personId is unknown

Each column is a name, optionally followed by a note in parentheses; an indented ``//`` line
continues the line before it, and a ``;`` ends the list (what follows is a note on the whole
result). Every file in ``cypher/`` needs one, writes included; migrations (``cypher/migrations``)
return nothing and need none. The names must be those of the query's final RETURN (the last one
outside any subquery), in its order, each an ``AS`` alias or a bare variable: that is what lets
``service/batching.py`` send reads together without running any of them first.

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
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_RETURNS_LINE = re.compile(r"^//\s*Returns:(.*)$")
_CONTINUED_LINE = re.compile(r"^//\s{2,}(\S.*)$")
_DECLARED_COLUMN = re.compile(rf"\s*({_NAME})\s*(?:\(.*\))?\s*", re.DOTALL)
_BRACKET = r"[(){}\[\]]"
_RETURN_KEYWORD = re.compile(rf"{_BRACKET}|\bRETURN\b", re.IGNORECASE)
_RETURN_ENDS = re.compile(rf"{_BRACKET}|\bORDER\s+BY\b|\bSKIP\b|\bLIMIT\b|\bUNION\b|;", re.IGNORECASE)
_ALIAS = re.compile(rf"\bAS\s+(?:`([^`]+)`|({_NAME}))$", re.IGNORECASE)


def _literal(text: str) -> LiteralString:
    """Query text read from our own files is as trusted as a literal; input never reaches here."""
    return cast(LiteralString, text)  # type: ignore[redundant-cast]  # mypy reads LiteralString as str


class CypherFileError(Exception):
    """A file in cypher/ is missing, empty, or does not declare its parameters or its columns."""


@dataclass(frozen=True)
class CypherQuery:
    name: str
    text: LiteralString
    params: frozenset[str]
    #: The names of each row's columns, in order. A file's come from its ``Returns:`` line (checked
    #: against its RETURN); a query made in code without them reads them from its final RETURN
    #: (empty when that does not name every column).
    columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.columns:
            returned = _returned_columns(_STRING_OR_COMMENT.sub("", self.text))
            if returned and all(returned):
                object.__setattr__(self, "columns", tuple(c for c in returned if c))


def parse(path: Path, *, returns_required: bool = False) -> CypherQuery:
    """The query in ``path``; raises CypherFileError, naming the file, for a broken header.

    A ``Returns:`` line is checked whenever there is one; ``load`` requires it of every file.
    """
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
    if unused := declared - used:
        raise CypherFileError(f"{path}: declares :param {', '.join(sorted(unused))} but never uses it; "
                              "drop the line (Browser would set a parameter nothing reads)")
    columns = _columns(path, text, body)
    if columns is None and returns_required:
        raise CypherFileError(f"{path}: add a '// Returns: column, column (note), ...' header line "
                              "naming the columns of each row")
    return CypherQuery(name=path.stem, text=_literal(text), params=used, columns=columns or ())


def _columns(path: Path, text: str, body: str) -> tuple[str, ...] | None:
    """The header's ``Returns:`` names, once they agree with the final RETURN of ``body``; None
    without a Returns line."""
    declared = _declared_columns(path, text)
    if declared is None:
        return None
    returned = _returned_columns(body)
    if returned is None:
        raise CypherFileError(f"{path}: has no RETURN outside a subquery for its Returns line to name")
    if None in returned:
        raise CypherFileError(f"{path}: name every column of the final RETURN with AS (or a bare "
                              "variable), so its rows have the names its Returns line gives")
    if tuple(returned) != declared:
        raise CypherFileError(f"{path}: the Returns line names {', '.join(declared)}; the final RETURN "
                              f"gives {', '.join(c or '?' for c in returned)}")
    return declared


def _declared_columns(path: Path, text: str) -> tuple[str, ...] | None:
    """The names on the header's ``Returns:`` line and the indented lines continuing it; None
    without one."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if found := _RETURNS_LINE.match(line):
            parts = [found.group(1)]
            for following in lines[number + 1:]:
                if not (continued := _CONTINUED_LINE.match(following)):
                    break
                parts.append(continued.group(1))
            names = []
            for item in _top_level(_top_level(" ".join(parts), ";")[0], ","):
                if not (column := _DECLARED_COLUMN.fullmatch(item)):
                    raise CypherFileError(f"{path}: the Returns line's {item.strip()!r} is not a column "
                                          "name (a name, then an optional note in parentheses; ';' "
                                          "ends the list)")
                names.append(column.group(1))
            return tuple(names)
    return None


def _returned_columns(body: str) -> list[str | None] | None:
    """The column each item of the last top-level RETURN of ``body`` (strings and comments removed)
    makes: its ``AS`` alias or a bare variable; None for an item that is neither (``RETURN *``, an
    expression Neo4j would name after its text). None when there is no such RETURN."""
    depth, start = 0, None
    for token in _RETURN_KEYWORD.finditer(body):
        depth += _nesting(token.group(0))
        if depth == 0 and token.group(0).upper() == "RETURN":
            start = token.end()
    if start is None:
        return None
    clause = re.sub(r"^\s*DISTINCT\b", "", body[start:], flags=re.IGNORECASE)
    depth, end = 0, len(clause)
    for token in _RETURN_ENDS.finditer(clause):
        depth += _nesting(token.group(0))
        if depth == 0 and token.group(0) not in "()[]{}":
            end = token.start()
            break
    columns: list[str | None] = []
    for item in _top_level(clause[:end], ","):
        item = item.strip()
        if alias := _ALIAS.search(item):
            columns.append(alias.group(1) or alias.group(2))
        else:
            columns.append(item if re.fullmatch(_NAME, item) else None)
    return columns


def _nesting(token: str) -> int:
    return 1 if token in "([{" else -1 if token in ")]}" else 0


def _top_level(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside brackets."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        depth += _nesting(char)
        if char == separator and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def load(directory: Path) -> dict[str, CypherQuery]:
    """Every ``*.cypher`` file in ``directory`` by name, as ``cypher/`` is loaded: each needs its
    ``Returns:`` line."""
    return {path.stem: parse(path, returns_required=True) for path in sorted(directory.glob("*.cypher"))}


_QUERIES = load(CYPHER_DIR)


def query(name: str) -> CypherQuery:
    """The query in ``cypher/<name>.cypher``; call at module level so a typo fails at import."""
    try:
        return _QUERIES[name]
    except KeyError:
        raise CypherFileError(f"no query named {name!r}: expected {CYPHER_DIR / name}.cypher") from None


def combined(queries: Sequence[CypherQuery]) -> LiteralString:
    """Several read queries as one statement that returns one row (``service/batching.py`` sends
    it): column ``r<i>`` holds query i's rows as maps of its ``columns``. Query i's parameters are
    renamed ``$q<i>_<name>``; each runs in its own ``CALL`` subquery, so their variables never meet."""
    parts = []
    for i, query in enumerate(queries):
        if not query.columns:
            raise ValueError(f"{query.name}: its columns are unknown, so it cannot join others")

        def rename(found: re.Match[str], prefix: str = f"q{i}_") -> str:
            token = found.group(0)
            if token.startswith("//"):
                return ""
            return f"${prefix}{found.group(1)}" if found.group(1) else token

        body = _STRING_COMMENT_OR_PARAM.sub(rename, query.text).strip()
        fields = ", ".join(f"`{c}`: `{c}`" for c in query.columns)
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
