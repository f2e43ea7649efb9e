"""The cypher/ loader: every file loads; broken files fail at load time, naming the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service import cypher

FILES = sorted(cypher.CYPHER_DIR.glob("*.cypher")) + sorted((cypher.CYPHER_DIR / "explore").glob("*.cypher"))


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_every_query_file_declares_exactly_the_params_it_uses_and_names_its_columns(path: Path) -> None:
    """cypher/ is checked when it loads; cypher/explore/, which the service never loads, here."""
    declared = re.findall(r"^//\s*:param\s+(\w+)\s*=>", path.read_text(encoding="utf-8"), re.MULTILINE)
    query = cypher.parse(path, returns_required=True)
    assert sorted(declared) == sorted(query.params) and len(set(declared)) == len(declared)
    assert query.columns


def test_undeclared_param_fails_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("// bad: uses $who without declaring it\nMATCH (p:Person {id: $who}) RETURN p.id AS id\n")
    with pytest.raises(cypher.CypherFileError, match=r"bad\.cypher.*who"):
        cypher.parse(bad)


def test_a_declared_param_the_query_never_uses_fails_naming_the_file(tmp_path: Path) -> None:
    stale = tmp_path / "stale.cypher"
    stale.write_text("// stale: declares $who, reads $id\n// :param who => 'ada'\n// :param id => 'ada'\n"
                     "MATCH (p:Person {id: $id}) RETURN p.id AS id\n")
    with pytest.raises(cypher.CypherFileError, match=r"stale\.cypher: declares :param who but never uses"):
        cypher.parse(stale)


def test_headerless_file_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bare.cypher"
    bad.write_text("RETURN 1 AS one\n")
    with pytest.raises(cypher.CypherFileError, match="header"):
        cypher.parse(bad)


def test_params_in_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    ok = tmp_path / "ok.cypher"
    ok.write_text("// ok: mentions $nothing in a comment\nRETURN '$notAParam' AS text\n")
    assert cypher.parse(ok).params == frozenset()


def test_unknown_query_name_fails() -> None:
    with pytest.raises(cypher.CypherFileError, match="no_such_query"):
        cypher.query("no_such_query")


def test_the_columns_come_from_the_returns_line() -> None:
    assert cypher.query("connections_page").columns == ("total", "people")
    assert cypher.query("pair_state").columns[-1] == "otherConnections"  # from a continued line


def test_notes_continued_lines_and_a_closing_remark_are_read_past(tmp_path: Path) -> None:
    ok = tmp_path / "ok.cypher"
    ok.write_text("// ok: one person\n// :param id => 'ada'\n"
                  "// Returns: person (a map: id,\n//          name), since; no row: $id is unknown\n"
                  "MATCH (p:Person {id: $id}) WITH p, 'RETURN x' AS s\n"
                  "CALL (p) { RETURN p.name AS name }\n"
                  "RETURN DISTINCT p {.id, name} AS person, p.since AS `since` ORDER BY person.id LIMIT 1\n")
    assert cypher.parse(ok, returns_required=True).columns == ("person", "since")


@pytest.mark.parametrize(("query", "said"), [
    ("// q: no Returns line\nRETURN 1 AS one\n", r"q\.cypher.*add a '// Returns:"),
    ("// q: a note where a name should be\n// Returns: one, (a number)\nRETURN 1 AS one, 2 AS two\n",
     r"q\.cypher.*'\(a number\)' is not a column name"),
    ("// q: says one thing, returns another\n// Returns: one, two\nRETURN 1 AS one, 2 AS three\n",
     r"q\.cypher.*names one, two; the final RETURN gives one, three"),
    ("// q: a column Neo4j would name after its text\n// Returns: one\nRETURN 1\n",
     r"q\.cypher.*name every column of the final RETURN"),
    ("// q: nothing returned\n// Returns: one\nMATCH (p) CALL (p) { RETURN 1 AS one } SET p.x = one\n",
     r"q\.cypher.*no RETURN outside a subquery"),
], ids=["missing", "not-a-name", "other-columns", "unnamed-column", "no-return"])
def test_a_returns_line_that_is_missing_or_disagrees_fails_at_load_naming_the_file(
        tmp_path: Path, query: str, said: str) -> None:
    (tmp_path / "q.cypher").write_text(query)
    with pytest.raises(cypher.CypherFileError, match=said):
        cypher.load(tmp_path)


def test_a_query_made_in_code_reads_its_columns_from_its_return() -> None:
    made = cypher.CypherQuery("made", "MATCH (p:Person) RETURN p.id AS id, '$x' AS s, p ORDER BY id",
                              frozenset())
    assert made.columns == ("id", "s", "p")
    assert cypher.CypherQuery("unnamed", "RETURN 1", frozenset()).columns == ()
