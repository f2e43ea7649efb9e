"""Concurrency against the real database over HTTP: many mutations fired at the same instant
(threads released by one barrier) must leave the graph as if they had run one at a time.

R4: crossing requests and concurrent accepts leave exactly one CONNECTED_TO per pair and no
request behind; R26: first messages written by both sides at once make one conversation. What
makes it so is the pair lock (``relationships.change_pair``, ``messages.send_message``): each
mutation write-locks both people before reading their state. R20-R23: one person's racing
reactions leave one, counters stay exact, and a thread deleted while it is replied to leaves no
reply behind; what makes it so is ``posts.lock_interaction``: each change locks the person, then
the post, before it reads. R31: racing endorsements leave one per endorser and skill, and none that
raced the removal of its connection or its skill (the pair lock, and the person's own lock that
removeSkill takes). Each test runs 20 times, because a race that loses once in a while is
still a race.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_accepted, draw_comments, draw_cypher, draw_graph, draw_people, ties
from tests.messaging_api import set_message_policy
from tests.relationship_api import RELATIONSHIP_FIELDS

RUNS = 20
PAIRS = 4


def all_at_once(calls: list[Callable[[], dict[str, Any]]]) -> list[dict[str, Any]]:
    """Runs every call on its own thread, all released together; their responses, in order."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def call(client: GraphQLClient, name: str, person_id: str, as_: str) -> Callable[[], dict[str, Any]]:
    query = f"mutation ($id: ID!) {{ {name}(personId: $id) {{ {RELATIONSHIP_FIELDS} }} }}"
    return lambda: client.execute(query, {"id": person_id}, as_=as_)


def errors(responses: list[dict[str, Any]]) -> list[Any]:
    return [r["errors"] for r in responses if r.get("errors")]


@pytest.mark.parametrize("run", range(RUNS))
def test_crossing_requests_and_double_accepts_connect_each_pair_once(
        client: GraphQLClient, graph_db: neo4j.Driver, run: int) -> None:
    crossing = [(f"a{i}", f"b{i}") for i in range(PAIRS)]    # each asks the other at the same time
    accepting = [(f"c{i}", f"d{i}") for i in range(PAIRS)]   # d accepts c's request three times at once
    draw_people(graph_db, *[p for pair in crossing + accepting for p in pair])
    draw_cypher(graph_db, """UNWIND $pairs AS pair
                             MATCH (c:Person {id: pair[0]}), (d:Person {id: pair[1]})
                             CREATE (c)-[:REQUESTED {at: datetime()}]->(d)""",
                pairs=[list(p) for p in accepting])

    calls = [call(client, "sendConnectionRequest", b, as_=a) for a, b in crossing]
    calls += [call(client, "sendConnectionRequest", a, as_=b) for a, b in crossing]
    calls += [call(client, "acceptConnectionRequest", c, as_=d) for c, d in accepting for _ in range(3)]
    responses = all_at_once(calls)

    assert errors(responses) == []
    # of each crossing pair, one request went first and the other connected them
    outcomes = [r["data"]["sendConnectionRequest"] for r in responses[:2 * PAIRS]]
    assert sum(o["connected"] for o in outcomes) == PAIRS
    assert sum(o["requestSent"] and not o["connected"] for o in outcomes) == PAIRS
    assert all(r["data"]["acceptConnectionRequest"]["connected"] for r in responses[2 * PAIRS:])

    everyone = sorted(crossing + accepting)
    assert ties(graph_db, "CONNECTED_TO") == everyone  # one edge per pair, smaller id -> larger
    assert ties(graph_db, "REQUESTED") == []
    assert ties(graph_db, "FOLLOWS") == sorted(everyone + [(b, a) for a, b in everyone])


@pytest.mark.parametrize("run", range(RUNS))
def test_the_weekly_limit_holds_under_a_burst(client: GraphQLClient, graph_db: neo4j.Driver,
                                              run: int) -> None:
    targets = [f"t{i}" for i in range(6)]
    draw_people(graph_db, "ada", *targets)
    draw_cypher(graph_db, """MATCH (a:Person {id: 'ada'})
                             SET a.requestsSentAt =
                                 [i IN range(1, 98) | datetime() - duration({hours: i})]""")
    responses = all_at_once([call(client, "sendConnectionRequest", t, as_="ada") for t in targets])
    codes = sorted(e[0]["extensions"]["code"] for e in errors(responses))
    assert codes == ["LIMIT_EXCEEDED"] * 4  # 98 + 2 = 100: two get through, not six
    assert len(ties(graph_db, "REQUESTED")) == 2


@pytest.mark.parametrize("run", range(RUNS))
def test_nothing_slips_past_a_block(client: GraphQLClient, graph_db: neo4j.Driver, run: int) -> None:
    draw_people(graph_db, "ada", "bob")
    responses = all_at_once([call(client, "block", "bob", as_="ada"),
                             call(client, "follow", "ada", as_="bob"),
                             call(client, "sendConnectionRequest", "ada", as_="bob"),
                             call(client, "follow", "bob", as_="ada")])
    assert "errors" not in responses[0]
    assert {e[0]["extensions"]["code"] for e in errors(responses)} <= {"FORBIDDEN"}
    # whichever ran first, the block deleted it or refused it: only the block is left
    assert ties(graph_db, "BLOCKS") == [("ada", "bob")]
    assert ties(graph_db, "FOLLOWS") == ties(graph_db, "REQUESTED") == []


def gql(client: GraphQLClient, query: str, as_: str) -> Callable[[], dict[str, Any]]:
    return lambda: client.execute(query, as_=as_)


COUNTERS = """MATCH (s {id: $id})
              RETURN [k IN ['LIKE', 'CELEBRATE', 'SUPPORT', 'LOVE', 'INSIGHTFUL', 'FUNNY'] |
                      coalesce(s['reactions' + k], 0)] AS counters"""
REACTIONS = """MATCH (p:Person)-[r:REACTED]->({id: $id})
               WITH collect(r.kind) AS given, collect(p.id) AS people
               RETURN [k IN ['LIKE', 'CELEBRATE', 'SUPPORT', 'LOVE', 'INSIGHTFUL', 'FUNNY'] |
                       size([x IN given WHERE x = k])] AS kinds, people"""


@pytest.mark.parametrize("run", range(RUNS))
def test_racing_reactions_leave_one_per_person_and_exact_counters(
        client: GraphQLClient, graph_db: neo4j.Driver, run: int) -> None:
    fans = [f"f{i}" for i in range(5)]
    draw_graph(graph_db, ["ada", *fans], posts=[("a1", "ada", "PUBLIC", 1)])
    kinds = ["LIKE", "LOVE", "FUNNY", "CELEBRATE"]
    calls = [gql(client, f'mutation {{ reactToPost(postId: "a1", kind: {k}) {{ id }} }}', "f0")
             for k in kinds]
    calls += [gql(client, 'mutation { reactToPost(postId: "a1") { id } }', f) for f in fans[1:]]
    calls += [gql(client, 'mutation { removePostReaction(postId: "a1") { id } }', "f1")]
    responses = all_at_once(calls)
    assert errors(responses) == []
    [row] = graph_db.execute_query(REACTIONS, id="a1").records
    assert sorted(row["people"]).count("f0") == 1                       # one reaction, whichever kind won
    assert graph_db.execute_query(COUNTERS, id="a1").records[0]["counters"] == row["kinds"]
    seen = client.data('{ post(id: "a1") { reactionCount '
                       'reactions(first: 100) { totalCount edges { cursor } } } }', as_="ada")["post"]
    assert seen["reactionCount"] == seen["reactions"]["totalCount"] == len(seen["reactions"]["edges"]) \
        == len(row["people"])
    # every first reaction made one notification; the one removed (if it came first) none
    events = graph_db.execute_query("MATCH (e:Event {kind: 'POST_REACTION'}) RETURN e.actor AS actor").records
    assert sorted(e["actor"] for e in events) == sorted(row["people"])


@pytest.mark.parametrize("run", range(RUNS))
def test_a_thread_deleted_while_replied_to_leaves_no_orphan(client: GraphQLClient, graph_db: neo4j.Driver,
                                                            run: int) -> None:
    people = [f"r{i}" for i in range(5)]
    draw_graph(graph_db, ["ada", "bob", *people], posts=[("a1", "ada", "PUBLIC", 1)])
    draw_comments(graph_db, ("t1", "bob", "a1", None, 2), ("t2", "bob", "a1", None, 3))
    calls = [gql(client, 'mutation { deleteComment(commentId: "t1") }', "ada")]
    calls += [gql(client, f'mutation {{ replyToComment(commentId: "t1", text: "{p}") {{ id }} }}', p)
              for p in people]
    calls += [gql(client, 'mutation { reactToComment(commentId: "t1") { id } }', p) for p in people[:2]]
    responses = all_at_once(calls)
    assert "errors" not in responses[0]
    # a reply either landed before the deletion (and went with it) or found the thread gone
    assert {e[0]["extensions"]["code"] for e in errors(responses)} <= {"NOT_FOUND"}
    left = graph_db.execute_query("""
        MATCH (c:Comment) RETURN c.id AS id, EXISTS { (c)-[:ON]->(:Post) } AS on,
               c.parentId IS NULL OR EXISTS { (c)-[:REPLY_TO]->(:Comment {id: c.parentId}) } AS attached""")
    assert [(r["id"], r["on"], r["attached"]) for r in left.records] == [("t2", True, True)]
    post = graph_db.execute_query("MATCH (p:Post {id: 'a1'}) RETURN p.commentCount AS n, "
                                  "p.topLevelCommentCount AS top").records[0]
    assert (post["n"], post["top"]) == (1, 1)
    assert graph_db.execute_query("MATCH ()-[r:REACTED]->() RETURN count(r) AS n").records[0]["n"] == 0
    kinds = graph_db.execute_query("MATCH (e:Event) WHERE e.kind IN ['COMMENT_REPLY', 'COMMENT_REACTION'] "
                                   "RETURN count(e) AS n").records[0]["n"]
    assert kinds == 0                                                     # their notifications went too


@pytest.mark.parametrize("run", range(RUNS))
def test_first_messages_at_the_same_moment_make_one_conversation(client: GraphQLClient,
                                                                 graph_db: neo4j.Driver, run: int) -> None:
    connected = [(f"a{i}", f"b{i}") for i in range(PAIRS)]    # each writes to the other twice at once
    strangers = [(f"c{i}", f"d{i}") for i in range(PAIRS)]    # both EVERYONE: each writes once at once
    draw_people(graph_db, *[p for pair in connected + strangers for p in pair])
    draw_accepted(graph_db, *connected)
    set_message_policy(graph_db, "EVERYONE", *[p for pair in strangers for p in pair])
    query = "mutation ($to: ID!) { sendMessage(personId: $to, text: \"first!\") { conversation { id } } }"

    writes = [(a, b) for a, b in connected for _ in range(2)]
    writes += [(b, a) for a, b in connected for _ in range(2)]
    writes += [(c, d) for c, d in strangers] + [(d, c) for c, d in strangers]

    def write(sender: str, recipient: str) -> Callable[[], dict[str, Any]]:
        return lambda: client.execute(query, {"to": recipient}, as_=sender)

    responses = all_at_once([write(sender, recipient) for sender, recipient in writes])

    assert errors(responses) == []
    records, _, _ = graph_db.execute_query("""
        MATCH (c:Conversation)<-[:OF]-(m:Message)
        WITH c, m ORDER BY m.sentAt, m.seq
        WITH c, collect(m.seq) AS seqs, max(m.sentAt) AS newest
        RETURN c.between AS pair, c.id AS id, COUNT { (c)<-[:IN {status: 'ACCEPTED'}]-() } AS accepted, seqs,
               c.lastMessageAt = newest AS newest
        ORDER BY pair""")
    everyone = sorted(connected + strangers)
    assert [r["pair"] for r in records] == [list(p) for p in everyone], "one conversation per pair"
    for r in records:
        written = 4 if tuple(r["pair"]) in connected else 2
        assert r["seqs"] == list(range(1, written + 1)), "numbered once each, in the order they were sent"
        assert r["accepted"] == 2 and r["newest"], r  # the second writer replied, which accepts
    ids = {tuple(r["pair"]): r["id"] for r in records}
    for (sender, recipient), response in zip(writes, responses, strict=True):
        pair = tuple(sorted([sender, recipient]))
        assert response["data"]["sendMessage"]["conversation"]["id"] == ids[pair]


@pytest.mark.parametrize("run", range(RUNS))
def test_racing_endorsements_leave_one_per_endorser_and_none_past_a_removal(
        client: GraphQLClient, graph_db: neo4j.Driver, run: int) -> None:
    endorsers = ["bob", "cy", "dee"]
    draw_people(graph_db, "ada", *endorsers)
    draw_accepted(graph_db, *[("ada", e) for e in endorsers])
    for name in ("Python", "Go"):
        client.data('mutation ($name: String!) { addSkill(name: $name) { name } }', {"name": name}, as_="ada")

    def endorse(who: str, skill: str) -> Callable[[], dict[str, Any]]:
        return gql(client, f'mutation {{ endorse(personId: "ada", skill: "{skill}") {{ name }} }}', who)

    calls = [endorse(e, "Python") for e in endorsers for _ in range(2)]  # each endorses twice at once
    calls += [endorse(e, "Go") for e in ("bob", "cy")]                    # ... while ada stops listing Go
    calls += [gql(client, 'mutation { removeSkill(name: "Go") }', "ada"),
              gql(client, 'mutation { removeConnection(personId: "dee") { connected } }', "ada")]
    responses = all_at_once(calls)

    refused = {(i, r["errors"][0]["extensions"]["code"]) for i, r in enumerate(responses) if r.get("errors")}
    # only dee's endorsements (after the removal: FORBIDDEN) and Go's (after removeSkill: NOT_FOUND) may fail
    assert refused <= {(4, "FORBIDDEN"), (5, "FORBIDDEN"), (6, "NOT_FOUND"), (7, "NOT_FOUND")}, responses
    records, _, _ = graph_db.execute_query(
        "MATCH (e:Person)-[r:ENDORSED]->(:Person {id: 'ada'}) "
        "RETURN e.id AS who, r.skill AS skill ORDER BY who")
    assert [(r["who"], r["skill"]) for r in records] == [("bob", "python"), ("cy", "python")]
    assert client.data('{ person(id: "ada") { skills { name endorsementCount } } }', as_="ada")["person"] == {
        "skills": [{"name": "Python", "endorsementCount": 2}]}
    edges = client.data("{ notifications { edges { node { kind skill actor { id } } } } }",
                        as_="ada")["notifications"]["edges"]
    assert sorted((e["node"]["kind"], e["node"]["skill"], e["node"]["actor"]["id"]) for e in edges) == [
        ("ENDORSEMENT", "Python", "bob"), ("ENDORSEMENT", "Python", "cy")]  # each kept endorsement's one
