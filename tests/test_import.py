"""`ties import` against the test Neo4j: a generated network exactly, idempotence, and bad files."""

from __future__ import annotations

import csv
import gzip
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import neo4j
import pytest

from service.tools import cli
from service.tools.generator import FILES, INTERACTION_FILES, generate
from tests.conftest import Endpoint, GraphQLClient


@pytest.fixture
def cli_env(neo4j_endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment `ties` reads, pointed at the test database (set for in-process calls too)."""
    env = {"NEO4J_URI": neo4j_endpoint.uri, "NEO4J_USER": neo4j_endpoint.user,
           "NEO4J_PASSWORD": neo4j_endpoint.password}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return {**os.environ, **env}


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("network")
    generate(out, people=800, seed=11)
    return out


def import_args(folder: Path) -> list[str]:
    return ["import", "--quiet", *[a for kind in FILES for a in (f"--{kind}", str(folder / f"{kind}.csv"))]]


def ties(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def summary(out: str) -> dict[str, list[int]]:
    """The summary table: kind -> [rows, created, already there, duplicates, self-loops, skipped]."""
    table = {}
    for line in out.splitlines():
        name, values = line[:18].strip(), line[18:].replace(",", "").split()
        if name and len(values) == 6 and all(v.isdigit() for v in values):
            table[name] = [int(v) for v in values]
    return table


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def count(db: neo4j.Driver, pattern: str) -> int:
    records, _, _ = db.execute_query(f"MATCH {pattern} RETURN count(*) AS n")
    return int(records[0]["n"])


def snapshot(db: neo4j.Driver) -> list[object]:
    """Everything an import writes, as sorted plain values (timestamps included)."""
    people, _, _ = db.execute_query("MATCH (p:Person) RETURN p {.*} AS p ORDER BY p.id")
    edges, _, _ = db.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.id, '') AS a, coalesce(b.id, '') AS b, "
        "properties(r) AS props ORDER BY t, a, b")
    posts, _, _ = db.execute_query("MATCH (p:Post) RETURN p {.*} AS p ORDER BY p.id")
    return [r.data() for r in people] + [r.data() for r in edges] + [r.data() for r in posts]


def test_imports_a_generated_network_exactly(client: GraphQLClient, graph_db: neo4j.Driver, network: Path,
                                             cli_env: dict[str, str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ties(import_args(network), capsys)
    assert code == 0, out
    files = {kind: read_csv(network / f"{kind}.csv") for kind in FILES}
    table = summary(out)
    for kind in FILES:
        assert table[kind][:3] == [len(files[kind]), len(files[kind]), 0], kind
    assert "relationships/s" in out

    assert count(graph_db, "(:Person)") == len(files["people"])
    assert count(graph_db, "()-[:FOLLOWS]->()") == len(files["follows"])
    assert count(graph_db, "()-[:CONNECTED_TO]->()") == len(files["connections"])
    assert count(graph_db, "()-[:REQUESTED]->()") == len(files["requests"])
    assert count(graph_db, "(:Person)-[:POSTED]->(:Post)") == len(files["posts"])
    assert count(graph_db, "(:Person)-[:SHARED]->(:Post)") == len(files["shares"])
    assert count(graph_db, "(a)-[:CONNECTED_TO]->(b) WHERE a.id > b.id") == 0, "smaller id first"
    assert count(graph_db, "(p:Person) WHERE p.createdAt IS NULL OR p.connectionsVisibility <> 'CONNECTIONS' "
                           "OR p.followPolicy <> 'EVERYONE'") == 0
    assert count(graph_db, "()-[r:FOLLOWS|CONNECTED_TO]->() WHERE r.since IS NULL") == 0

    # A few answers, through the API: the biggest hub and an ordinary person.
    followers = Counter(r["target"] for r in files["follows"])
    following = Counter(r["source"] for r in files["follows"])
    connections = Counter(r[end] for r in files["connections"] for end in ("source", "target"))
    people = {p["id"]: p for p in files["people"]}
    hub = followers.most_common(1)[0][0]
    query = ("query ($id: ID!) { person(id: $id) "
             "{ name headline followerCount followingCount connectionCount } }")
    for pid in (hub, "p000123"):
        person = client.data(query, {"id": pid}, admin=True)["person"]
        assert person == {"name": people[pid]["name"], "headline": people[pid]["headline"],
                          "followerCount": followers[pid], "followingCount": following[pid],
                          "connectionCount": connections[pid]}
    post = files["posts"][0]
    records, _, _ = graph_db.execute_query(
        "MATCH (a:Person)-[:POSTED]->(p:Post {id: $id}) RETURN a.id AS author, p.text AS text, "
        "p.visibility AS visibility, toString(p.createdAt) AS createdAt", id=post["id"])
    assert records[0].data() == {"author": post["author"], "text": post["text"],
                                 "visibility": post["visibility"], "createdAt": post["createdAt"]}


def test_importing_twice_changes_nothing(graph_db: neo4j.Driver, network: Path, cli_env: dict[str, str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert ties(import_args(network), capsys)[0] == 0
    before = snapshot(graph_db)
    code, out, _ = ties(import_args(network), capsys)
    assert code == 0
    assert set(FILES) <= set(summary(out)), out  # the loop below must have every kind to check
    for kind, (rows, created, existing, *_rest) in summary(out).items():
        assert created == 0 and existing == rows, kind
    assert snapshot(graph_db) == before


def test_an_interrupted_import_is_completed_by_running_it_again(graph_db: neo4j.Driver, tmp_path: Path,
                                                                cli_env: dict[str, str],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["source,target", *(f"p{i},p{i + 1}" for i in range(50))]
    (tmp_path / "part.csv").write_text("\n".join(lines[:21]) + "\n")  # what the first run got to write
    (tmp_path / "all.csv").write_text("\n".join(lines) + "\n")
    assert ties(["import", "--quiet", "--follows", str(tmp_path / "part.csv")], capsys)[0] == 0
    code, out, _ = ties(["import", "--quiet", "--follows", str(tmp_path / "all.csv"), "--batch-size", "7"],
                        capsys)
    assert code == 0
    assert summary(out)["follows"][:3] == [50, 30, 20]
    assert count(graph_db, "()-[:FOLLOWS]->()") == 50


def test_self_loops_duplicates_and_people_named_only_in_edges(graph_db: neo4j.Driver, tmp_path: Path,
                                                              cli_env: dict[str, str],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    graph_db.execute_query("""
        CREATE (:Person {id: 'ada', name: 'Old Name', createdAt: datetime('2020-01-01T00:00:00Z'),
                         connectionsVisibility: 'PUBLIC', followPolicy: 'EVERYONE'})
        -[:FOLLOWS {since: datetime('2020-01-01T00:00:00Z')}]->
        (:Person {id: 'grace', name: 'Grace', createdAt: datetime(), connectionsVisibility: 'CONNECTIONS',
                  followPolicy: 'EVERYONE'})""")
    (tmp_path / "people.csv").write_text(
        "id,name,headline\nada,Ada Lovelace,Analyst\nalan,Alan Turing,\nada,Ada Again,Twice\n")
    (tmp_path / "follows.csv").write_text(
        "source,target\nada,grace\nalan,alan\nalan,ada\nalan,ada\nzed,ada\n")
    (tmp_path / "connections.csv").write_text(
        "source,target,since\ngrace,ada,2021\nada,grace,2022\nzed,alan,\nada,ada,\n")
    code, out, _ = ties(["import", "--quiet", "--people", str(tmp_path / "people.csv"),
                         "--follows", str(tmp_path / "follows.csv"),
                         "--connections", str(tmp_path / "connections.csv")], capsys)
    assert code == 0
    table = summary(out)
    #                          rows created there dups loops skipped
    assert table["people"] == [3, 1, 1, 1, 0, 0]
    assert table["people from edges"] == [2, 1, 1, 0, 0, 0]  # zed is new, grace was there
    assert table["follows"] == [5, 2, 1, 1, 1, 0]
    assert table["connections"] == [4, 2, 0, 1, 1, 0]

    people, _, _ = graph_db.execute_query(
        "MATCH (p:Person) RETURN p.id AS id, p.name AS name, p.headline AS headline, "
        "p.connectionsVisibility AS visibility, p.createdAt.year AS year ORDER BY id")
    assert [tuple(r.values())[:4] for r in people] == [
        ("ada", "Ada Lovelace", "Analyst", "PUBLIC"),  # name and headline from the file, settings kept
        ("alan", "Alan Turing", None, "CONNECTIONS"),
        ("grace", "Grace", None, "CONNECTIONS"),
        ("zed", "zed", None, "CONNECTIONS"),  # named only in an edge
    ]
    assert people[0]["year"] == 2020
    edges, _, _ = graph_db.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b ORDER BY type, a, b")
    assert [tuple(r.values()) for r in edges] == [
        ("CONNECTED_TO", "ada", "grace"), ("CONNECTED_TO", "alan", "zed"),
        ("FOLLOWS", "ada", "grace"), ("FOLLOWS", "alan", "ada"), ("FOLLOWS", "zed", "ada"),
    ]
    records, _, _ = graph_db.execute_query(
        "MATCH ()-[r:FOLLOWS]->(:Person {id: 'grace'}) RETURN r.since.year AS y")
    assert records[0]["y"] == 2020, "an edge already there is left as it was"


def test_connections_already_stored_the_other_way_are_not_doubled(graph_db: neo4j.Driver, tmp_path: Path,
                                                                  cli_env: dict[str, str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    graph_db.execute_query("""
        CREATE (b:Person {id: 'b', name: 'B'})-[:CONNECTED_TO {since: datetime()}]->
               (a:Person {id: 'a', name: 'A'})""")
    (tmp_path / "c.csv").write_text("source,target\na,b\n")
    code, out, _ = ties(["import", "--quiet", "--connections", str(tmp_path / "c.csv")], capsys)
    assert code == 0
    assert summary(out)["connections"][:3] == [1, 0, 1]
    assert count(graph_db, "()-[:CONNECTED_TO]->()") == 1


def test_tsv_gzip_and_columns_in_any_order(graph_db: neo4j.Driver, tmp_path: Path, cli_env: dict[str, str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with gzip.open(tmp_path / "follows.tsv.gz", "wt", encoding="utf-8") as f:
        f.write("weight\tTarget\tsource\n1\tada\tgrace\n2\tgrace\tada, jr\n")
    (tmp_path / "people.tsv").write_text('id\tname\theadline\nada\t"Ada" Lovelace\tAnalyst, Math\n')
    code, out, _ = ties(["import", "--quiet", "--people", str(tmp_path / "people.tsv"),
                         "--follows", str(tmp_path / "follows.tsv.gz")], capsys)
    assert code == 0, out
    edges, _, _ = graph_db.execute_query("MATCH (a)-[:FOLLOWS]->(b) RETURN a.id AS a, b.id AS b ORDER BY a")
    assert [tuple(r.values()) for r in edges] == [("ada, jr", "grace"), ("grace", "ada")]
    records, _, _ = graph_db.execute_query("MATCH (p:Person {id: 'ada'}) RETURN p.name AS n, p.headline AS h")
    assert records[0].data() == {"n": '"Ada" Lovelace', "h": "Analyst, Math"}


@pytest.mark.parametrize(("files", "message"), [
    ({"follows": None}, "follows file '{dir}/follows.csv' does not exist"),
    ({"follows": "src,dst\na,b\n"}, "line 1 must be the header row source,target"),
    ({"follows": ""}, "found 'nothing', missing source, target"),
    ({"people": "id,name,headline\na,A,x\nb,B\n"},
     "people.csv: line 3: expected 3 fields like the header, found 2"),
    ({"follows": "source,target\na,b\n,c\n"}, "follows.csv: line 3: 'source' is empty"),
    ({"posts": "id,author,text,visibility\nx,a,hi,SECRET\n"},
     "posts.csv: line 2: 'visibility' must be PUBLIC"),
    ({"requests": "source,target,at\na,b,yesterday\n"}, "requests.csv: line 2: 'at' is not an ISO 8601"),
    ({"connections": 'source,target\na,b\n"c,d\n'}, "connections.csv: line 3"),
])
def test_bad_files_are_refused_before_anything_is_written(graph_db: neo4j.Driver, tmp_path: Path,
                                                          cli_env: dict[str, str],
                                                          capsys: pytest.CaptureFixture[str],
                                                          files: dict[str, str | None], message: str) -> None:
    good = tmp_path / "people_ok.csv"
    good.write_text("id,name\nada,Ada\n")
    args = ["import", "--quiet"] + ([] if "people" in files else ["--people", str(good)])
    for kind, text in files.items():
        path = tmp_path / f"{kind}.csv"
        if text is not None:
            path.write_text(text)
        args += [f"--{kind}", str(path)]
    code, _, err = ties(args, capsys)
    assert code == 1
    assert message.format(dir=tmp_path) in err
    assert count(graph_db, "(n)") == 0, "nothing written, not even the good file"


def test_the_real_command_exits_non_zero_on_a_bad_file(tmp_path: Path, cli_env: dict[str, str]) -> None:
    (tmp_path / "follows.csv").write_text("from,to\na,b\n")
    command = [sys.executable, "-m", "service.tools.cli", "import"]
    done = subprocess.run([*command, "--follows", str(tmp_path / "follows.csv")],
                          capture_output=True, text=True, env=cli_env, timeout=120)
    assert done.returncode == 1
    assert "line 1 must be the header row source,target" in done.stderr
    done = subprocess.run(command, capture_output=True, text=True, env=cli_env, timeout=120)
    assert done.returncode == 2 and "name at least one file" in done.stderr


def test_reactions_and_comments_are_added_to_a_network_imported_before(
        client: GraphQLClient, graph_db: neo4j.Driver, tmp_path: Path, cli_env: dict[str, str],
        capsys: pytest.CaptureFixture[str]) -> None:
    generate(tmp_path, people=600, seed=5, interactions=True, hub_reactions=500, hub_comments=120)
    assert ties(import_args(tmp_path), capsys)[0] == 0
    files = [a for kind in INTERACTION_FILES for a in (f"--{kind}", str(tmp_path / f"{kind}.csv"))]
    added = ["import", "--quiet", "--batch-size", "25", *files]
    code, out, _ = ties(added, capsys)
    assert code == 0, out
    comments, reactions = (read_csv(tmp_path / f"{kind}.csv") for kind in INTERACTION_FILES)
    assert summary(out)["comments"][:3] == [len(comments), len(comments), 0]
    assert summary(out)["reactions"][:3] == [len(reactions), len(reactions), 0]
    assert count(graph_db, "(:Person)-[:WROTE]->(:Comment)-[:ON]->(:Post)") == len(comments)
    assert count(graph_db, "(:Comment)-[:REPLY_TO]->(:Comment)") == sum(1 for c in comments if c["parent"])
    assert count(graph_db, "(:Person)-[:REACTED]->()") == len(reactions)
    # the counters are the service's: what a viewer sees equals what is there, page by page
    hub = Counter(r["post"] for r in reactions if not r["comment"]).most_common(1)[0][0]
    on_hub = [c for c in comments if c["post"] == hub]
    post = client.data("""query ($id: ID!) { post(id: $id) {
                            reactionCount commentCount reactionCounts { kind count }
                            comments(first: 100) { totalCount edges { node { id replyCount } } } } }""",
                       {"id": hub}, admin=True)["post"]
    kinds = Counter(r["kind"] for r in reactions if r["post"] == hub and not r["comment"])
    assert post["reactionCount"] == 500 and {c["kind"]: c["count"] for c in post["reactionCounts"]} == kinds
    assert post["commentCount"] == len(on_hub)
    assert post["comments"]["totalCount"] == sum(1 for c in on_hub if not c["parent"])
    replies = Counter(c["parent"] for c in on_hub if c["parent"])
    assert all(e["node"]["replyCount"] == replies[e["node"]["id"]] for e in post["comments"]["edges"])
    # once more: everything is already there
    code, out, _ = ties(added, capsys)
    assert summary(out)["comments"][:3] == [len(comments), 0, len(comments)]
    assert summary(out)["reactions"][:3] == [len(reactions), 0, len(reactions)]
    assert count(graph_db, "(:Comment)") == len(comments)
