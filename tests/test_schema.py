"""schema.graphql is exported from the code and matches it."""

from __future__ import annotations

from pathlib import Path

from strawberry.printer import print_schema

from service.api.schema import schema

ROOT = Path(__file__).resolve().parent.parent


def test_schema_graphql_is_what_the_code_exports() -> None:
    exported = print_schema(schema)
    assert (ROOT / "schema.graphql").read_text() == exported + "\n", "run `make schema` and commit it"
