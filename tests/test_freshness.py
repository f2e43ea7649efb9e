"""Fresh answers (R12-R16 on the connection index): a change shows in the very next read, made
through any service instance or worker, and the change log numbers every change once, in commit
order, however many writers race."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import neo4j
import pytest

from service import events
from service.graph import Graph, open_driver
from service.identity import issue_token
from service.settings import Settings
from service.tailer import Tailer
from tests.conftest import TEST_SECRET, GraphQLClient, ServiceThread
from tests.graphs import draw_people
from tests.relationship_api import mutate

QUESTIONS = """query ($id: ID!) { person(id: $id) {
  degree relationship { mutualConnectionCount } reach { connections secondDegree exact }
} }"""


@pytest.fixture
def second_instance(settings: Settings) -> Iterator[GraphQLClient]:
    """Another service instance on the same database: its own process state, its own index."""
    with ServiceThread(settings) as other:
        client = GraphQLClient(other.url, TEST_SECRET)
        yield client
        client.close()


def ask(client: GraphQLClient, viewer: str, person: str) -> dict[str, object]:
    found: dict[str, object] = client.data(QUESTIONS, {"id": person}, as_=viewer)["person"]
    return found


def test_a_change_shows_in_the_next_read_on_every_instance(client: GraphQLClient,
                                                             second_instance: GraphQLClient,
                                                             graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada", "bob", "cat")
    for reader in (client, second_instance):  # both indexes hold the drawn graph, unconnected
        assert ask(reader, "ada", "cat")["degree"] is None

    mutate(client, "sendConnectionRequest", "bob", as_="ada")
    mutate(client, "acceptConnectionRequest", "ada", as_="bob")
    mutate(second_instance, "sendConnectionRequest", "cat", as_="bob")
    mutate(second_instance, "acceptConnectionRequest", "bob", as_="cat")
    for reader in (client, second_instance):
        assert ask(reader, "ada", "cat") == {"degree": 2, "relationship": {"mutualConnectionCount": 1},
                                             "reach": {"connections": 1, "secondDegree": 1, "exact": True}}

    mutate(second_instance, "removeConnection", "bob", as_="ada")
    assert ask(client, "ada", "cat")["degree"] is None
    mutate(client, "sendConnectionRequest", "bob", as_="ada")
    mutate(client, "acceptConnectionRequest", "ada", as_="bob")
    mutate(second_instance, "block", "bob", as_="cat")
    for reader in (client, second_instance):
        assert ask(reader, "ada", "cat")["degree"] is None
        assert ask(reader, "ada", "bob")["degree"] == 1


@pytest.mark.slow
def test_a_change_through_one_worker_shows_in_the_next_read_through_any(
        two_workers: tuple[str, Path], graph_db: neo4j.Driver) -> None:
    url, _ = two_workers
    draw_people(graph_db, *(f"w{i}" for i in range(12)))

    def as_(person: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(TEST_SECRET, person)}"}

    def post(query: str, variables: dict[str, str], person: str) -> dict[str, object]:
        # A new connection each time, so the kernel spreads the requests over both workers.
        body: dict[str, object] = httpx.post(f"{url}/graphql", headers=as_(person),
                                             json={"query": query, "variables": variables}).json()
        assert "errors" not in body, body
        return body

    send = "mutation ($id: ID!) { sendConnectionRequest(personId: $id) { connected } }"
    accept = "mutation ($id: ID!) { acceptConnectionRequest(personId: $id) { connected } }"
    degree = "query ($id: ID!) { person(id: $id) { degree } }"
    for i in range(1, 12):  # a chain w0 - w1 - ... - w11, each link read right after it is made
        post(send, {"id": f"w{i}"}, f"w{i - 1}")
        post(accept, {"id": f"w{i - 1}"}, f"w{i}")
        for _ in range(4):
            reply = post(degree, {"id": f"w{i}"}, "w0")
            assert reply["data"] == {"person": {"degree": i if i <= 3 else None}}


def test_racing_writers_number_their_changes_once_each_with_no_gap(
        client: GraphQLClient, graph_db: neo4j.Driver) -> None:
    followers = [f"f{i}" for i in range(16)]
    draw_people(graph_db, "star", *followers)
    start = threading.Barrier(len(followers))

    def follow(person: str) -> None:
        start.wait(timeout=30)
        mutate(client, "follow", "star", as_=person)

    threads = [threading.Thread(target=follow, args=(f,)) for f in followers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    records, _, _ = graph_db.execute_query(
        "MATCH (e:Event {kind: 'FOLLOWED'}) RETURN e.seq AS seq, e.actor AS actor ORDER BY seq")
    seqs = [r["seq"] for r in records]
    assert sorted(r["actor"] for r in records) == sorted(followers)
    assert seqs == list(range(seqs[0], seqs[0] + len(followers))), "no gap, no repeat"
    log, _, _ = graph_db.execute_query("MATCH (l:EventLog) RETURN l.seq AS seq")
    assert log[0]["seq"] == seqs[-1]


def test_a_request_that_asks_the_index_too_much_is_refused(
        settings: Settings, graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, *(f"r{i}" for i in range(30)))
    graph_db.execute_query("""
        MATCH (a:Person), (b:Person) WHERE a.id < b.id
        CREATE (a)-[:CONNECTED_TO]->(b)""")
    strict = Settings(**{**vars(settings), "index_request_work": 3_000})
    with ServiceThread(strict) as service:
        client = GraphQLClient(service.url, TEST_SECRET)
        one = client.data('{ person(id: "r0") { reach { secondDegree thirdDegree } } }')
        assert one == {"person": {"reach": {"secondDegree": 0, "thirdDegree": 0}}}
        many = " ".join(f'r{i}: person(id: "r{i}") {{ reach {{ thirdDegree }} }}' for i in range(20))
        assert client.error_code(f"{{ {many} }}") == "LIMIT_EXCEEDED"
        client.close()


def test_after_an_outside_write_every_later_event_is_still_handed_out_once_in_order(
        client: GraphQLClient, graph_db: neo4j.Driver, settings: Settings) -> None:
    """An outside write (GRAPH_CHANGED) makes the index rebuild from the graph; the events after it
    must still reach live notifications, one by one, even when the log is read a few at a time."""
    draw_people(graph_db, "a", "b", "c")
    seen: list[tuple[int, str]] = []

    async def follow_the_log() -> None:
        async def note(news: list[events.Event], reset: bool) -> None:
            seen.extend((e.seq, e.kind.value) for e in news)

        driver = open_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_password)
        try:
            tailer = Tailer(Graph(driver, settings.neo4j_database), batch=2)
            tailer.subscribe(note)
            await tailer.catch_up()  # the log as it stands: nothing to hand out
            mutate(client, "follow", "b", as_="a")
            graph_db.execute_query("MATCH (c:Person {id: 'c'}) SET c.headline = 'outside'")
            mutate(client, "follow", "b", as_="c")
            mutate(client, "follow", "c", as_="a")
            await tailer.catch_up()
        finally:
            await driver.close()

    asyncio.run(follow_the_log())
    assert [kind for _, kind in seen] == ["FOLLOWED", "GRAPH_CHANGED", "FOLLOWED", "FOLLOWED"]
    assert [seq for seq, _ in seen] == list(range(seen[0][0], seen[0][0] + 4)), "no gap, no repeat"
