"""R36's graph measures checked against networkx, an independent computation, on drawn graphs and on a
network from ``ties generate`` (no database); then networkStrength over GraphQL: what it counts and
who may ask."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import neo4j
import networkx as nx
import numpy as np
import pytest

from service.events import Event, Kind
from service.network import apply
from service.network.adjacency import Adjacency
from service.network.search import embeddedness, first_degree
from service.tools.generator import generate
from tests.conftest import GraphQLClient
from tests.graphs import draw_accepted, draw_conversation, draw_cypher, draw_people
from tests.messaging_api import send, set_message_policy


def index_of(graph: nx.Graph[int]) -> Adjacency:
    edges = np.array(list(graph.edges()), dtype=np.int64).reshape(-1, 2)
    return Adjacency([f"p{i}" for i in range(graph.number_of_nodes())], edges[:, 0], edges[:, 1])


def expected(graph: nx.Graph[int], person: int) -> Measures:
    """networkx's answer: degree, mean common neighbours per neighbour, 1 - clustering."""
    neighbours = list(graph.neighbors(person))
    k = len(neighbours)
    mean = None if k == 0 else sum(len(list(nx.common_neighbors(graph, person, c))) for c in neighbours) / k
    clustering = nx.clustering(graph, person)
    assert isinstance(clustering, (int, float))
    return k, mean, None if k < 2 else 1 - clustering


def answered(adj: Adjacency, person: int) -> Measures:
    found = embeddedness(adj, person)
    assert found.exact
    clustering = found.clustering
    return found.connections, found.average_mutual_connections, None if clustering is None else 1 - clustering


Measures = tuple[int, float | None, float | None]


def close(a: Measures, b: Measures) -> bool:
    def same(x: float | None, y: float | None) -> bool:
        return x == y if x is None or y is None else abs(x - y) < 1e-9

    return a[0] == b[0] and same(a[1], b[1]) and same(a[2], b[2])


@pytest.mark.parametrize("seed", range(6))
def test_embeddedness_and_diversity_match_networkx_on_drawn_graphs(seed: int) -> None:
    rng = random.Random(seed)
    graph = nx.powerlaw_cluster_graph(300, rng.choice([2, 4, 8]), rng.random(), seed=seed)
    graph.add_nodes_from(range(300, 305))  # people with no connections
    adj = index_of(graph)
    for person in range(graph.number_of_nodes()):
        assert close(answered(adj, person), expected(graph, person)), person


def test_they_follow_the_change_log_and_blocks() -> None:
    """After a stream of events (changed rows, then compacted), against networkx on the same ties."""
    adj = index_of(nx.gnp_random_graph(120, 0.08, seed=9))
    rng = random.Random(9)
    for _ in range(300):
        a, b = rng.sample(range(120), 2)
        kind = rng.choice([Kind.CONNECTED, Kind.DISCONNECTED, Kind.BLOCKED, Kind.UNBLOCKED])
        if kind is Kind.CONNECTED and b in adj.blocked_with(a):
            continue  # the service never connects across a block
        apply(adj, Event(kind=kind, actor=f"p{a}", subject=f"p{b}"))
    assert adj.changed_rows > 0
    reference: nx.Graph[int] = nx.Graph()
    reference.add_nodes_from(range(120))
    reference.add_edges_from((p, int(q)) for p in range(120) for q in first_degree(adj, p).tolist())
    for person in range(120):
        assert close(answered(adj, person), expected(reference, person)), person
    adj.compact()
    for person in range(120):
        assert close(answered(adj, person), expected(reference, person)), person


def generated(tmp_path: Path, people: int, seed: int, per_person: float | None = None) -> nx.Graph[int]:
    generate(tmp_path, people=people, seed=seed, connections_per_person=per_person)
    with (tmp_path / "people.csv").open() as f:
        number = {row["id"]: i for i, row in enumerate(csv.DictReader(f))}
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(len(number)))
    with (tmp_path / "connections.csv").open() as f:
        graph.add_edges_from((number[row["source"]], number[row["target"]]) for row in csv.DictReader(f))
    return graph


def test_they_match_networkx_on_a_generated_network(tmp_path: Path) -> None:
    graph = generated(tmp_path, 3_000, seed=5)
    adj = index_of(graph)
    by_degree = sorted(graph.nodes(), key=lambda p: -graph.degree(p))
    for person in [*by_degree[:20], *random.Random(5).sample(by_degree, 200)]:
        assert close(answered(adj, person), expected(graph, person)), person


def test_an_estimate_stays_within_two_percent_and_says_so(tmp_path: Path) -> None:
    """Forced to estimate (``exact_work`` 1), every person with 500+ connections of a dense generated
    network, ten draws each: within 2% of the exact count, and ``exact`` False whenever sampled."""
    graph = generated(tmp_path, 15_000, seed=3, per_person=60)
    adj = index_of(graph)
    estimated, worst = 0, 0.0
    for person in (p for p in graph.nodes() if graph.degree(p) >= 500):
        exact = embeddedness(adj, person)
        for seed in range(10):
            guess = embeddedness(adj, person, exact_work=1, rng_seed=seed)
            worst = max(worst, abs(guess.shared - exact.shared) / exact.shared)
            if guess.exact:
                assert guess.shared == exact.shared
            estimated += not guess.exact
    assert estimated > 0
    assert worst <= 0.02, worst


STRENGTH = """query ($id: ID!) { person(id: $id) { networkStrength {
  connections activeConnections endorsers recommendations averageMutualConnections diversity exact } } }"""


def test_network_strength_counts_and_who_may_ask(client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    # ada's connections: bob, cy, dee, fay; among them bob-cy and cy-dee are connected
    draw_people(graph_db, "ada", "bob", "cy", "dee", "fay", "gus")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cy"), ("ada", "dee"), ("ada", "fay"), ("bob", "cy"),
                  ("cy", "dee"), ("gus", "bob"))
    draw_cypher(graph_db, """
        MATCH (ada:Person {id: 'ada'}), (bob:Person {id: 'bob'}), (cy:Person {id: 'cy'}),
              (dee:Person {id: 'dee'}), (gus:Person {id: 'gus'})
        CREATE (bob)-[:ENDORSED {id: 'e1', skill: 'go', at: datetime(), hidden: false}]->(ada),
               (bob)-[:ENDORSED {id: 'e2', skill: 'sql', at: datetime(), hidden: true}]->(ada),
               (ada)-[:ENDORSED {id: 'e3', skill: 'go', at: datetime() - duration('P200D'),
                                 hidden: false}]->(dee),
               (cy)-[:RECOMMENDED {id: 'r1', text: 'Good', relationship: 'OTHER', status: 'SHOWN',
                                   createdAt: datetime() - duration('P300D'),
                                   updatedAt: datetime() - duration('P300D'),
                                   respondedAt: datetime() - duration('P10D')}]->(ada),
               (dee)-[:RECOMMENDED {id: 'r2', text: 'Old', relationship: 'OTHER', status: 'HIDDEN',
                                    createdAt: datetime() - duration('P300D'),
                                    updatedAt: datetime() - duration('P300D')}]->(ada),
               (gus)-[:ENDORSED {id: 'e4', skill: 'go', at: datetime(), hidden: false}]->(ada)""")
    strength = client.data(STRENGTH, {"id": "ada"}, as_="ada")["person"]["networkStrength"]
    # active: bob (endorsed her today), cy (she accepted cy's 10 days ago); not dee (200 and 300 days
    # ago), not gus (not a connection)
    assert strength == {"connections": 4, "activeConnections": 2, "endorsers": 2, "recommendations": 1,
                        "averageMutualConnections": 1.0, "diversity": pytest.approx(1 - 4 / 12),
                        "exact": True}
    assert client.data(STRENGTH, {"id": "ada"}, admin=True)["person"]["networkStrength"] == strength
    assert client.error_code(STRENGTH, {"id": "ada"}, as_="bob") == "FORBIDDEN"
    assert client.error_code(STRENGTH, {"id": "ada"}) == "UNAUTHENTICATED"
    assert client.data(STRENGTH, {"id": "gus"}, as_="gus")["person"]["networkStrength"] == {
        "connections": 1, "activeConnections": 0, "endorsers": 0, "recommendations": 0,
        "averageMutualConnections": 0.0, "diversity": None, "exact": True}
    draw_people(graph_db, "hal")
    assert client.data(STRENGTH, {"id": "hal"}, as_="hal")["person"]["networkStrength"][
        "averageMutualConnections"] is None


def test_reactions_and_comments_either_way_make_a_connection_active(client: GraphQLClient,
                                                                   graph_db: neo4j.Driver) -> None:
    # ada's connections: bob, cy, dee, eve, fay, gus; each did one thing with ada, or she with them
    draw_people(graph_db, "ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal")
    draw_accepted(graph_db, *(("ada", x) for x in ("bob", "cy", "dee", "eve", "fay", "gus")))
    draw_cypher(graph_db, """
        MATCH (ada:Person {id: 'ada'}), (bob:Person {id: 'bob'}), (cy:Person {id: 'cy'})
        CREATE (ada)-[:POSTED]->(:Post {id: 'a1', text: 'A', visibility: 'PUBLIC', createdAt: datetime()}),
               (cy)-[:POSTED]->(:Post {id: 'c1', text: 'C', visibility: 'PUBLIC', createdAt: datetime()}),
               (bob)-[:POSTED]->(:Post {id: 'b1', text: 'B', visibility: 'PUBLIC',
                                        createdAt: datetime() - duration('P200D')})""")
    client.data('mutation { reactToPost(postId: "a1") { id } }', as_="bob")           # on ada's post
    client.data('mutation { reactToPost(postId: "c1") { id } }', as_="ada")           # ada on cy's
    top = client.data('mutation { addComment(postId: "a1", text: "Hi") { id } }', as_="dee")["addComment"]
    mine = client.data('mutation { addComment(postId: "a1", text: "Me") { id } }', as_="ada")["addComment"]
    client.data(f'mutation {{ replyToComment(commentId: "{top["id"]}", text: "Yo") {{ id }} }}', as_="ada")
    client.data(f'mutation {{ replyToComment(commentId: "{mine["id"]}", text: "Yes") {{ id }} }}', as_="eve")
    client.data('mutation { addComment(postId: "c1", text: "Hey") { id } }', as_="hal")  # not ada's
    # fay's reaction and gus's comment to ada's post are old: no longer an exchange
    draw_cypher(graph_db, """
        MATCH (fay:Person {id: 'fay'}), (gus:Person {id: 'gus'}), (a1:Post {id: 'a1'})
        CREATE (fay)-[:REACTED {kind: 'LIKE', subjectId: 'a1', at: datetime() - duration('P100D')}]->(a1),
               (gus)-[:WROTE]->(:Comment {id: 'old', text: 'Old', postId: 'a1',
                                          createdAt: datetime() - duration('P100D')})-[:ON]->(a1)""")
    strength = client.data(STRENGTH, {"id": "ada"}, as_="ada")["person"]["networkStrength"]
    assert strength["activeConnections"] == 4                                          # bob, cy, dee, eve
    assert client.data(STRENGTH, {"id": "eve"}, as_="eve")["person"]["networkStrength"][
        "activeConnections"] == 1
def test_a_message_in_the_last_90_days_makes_a_connection_active(client: GraphQLClient,
                                                                 graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cy", "dee", "eve")
    draw_accepted(graph_db, ("ada", "bob"), ("ada", "cy"), ("ada", "dee"))
    send(client, "bob", "ada", "Lunch this week?")  # today: bob is active
    draw_conversation(graph_db, "old", "ada", "cy", [("o1", "ada", "A while ago")])
    draw_cypher(graph_db, "MATCH (c:Conversation {id: 'old'}) "
                          "SET c.lastMessageAt = datetime() - duration('P100D')")
    set_message_policy(graph_db, "EVERYONE", "ada", "eve")
    send(client, "eve", "ada", "Hello from outside")  # not a connection: not counted
    strength = client.data(STRENGTH, {"id": "ada"}, as_="ada")["person"]["networkStrength"]
    assert (strength["connections"], strength["activeConnections"]) == (3, 1)
