"""Every query in cypher/ (and cypher/explore/) runs as an analyst would paste it into Neo4j Browser.

The `:param` lines of each header are evaluated the way Browser evaluates them (as Cypher), then the
query runs with them against a small generated network, inside a transaction that is rolled back,
and must return the columns its `Returns:` line names (Neo4j's own list of them, rows or not).
Exploration questions must also answer something there, so none of them can quietly rot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from service import cypher
from service.tools import cli
from service.tools.generator import FILES, INTERACTION_FILES, generate
from tests.conftest import Endpoint

EXPLORE_DIR = cypher.CYPHER_DIR / "explore"
PARAM_LINE = re.compile(r"^//\s*:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*;?\s*$", re.MULTILINE)

QUERIES = sorted(cypher.CYPHER_DIR.glob("*.cypher"))
EXPLORE = sorted(EXPLORE_DIR.glob("*.cypher"))


@pytest.fixture(scope="module")
def network(neo4j_endpoint: Endpoint, driver: neo4j.Driver,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[neo4j.Driver]:
    """The graph of `ties generate --people 1500 --seed 42 --interactions` (a hub post with 300
    comments), imported once for this module, and some skills and endorsements."""
    folder = tmp_path_factory.mktemp("explore")
    generate(folder, people=1500, seed=42, interactions=True, hub_comments=300)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NEO4J_URI", neo4j_endpoint.uri)
        env.setenv("NEO4J_USER", neo4j_endpoint.user)
        env.setenv("NEO4J_PASSWORD", neo4j_endpoint.password)
        args = [a for kind in FILES + INTERACTION_FILES for a in (f"--{kind}", str(folder / f"{kind}.csv"))]
        assert cli.main(["import", "--quiet", *args]) == 0
    # `ties generate` draws no skills: every seventh person lists Python, endorsed by a third of
    # their connections, so the skill questions find something
    driver.execute_query("""
        MERGE (s:Skill {key: 'python'})
        WITH s
        MATCH (p:Person) WHERE toInteger(substring(p.id, 1)) % 7 = 0
        CREATE (p)-[:HAS_SKILL {name: 'Python', at: datetime()}]->(s)
        WITH p
        MATCH (p)-[:CONNECTED_TO]-(c:Person) WHERE toInteger(substring(c.id, 1)) % 3 = 0
        CREATE (c)-[:ENDORSED {id: randomUUID(), skill: 'python', at: datetime(), hidden: false}]->(p)""")
    yield driver


def browser_params(driver: neo4j.Driver, path: Path) -> dict[str, Any]:
    """The header's `:param name => expression` lines, evaluated by Neo4j as Browser does."""
    params = {}
    for name, expression in PARAM_LINE.findall(path.read_text(encoding="utf-8")):
        records, _, _ = driver.execute_query(f"RETURN {expression} AS value")
        params[name] = records[0]["value"]
    return params


def run_rolled_back(driver: neo4j.Driver, path: Path) -> list[dict[str, Any]]:
    """The file's rows, run with its header's params in a transaction that is rolled back; each
    row's columns, and Neo4j's own list of them (given even when no row comes back), must be the
    header's ``Returns:`` line."""
    query = cypher.parse(path, returns_required=True)
    params = browser_params(driver, path)
    assert set(params) >= query.params, f"{path.name}: every $param needs a :param line"
    with driver.session() as session, session.begin_transaction() as tx:
        try:
            result = tx.run(query.text, params)
            rows = [record.data() for record in result]
            assert tuple(result.keys()) == query.columns, f"{path.name} returns {result.keys()}"
        finally:
            tx.rollback()
    assert all(tuple(row) == query.columns for row in rows), f"{path.name}: a row's columns differ"
    return rows


def test_the_readme_names_every_exploration_question_and_no_other() -> None:
    readme = (cypher.CYPHER_DIR.parent / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `(\d\d_\w+)` \|", readme, re.MULTILINE))
    assert named == {path.stem for path in EXPLORE}


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_service_query_runs_as_pasted_and_returns_the_columns_it_names(network: neo4j.Driver,
                                                                        path: Path) -> None:
    run_rolled_back(network, path)


@pytest.mark.parametrize("path", EXPLORE, ids=[p.stem for p in EXPLORE])
def test_exploration_question_answers_on_a_generated_network(network: neo4j.Driver, path: Path) -> None:
    rows = run_rolled_back(network, path)
    assert rows, f"{path.name} found nothing on the generated network with its header's :param values"


def test_influencers_are_the_most_followed(network: neo4j.Driver) -> None:
    rows = run_rolled_back(network, EXPLORE_DIR / "01_influencers.cypher")
    records, _, _ = network.execute_query(
        "MATCH (p:Person) RETURN p.id AS id, COUNT { (p)<-[:FOLLOWS]-() } AS n ORDER BY n DESC, id LIMIT 1")
    assert rows[0]["followers"] == records[0]["n"]
    assert rows == sorted(rows, key=lambda r: -r["followers"])


def test_reach_matches_a_count_by_hand(network: neo4j.Driver) -> None:
    [row] = run_rolled_back(network, EXPLORE_DIR / "04_reach.cypher")
    records, _, _ = network.execute_query("""
        MATCH (me:Person {id: 'p000042'})
        MATCH (x:Person) WHERE x <> me
        MATCH path = shortestPath((me)-[:CONNECTED_TO*..3]-(x))
        RETURN length(path) AS d, count(*) AS n""")
    by_distance = {r["d"]: r["n"] for r in records}
    assert (row["connections"], row["secondDegree"], row["thirdDegree"]) == (
        by_distance.get(1, 0), by_distance.get(2, 0), by_distance.get(3, 0))
