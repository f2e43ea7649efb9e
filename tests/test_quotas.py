"""R37's rolling-window quotas (service/quotas.py), taken in real transactions on a real Neo4j.

Each mutation that R37 limits takes its quota in its own transaction; these tests take a quota
directly, so its counting is checked once here, whichever mutation uses it.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import neo4j
import pytest

from service import quotas
from service.errors import LimitExceeded, NotFound
from service.graph import Graph, Tx
from service.quotas import InteractionLimits, Quota
from service.settings import Settings
from tests.conftest import Endpoint
from tests.graphs import draw_people
from tests.test_graph import run_graph

TWO_PER_HOUR = Quota("recentTests", "tests", 2, timedelta(hours=1), "per hour")


async def take(graph: Graph, person: str, quota: Quota) -> None:
    async def work(tx: Tx) -> None:
        await quotas.take(tx, person, quota)

    await graph.transaction("take_quota", work)


def test_a_quota_refuses_past_its_limit_saying_which_and_when_it_frees(
        neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob")

    async def work(graph: Graph) -> LimitExceeded:
        await take(graph, "ada", TWO_PER_HOUR)
        await take(graph, "ada", TWO_PER_HOUR)
        await take(graph, "bob", TWO_PER_HOUR)  # another person's quota is their own
        with pytest.raises(LimitExceeded) as refused:
            await take(graph, "ada", TWO_PER_HOUR)
        return refused.value

    before = datetime.now(UTC)
    refused = run_graph(neo4j_endpoint, work)
    assert "2 tests per hour" in refused.message
    retry_at = datetime.fromisoformat(refused.extensions["retryAt"])
    assert before + timedelta(minutes=59) < retry_at < datetime.now(UTC) + timedelta(hours=1)
    assert refused.extensions["limit"] == "recentTests"
    records, _, _ = graph_db.execute_query(
        "MATCH (p:Person) RETURN p.id AS id, size(p.recentTests) AS taken ORDER BY id")
    assert [(r["id"], r["taken"]) for r in records] == [("ada", 2), ("bob", 1)]  # a refusal takes nothing


def test_the_window_rolls(neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    one_per_second = Quota("recentTests", "tests", 1, timedelta(seconds=1), "per second")

    async def work(graph: Graph) -> None:
        await take(graph, "ada", one_per_second)
        with pytest.raises(LimitExceeded):
            await take(graph, "ada", one_per_second)
        await asyncio.sleep(1.2)
        await take(graph, "ada", one_per_second)

    run_graph(neo4j_endpoint, work)


def test_concurrent_takes_never_pass_the_limit(neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    five = Quota("recentTests", "tests", 5, timedelta(hours=1), "per hour")

    async def work(graph: Graph) -> list[BaseException | None]:
        return await asyncio.gather(*(take(graph, "ada", five) for _ in range(12)), return_exceptions=True)

    outcomes = run_graph(neo4j_endpoint, work)
    assert sum(o is None for o in outcomes) == 5
    assert all(o is None or isinstance(o, LimitExceeded) for o in outcomes), outcomes


def test_an_unknown_person_takes_nothing(neo4j_endpoint: Endpoint, graph_db: neo4j.Driver) -> None:
    async def work(graph: Graph) -> None:
        with pytest.raises(NotFound):
            await take(graph, "ghost", TWO_PER_HOUR)

    run_graph(neo4j_endpoint, work)


def test_the_limits_are_the_specs_unless_configured(tmp_path: Path) -> None:
    home = {"TIES_JWT_SECRET": "x" * 32, "TIES_NEO4J_HOME": str(tmp_path)}
    spec = InteractionLimits.from_settings(Settings.from_env(home))
    assert [(q.limit, q.window) for q in (spec.reactions, spec.writing, spec.new_conversations,
                                          spec.endorsements, spec.recommendation_requests)] == [
        (1000, timedelta(hours=1)), (300, timedelta(hours=3)), (20, timedelta(days=7)),
        (200, timedelta(days=1)), (20, timedelta(days=7))]
    configured = InteractionLimits.from_settings(Settings.from_env(
        {**home, "TIES_REACTION_LIMIT": "5", "TIES_WRITING_LIMIT": "7"}))
    assert (configured.reactions.limit, configured.writing.limit) == (5, 7)
