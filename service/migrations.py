"""Applies the ordered, idempotent schema migrations in ``cypher/migrations`` (constraints, indexes)."""

from __future__ import annotations

from service.cypher import CypherQuery, migrations
from service.graph import Graph


async def migrate(graph: Graph) -> list[str]:
    """Runs every migration statement; safe to repeat. Returns the files applied, in order."""
    applied = []
    for file_name, statements in migrations():
        for number, text in enumerate(statements, start=1):
            name = f"migrations/{file_name}#{number}"
            await graph.write(CypherQuery(name=name, text=text, params=frozenset()))
        applied.append(file_name)
    await graph.write(CypherQuery("await_indexes", "CALL db.awaitIndexes(300)", frozenset()))
    return applied
