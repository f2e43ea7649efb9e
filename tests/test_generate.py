"""`ties generate`: a seeded synthetic network whose files `ties import` takes (no database needed)."""

from __future__ import annotations

import csv
import gzip
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from service.tools import cli
from service.tools.generator import FILES, INTERACTION_FILES, generate


def rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    out = tmp_path_factory.mktemp("network")
    generate(out, people=3000, seed=7)
    return {kind: rows(out / f"{kind}.csv") for kind in FILES}


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", people=300, seed=1)
    generate(tmp_path / "b", people=300, seed=1)
    generate(tmp_path / "c", people=300, seed=2)
    for kind in FILES:
        name = f"{kind}.csv"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), kind
    assert (tmp_path / "a" / "follows.csv").read_bytes() != (tmp_path / "c" / "follows.csv").read_bytes()


#: sha256 of each file of `generate(people=2000, seed=42)` as main wrote it before the dense knobs
#: (issue 11): the default network must stay byte-identical, so networks generated and imported
#: before stay valid, and so do the benchmark results recorded on them.
DEFAULT_OUTPUT = {
    "people": "f499512da51d473c3f7fe7094515963caf04b6138bbe7325953a3b2674d3da2b",
    "follows": "5c6765a729cab5d27b5543256f9c3ba7cf4d7c61c76a54554611c485d5385385",
    "connections": "34ea49fa5023ff230b31c0deff6d4c4206b1bc6e223e7d5cf62bf13528711f3f",
    "requests": "250040ec17b96ea9eb5e2158417f5ea4fb15a8608f9484677022315579ea6ebb",
    "posts": "d230af54a974f3624454124836afe6658560407dfd5ab30c8c51d6507efdda71",
    "shares": "9cf7a04a6045af3f8d1c3964bb62baf4d79ebd5ed96f241c749cd95912bd5e0e",
}


def test_default_output_is_unchanged(tmp_path: Path) -> None:
    generate(tmp_path, people=2000, seed=42)
    found = {kind: hashlib.sha256((tmp_path / f"{kind}.csv").read_bytes()).hexdigest() for kind in FILES}
    assert found == DEFAULT_OUTPUT


def test_people_have_unique_ids_names_and_headlines(network: dict[str, list[dict[str, str]]]) -> None:
    people = network["people"]
    assert len(people) == 3000
    assert len({p["id"] for p in people}) == 3000
    assert all(p["name"] and " at " in p["headline"] for p in people)


def test_edges_are_clean_simple_graphs(network: dict[str, list[dict[str, str]]]) -> None:
    ids = {p["id"] for p in network["people"]}
    for kind in ("follows", "connections", "requests"):
        pairs = [(r["source"], r["target"]) for r in network[kind]]
        assert all(s != t and s in ids and t in ids for s, t in pairs), kind
        assert len(set(pairs)) == len(pairs), f"{kind} repeats a pair"
    connections = [(r["source"], r["target"]) for r in network["connections"]]
    assert all(s < t for s, t in connections), "connections run from the smaller id"


def test_scale_and_power_law_followers_with_hubs(network: dict[str, list[dict[str, str]]]) -> None:
    people = len(network["people"])
    follows, connections = len(network["follows"]), len(network["connections"])
    assert 22 * people < follows < 28 * people  # ~2.5M for 100k people
    assert 4 * people < connections < 6 * people  # ~0.5M for 100k people
    followers = Counter(r["target"] for r in network["follows"])
    counts = sorted(followers.values(), reverse=True)
    median = counts[len(counts) // 2]
    assert counts[0] > 0.1 * people, "a hub followed by a large part of the network"
    assert counts[0] > 30 * median
    assert sum(1 for c in counts if c > 10 * median) < 0.02 * people, "hubs are few"


def test_connected_people_follow_each_other(network: dict[str, list[dict[str, str]]]) -> None:
    follows = {(r["source"], r["target"]) for r in network["follows"]}
    for r in network["connections"]:
        assert (r["source"], r["target"]) in follows and (r["target"], r["source"]) in follows


def test_connections_cluster_by_company(network: dict[str, list[dict[str, str]]]) -> None:
    company = {p["id"]: p["headline"].split(" at ", 1)[1] for p in network["people"]}
    same = sum(1 for r in network["connections"] if company[r["source"]] == company[r["target"]])
    assert same > 0.4 * len(network["connections"])


def test_requests_posts_and_shares_are_consistent(network: dict[str, list[dict[str, str]]]) -> None:
    connected = {frozenset((r["source"], r["target"])) for r in network["connections"]}
    requests = network["requests"]
    assert requests and not any(frozenset((r["source"], r["target"])) in connected for r in requests)
    assert len({frozenset((r["source"], r["target"])) for r in requests}) == len(requests), "no crossing"

    posts = {p["id"]: p for p in network["posts"]}
    assert {p["visibility"] for p in posts.values()} == {"PUBLIC", "CONNECTIONS"}
    shares = network["shares"]
    assert shares
    for s in shares:
        post = posts[s["post"]]
        assert post["visibility"] == "PUBLIC" and s["person"] != post["author"]
        assert s["at"] >= post["createdAt"]
    assert len({(s["person"], s["post"]) for s in shares}) == len(shares)


def test_cli_writes_gzipped_files_and_says_how_to_import_them(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["generate", str(tmp_path), "--people", "200", "--seed", "3", "--gzip"]) == 0
    out = capsys.readouterr().out
    assert f"ties import --people {tmp_path / 'people.csv.gz'}" in out
    assert len(rows(tmp_path / "people.csv.gz")) == 200
    assert rows(tmp_path / "follows.csv.gz")


def test_cli_refuses_a_tiny_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["generate", str(tmp_path), "--people", "3"]) == 2
    assert "--people" in capsys.readouterr().err


def test_cli_makes_a_dense_network_and_refuses_an_impossible_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["generate", str(tmp_path), "--people", "300", "--connections-per-person", "30"]) == 0
    assert len(rows(tmp_path / "connections.csv")) > 300 * 30 / 2 * 0.9
    assert cli.main(["generate", str(tmp_path), "--people", "300", "--connections-per-person", "200"]) == 2
    assert "--connections-per-person" in capsys.readouterr().err


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    out = tmp_path_factory.mktemp("dense")
    generate(out, people=4000, seed=7, connections_per_person=80)
    return {kind: rows(out / f"{kind}.csv") for kind in FILES}


def connection_counts(network: dict[str, list[dict[str, str]]]) -> list[int]:
    counts = Counter(r["source"] for r in network["connections"])
    counts.update(r["target"] for r in network["connections"])
    return sorted(counts[p["id"]] for p in network["people"])


def test_dense_network_has_the_median_asked_for_and_a_heavy_tail(
        dense: dict[str, list[dict[str, str]]]) -> None:
    counts = connection_counts(dense)
    assert 72 <= counts[len(counts) // 2] <= 88, "the median is the one asked for, within 10%"
    assert counts[-1] >= 1000, "a super-connector with thousands (at most half of 4,000 people here)"
    assert counts[int(0.99 * len(counts))] > 3 * 80, "a heavy tail"
    assert sum(1 for c in counts if c > 10 * 80) <= 10, "super-connectors are few"
    assert counts[0] > 0


def test_dense_network_is_clean_clustered_and_follows_in_proportion(
        dense: dict[str, list[dict[str, str]]], network: dict[str, list[dict[str, str]]]) -> None:
    pairs = [(r["source"], r["target"]) for r in dense["connections"]]
    assert all(s < t for s, t in pairs) and len(set(pairs)) == len(pairs)
    follows = {(r["source"], r["target"]) for r in dense["follows"]}
    assert all((s, t) in follows and (t, s) in follows for s, t in pairs)
    company = {p["id"]: p["headline"].split(" at ", 1)[1] for p in dense["people"]}
    industry = {p["id"]: p["headline"].rsplit("(", 1)[1] for p in dense["people"]}
    assert sum(1 for s, t in pairs if company[s] == company[t]) > 0.05 * len(pairs), "colleagues"
    assert sum(1 for s, t in pairs if industry[s] == industry[t]) > 0.5 * len(pairs), "industry peers"
    # Follows per connection as in the default network (give or take what duplicates remove).
    ratio, default = len(dense["follows"]) / len(pairs), len(network["follows"]) / len(network["connections"])
    assert 0.6 * default < ratio < 1.2 * default


def test_dense_network_is_reproducible(tmp_path: Path) -> None:
    for name in ("a", "b"):
        generate(tmp_path / name, people=500, seed=3, connections_per_person=40)
    for kind in FILES:
        assert (tmp_path / "a" / f"{kind}.csv").read_bytes() == (tmp_path / "b" / f"{kind}.csv").read_bytes()


def test_interactions_leave_the_other_files_as_they_were(tmp_path: Path) -> None:
    generate(tmp_path, people=2000, seed=42, interactions=True)
    found = {kind: hashlib.sha256((tmp_path / f"{kind}.csv").read_bytes()).hexdigest() for kind in FILES}
    assert found == DEFAULT_OUTPUT
    only = tmp_path / "only"
    generate(only, people=2000, seed=42, interactions_only=True)
    assert sorted(p.name for p in only.iterdir()) == ["comments.csv", "reactions.csv"]
    for kind in INTERACTION_FILES:
        assert (only / f"{kind}.csv").read_bytes() == (tmp_path / f"{kind}.csv").read_bytes(), kind


def test_interactions_are_consistent_with_a_hub_post(tmp_path: Path) -> None:
    generate(tmp_path, people=3000, seed=7, interactions=True, hub_reactions=2500, hub_comments=400)
    people = {r["id"] for r in rows(tmp_path / "people.csv")}
    posts = {r["id"]: r for r in rows(tmp_path / "posts.csv")}
    comments = rows(tmp_path / "comments.csv")
    reactions = rows(tmp_path / "reactions.csv")
    by_id = {c["id"]: c for c in comments}
    assert len(by_id) == len(comments)
    seen: set[str] = set()
    for c in comments:  # every reply answers a top-level comment of its post, written before it
        assert c["author"] in people and posts[c["post"]]["visibility"] == "PUBLIC" and c["text"]
        if c["parent"]:
            parent = by_id[c["parent"]]
            assert parent["id"] in seen and not parent["parent"] and parent["post"] == c["post"]
            assert parent["createdAt"] <= c["createdAt"]
        seen.add(c["id"])
    assert len({(r["person"], r["post"], r["comment"]) for r in reactions}) == len(reactions)
    assert {r["kind"] for r in reactions} <= {"LIKE", "CELEBRATE", "SUPPORT", "LOVE", "INSIGHTFUL", "FUNNY"}
    assert all(not r["comment"] or by_id[r["comment"]]["post"] == r["post"] for r in reactions)
    per_post = Counter(r["post"] for r in reactions if not r["comment"])
    hub, reacted = per_post.most_common(1)[0]
    assert reacted == 2500 and Counter(c["post"] for c in comments)[hub] == 400
    assert 0.2 < sum(1 for c in comments if c["post"] == hub and c["parent"]) / 400 < 0.4
    connections = Counter(r["source"] for r in rows(tmp_path / "connections.csv")) + Counter(
        r["target"] for r in rows(tmp_path / "connections.csv"))
    author = posts[hub]["author"]
    assert connections[author] >= max(connections[posts[p]["author"]] for p in per_post)  # best-connected
    assert all(r["at"] >= posts[r["post"]]["createdAt"] for r in reactions if not r["comment"])
