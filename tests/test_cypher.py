"""The cypher/ loader: every file loads; broken files fail at load time, naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import cypher


def test_every_query_file_loads_with_its_params_declared() -> None:
    files = sorted(cypher.CYPHER_DIR.glob("*.cypher"))
    assert files
    for path in files:
        assert cypher.query(path.stem).name == path.stem


def test_undeclared_param_fails_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("// bad: uses $who without declaring it\nMATCH (p:Person {id: $who}) RETURN p.id AS id\n")
    with pytest.raises(cypher.CypherFileError, match=r"bad\.cypher.*who"):
        cypher.parse(bad)


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
