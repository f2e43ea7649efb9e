"""Messages at density (issue 19): a person with 2,000 conversations reads their inbox, 16 callers
send messages at once and lose none, and a new message reaches its subscribers live.

    .venv/bin/python -m bench.messages [--conversations 2000]

Not part of ``make bench``. It starts its own Neo4j in a fresh home (``bench/data/messages``), so it
never touches another network, and draws a small dedicated graph there server-side in seconds:

- ``hub`` with ``--conversations`` conversations (default 2,000), one with each of ``c0000`` ...,
  ``--messages`` messages each (default 5, alternating sides) and one long one (``c0000``,
  ``--long`` messages, default 10,000); their last messages a minute apart. Every fourth has two
  messages unread by the hub; one in twenty is a REQUEST on the hub's side (the other started it,
  not connected); the hub blocks one in a hundred (those are hidden, as R29 says).
- 16 senders ``s00`` ..., each connected to the hub and to a partner ``t00`` ....

Then ``ties serve --workers 2`` (writing limit raised: R37's 300 per 3 hours would stop a sender
in seconds) and three stages over HTTP:

1. **One caller** (keep-alive): each question asked ``--calls`` times after a warm-up: the inbox
   (first page of 20 conversations with their unread counts, last messages and the other person,
   and the hub's unreadConversationCount, in one request), a page deep in the list, the REQUEST
   folder, the long conversation's newest messages and a page deep in it, and sendMessage.
   Target: the inbox p99 <= 100 ms.
2. **16 callers** for ``--seconds``: each sender writes to the hub and to its partner in turn
   (the hub's node takes every other message: the contended case). Every acknowledged message id
   is kept; afterwards each conversation is read back through the API, page by page, as its sender,
   and every acknowledged id must be there. Target: lost = 0.
3. **Live**: the hub subscribes (``subscription { messages }``, two sockets); a sender writes
   ``--live`` messages one after another; each message's delay from its acknowledgement to its
   arrival on each socket is measured (the tailer reads the log every 200 ms).

Figures go to ``bench/results/<time>-messages.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import neo4j
from websockets.asyncio.client import connect

from bench import machine, stats
from bench.processes import DATA, PASSWORD, SECRET, http_ok, spawn, ties_command, wait_until
from service.identity import issue_token
from service.pages import encode_cursor
from service.settings import PROJECT_ROOT
from service.tools.neo4j_server import LocalNeo4j, free_port

HOME = DATA / "messages"
CALLERS = 16

INBOX = """query ($after: String) {
  conversations(first: 20, after: $after) { totalCount pageInfo { endCursor } edges { cursor node {
    id status unreadCount canSend createdAt person { id name headline }
    lastMessage { id text sentAt sender { id } } } } }
  viewer { unreadConversationCount } }"""
REQUESTS = """{
  conversations(status: REQUEST, first: 20) { totalCount edges { node { id unreadCount person { id name }
    lastMessage { text sentAt } } } }
  viewer { unreadConversationCount(status: REQUEST) } }"""
MESSAGES = """query ($id: ID!, $after: String, $first: Int) { conversation(id: $id) {
  messages(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id text sentAt sender { id } } } } } }"""
SEND = """mutation ($to: ID!, $text: String!) { sendMessage(personId: $to, text: $text) {
  id sentAt conversation { id } } }"""
SUBSCRIBE = "subscription { messages { id sentAt } }"

DRAW_PEOPLE = """
UNWIND $ids AS id
CREATE (:Person {id: id, name: 'Person ' + id, headline: 'Works at Acme', createdAt: datetime(),
                 connectionsVisibility: 'CONNECTIONS', followPolicy: 'EVERYONE'})"""
DRAW_CONNECTIONS = """
UNWIND $pairs AS pair
MATCH (a:Person {id: pair[0]}), (b:Person {id: pair[1]})
CREATE (a)-[:CONNECTED_TO {since: datetime()}]->(b)"""
#: Conversations of the hub with $others (the other started each), the last message $minutes[i]
#: minutes ago; the hub has read all but the last $unread[i] (the other's, as sending leaves it).
DRAW_CONVERSATIONS = """
MATCH (hub:Person {id: 'hub'})
UNWIND range(0, size($others) - 1) AS i
MATCH (other:Person {id: $others[i]})
WITH hub, other, i, $counts[i] AS n, datetime() - duration({minutes: $minutes[i]}) AS last
CREATE (c:Conversation {id: 'conv-' + other.id, between: ['hub', other.id],
                        createdAt: last - duration('P30D'), lastMessageAt: last, messageCount: n})
CREATE (other)-[:IN {other: 'hub', status: 'ACCEPTED', since: c.createdAt, readUpTo: n, clearedUpTo: 0,
                     hidden: 0}]->(c)
CREATE (hub)-[:IN {other: other.id, status: $statuses[i], since: c.createdAt, readUpTo: n - $unread[i],
                   clearedUpTo: 0, hidden: 0}]->(c)"""
#: Their messages: the other's and the hub's in turn, the last two the other's.
DRAW_MESSAGES = """
UNWIND $others AS id
MATCH (c:Conversation {id: 'conv-' + id})
UNWIND range(1, c.messageCount) AS seq
CREATE (:Message {id: c.id + '-' + seq, conversation: c.id, seq: seq,
                  sender: CASE WHEN seq % 2 = 1 OR seq > c.messageCount - 2 THEN id ELSE 'hub' END,
                  text: 'Message ' + seq + ' of ' + c.id,
                  sentAt: c.lastMessageAt - duration({seconds: c.messageCount - seq})})-[:OF]->(c)"""
DRAW_BLOCKS = """
UNWIND $ids AS id
MATCH (hub:Person {id: 'hub'}), (other:Person {id: id})
CREATE (hub)-[:BLOCKS {since: datetime()}]->(other)"""


@dataclass
class Timing:
    name: str
    ms: list[float] = field(default_factory=list)

    def row(self) -> str:
        return (f"| {self.name} | {len(self.ms)} | {stats.p50(self.ms):.1f} | "
                f"{stats.percentile(self.ms, 99):.1f} | {max(self.ms):.1f} |")


class Client:
    def __init__(self, url: str, session: aiohttp.ClientSession) -> None:
        self.url = url
        self.session = session
        self.tokens: dict[str, str] = {}

    def header(self, person: str) -> dict[str, str]:
        if person not in self.tokens:
            self.tokens[person] = issue_token(SECRET, person, ttl_seconds=86400)
        return {"Authorization": f"Bearer {self.tokens[person]}"}

    async def ask(self, query: str, variables: dict[str, Any], person: str) -> dict[str, Any]:
        async with self.session.post(self.url + "/graphql", json={"query": query, "variables": variables},
                                     headers=self.header(person)) as response:
            body: dict[str, Any] = await response.json(content_type=None)
        return body


def draw(driver: neo4j.Driver, conversations: int, messages: int, long: int) -> dict[str, int]:
    others = [f"c{n:04}" for n in range(conversations)]
    senders = [f"s{n:02}" for n in range(CALLERS)]
    partners = [f"t{n:02}" for n in range(CALLERS)]
    people = ["hub", *others, *senders, *partners]
    for start in range(0, len(people), 5000):
        driver.execute_query(DRAW_PEOPLE, ids=people[start:start + 5000])
    requests = {o for n, o in enumerate(others) if n % 20 == 19}
    pairs = [["hub", o] for o in others if o not in requests]
    pairs += [["hub", s] for s in senders] + [[s, t] for s, t in zip(senders, partners, strict=True)]
    driver.execute_query(DRAW_CONNECTIONS, pairs=pairs)
    for start in range(0, conversations, 500):
        batch = others[start:start + 500]
        numbers = range(start, start + len(batch))
        driver.execute_query(DRAW_CONVERSATIONS, others=batch,
                             counts=[long if n == 0 else messages for n in numbers],
                             minutes=[conversations - n for n in numbers],
                             unread=[2 if n % 4 == 0 else 0 for n in numbers],
                             statuses=["REQUEST" if o in requests else "ACCEPTED" for o in batch])
        driver.execute_query(DRAW_MESSAGES, others=batch)
    driver.execute_query(DRAW_BLOCKS, ids=[o for n, o in enumerate(others) if n % 100 == 50])
    driver.execute_query("CALL db.resampleOutdatedIndexes()")
    driver.execute_query("CALL db.awaitIndexes(300)")
    records, _, _ = driver.execute_query("""
        RETURN COUNT { (:Conversation) } AS conversations, COUNT { (:Message) } AS messages,
               COUNT { (:Person) } AS people, COUNT { ()-[:CONNECTED_TO]->() } AS connections""")
    return dict(records[0])


async def timed(timing: Timing, call: Callable[[], Awaitable[dict[str, Any]]], calls: int,
                warmup: int) -> None:
    for n in range(warmup + calls):
        started = time.perf_counter()
        body = await call()
        elapsed = (time.perf_counter() - started) * 1000
        if body.get("errors"):
            raise RuntimeError(f"{timing.name}: {body['errors']}")
        if n >= warmup:
            timing.ms.append(elapsed)


async def one_caller(client: Client, calls: int, warmup: int, long_id: str,
                     long: int) -> tuple[list[Timing], dict[str, Any]]:
    shown: dict[str, Any] = (await client.ask(INBOX, {"after": None}, "hub"))["data"]
    cursor = None
    for _ in range(4):  # the cursor of the fifth page
        page = (await client.ask(INBOX, {"after": cursor}, "hub"))["data"]["conversations"]
        cursor = page["pageInfo"]["endCursor"]
    half = encode_cursor(long // 2)  # a message cursor is its seq
    # connections of the hub: neither a REQUEST (one in twenty) nor blocked (one in a hundred)
    targets = itertools.cycle(f"c{n:04}" for n in range(1, 200) if n % 20 != 19 and n % 100 != 50)
    timings = [
        Timing("inbox: first 20 conversations + unreadConversationCount"),
        Timing("inbox: the 5th page of 20"),
        Timing("REQUEST folder + its unread count"),
        Timing("messages: newest 20 of a 10,000-message conversation"),
        Timing("messages: 20 from half way down it"),
        Timing("sendMessage (the hub to a connection)"),
    ]
    calls_of: list[Callable[[], Awaitable[dict[str, Any]]]] = [
        lambda: client.ask(INBOX, {"after": None}, "hub"),
        lambda: client.ask(INBOX, {"after": cursor}, "hub"),
        lambda: client.ask(REQUESTS, {}, "hub"),
        lambda: client.ask(MESSAGES, {"id": long_id, "first": 20, "after": None}, "hub"),
        lambda: client.ask(MESSAGES, {"id": long_id, "first": 20, "after": half}, "hub"),
        lambda: client.ask(SEND, {"to": next(targets), "text": "Timed message"}, "hub"),
    ]
    for timing, call in zip(timings, calls_of, strict=True):
        await timed(timing, call, calls, warmup)
    return timings, shown


@dataclass
class LoadResult:
    seconds: float
    acknowledged: dict[str, str] = field(default_factory=dict)  # message id -> conversation id
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    read_back: int = 0
    lost: list[str] = field(default_factory=list)


async def sixteen_callers(url: str, seconds: float) -> LoadResult:
    result = LoadResult(seconds)
    deadline = time.monotonic() + seconds

    async def caller(n: int) -> None:
        me, partner = f"s{n:02}", f"t{n:02}"
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1)) as session:
            client = Client(url, session)
            sent = 0
            while time.monotonic() < deadline:
                target = "hub" if sent % 2 == 0 else partner
                started = time.perf_counter()
                try:
                    body = await client.ask(SEND, {"to": target, "text": f"{me} #{sent}"}, me)
                except aiohttp.ClientError as exc:
                    result.errors[type(exc).__name__] += 1
                    continue
                result.latencies.append((time.perf_counter() - started) * 1000)
                if body.get("errors"):
                    result.errors[body["errors"][0]["extensions"]["code"]] += 1
                else:
                    message = body["data"]["sendMessage"]
                    result.acknowledged[message["id"]] = message["conversation"]["id"]
                sent += 1

    await asyncio.gather(*(caller(n) for n in range(CALLERS)))
    # read every conversation back, as its sender, page by page
    async with aiohttp.ClientSession() as session:
        client = Client(url, session)
        found: set[str] = set()
        for n in range(CALLERS):
            me = f"s{n:02}"
            for conversation in await conversation_ids(client, me) & set(result.acknowledged.values()):
                after = None
                while True:
                    body = await client.ask(MESSAGES, {"id": conversation, "first": 100, "after": after}, me)
                    page = body["data"]["conversation"]["messages"]
                    found |= {e["node"]["id"] for e in page["edges"]}
                    if not page["pageInfo"]["hasNextPage"]:
                        break
                    after = page["pageInfo"]["endCursor"]
    result.read_back = len(found & set(result.acknowledged))
    result.lost = sorted(set(result.acknowledged) - found)
    return result


async def conversation_ids(client: Client, person: str) -> set[str]:
    body = await client.ask("{ conversations(first: 100) { edges { node { id } } } }", {}, person)
    return {e["node"]["id"] for e in body["data"]["conversations"]["edges"]}


async def live(url: str, sends: int) -> tuple[list[float], int]:
    """Delays (ms) from each acknowledged send to its arrival on each of the hub's two sockets."""
    ws_url = url.replace("http://", "ws://") + "/graphql"
    token = issue_token(SECRET, "hub", ttl_seconds=86400)
    arrived: dict[str, list[float]] = {}
    acknowledged: dict[str, float] = {}

    async def listen(ws: Any) -> None:
        async for frame in ws:
            data = json.loads(frame)
            if data.get("type") == "next":
                arrived.setdefault(data["payload"]["data"]["messages"]["id"], []).append(time.perf_counter())

    sockets = []
    for _ in range(2):
        ws = await connect(ws_url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        sockets.append(ws)
    readers = [asyncio.create_task(listen(ws)) for ws in sockets]
    try:
        await asyncio.sleep(1.0)  # both subscriptions registered
        async with aiohttp.ClientSession() as session:
            client = Client(url, session)
            for n in range(sends):
                body = await client.ask(SEND, {"to": "hub", "text": f"live {n}"}, "c0001")
                acknowledged[body["data"]["sendMessage"]["id"]] = time.perf_counter()
                await asyncio.sleep(0.05)
        await asyncio.sleep(3.0)  # the last ones arrive
    finally:
        for task in readers:
            task.cancel()
        for ws in sockets:
            await ws.close()
    delays = [(at - acknowledged[m]) * 1000 for m, ats in arrived.items() if m in acknowledged for at in ats]
    missing = sum(2 - len(arrived.get(m, [])) for m in acknowledged)
    return delays, missing


def render(args: argparse.Namespace, graph: dict[str, int], timings: list[Timing], load: LoadResult,
           delays: list[float], missing: int, usage: machine.Usage, shown: dict[str, Any]) -> str:
    inbox = timings[0]
    inbox_p99 = stats.percentile(inbox.ms, 99)
    rate = len(load.acknowledged) / load.seconds
    lines = [
        f"# Messages at density: {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"`{' '.join(['python -m bench.messages', *args.argv])}` alone on the machine; "
        "`ties serve --workers 2`, its own Neo4j (heap and page cache 1g).",
        "",
        f"Graph: {graph['people']:,} people, {graph['connections']:,} connections, "
        f"{graph['conversations']:,} conversations, {graph['messages']:,} messages. The hub: "
        f"{args.conversations:,} conversations ({shown['conversations']['totalCount']:,} listed as ACCEPTED: "
        "one in twenty is a REQUEST, one in a hundred blocked), "
        f"{shown['viewer']['unreadConversationCount']:,} with unread messages.",
        "",
        f"Machine: {machine.description()['cores']} cores; load {usage.load_start[0]:.1f} at the start, "
        f"{usage.load_end[0]:.1f} at the end; other processes used "
        f"{usage.others_share(os.cpu_count() or 1):.0%} of it "
        f"({', '.join(f'{name} {cpu:.0f} s' for name, cpu in usage.others[:4])}).",
        "",
        "## 1. One caller (ms)",
        "",
        "| question | calls | p50 | p99 | max |",
        "|---|---|---|---|---|",
        *(t.row() for t in timings),
        "",
        f"Target: the inbox p99 <= 100 ms: **{'met' if inbox_p99 <= 100 else 'missed'}** "
        f"({inbox_p99:.1f} ms).",
        "",
        f"## 2. {CALLERS} callers sending for {load.seconds:.0f} s",
        "",
        f"- acknowledged: {len(load.acknowledged):,} messages ({rate:.0f}/s); "
        f"errors: {dict(load.errors) or 'none'}",
        f"- latency of a send: p50 {stats.p50(load.latencies):.0f} ms, p99 "
        f"{stats.percentile(load.latencies, 99):.0f} ms",
        f"- read back through the API: {load.read_back:,}; **lost: {len(load.lost)}**"
        + (f" ({', '.join(load.lost[:5])} ...)" if load.lost else ""),
        "",
        "## 3. Live: the hub's two sockets",
        "",
        f"- {args.live} messages, each to both sockets: delay from the send's acknowledgement to its arrival "
        f"p50 {stats.p50(delays):.0f} ms, p99 {stats.percentile(delays, 99):.0f} ms, "
        f"max {max(delays):.0f} ms; "
        f"missing: {missing}",
        "",
    ]
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> str:
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    server = LocalNeo4j(home=HOME / "neo4j", lib=PROJECT_ROOT / ".neo4j" / "lib", bolt_port=free_port(),
                        http_port=free_port(), user="neo4j", password=PASSWORD, heap="1g", pagecache="1g")
    server.start(detach=True)
    ties = None
    try:
        env = {"NEO4J_URI": server.bolt_uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": PASSWORD,
               "TIES_JWT_SECRET": SECRET, "TIES_WRITING_LIMIT": "100000000"}
        # the schema first, so the drawing is indexed as it goes
        subprocess.run(ties_command("migrate"), env={**os.environ, **env}, check=True, timeout=300)
        with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", PASSWORD)) as driver:
            started = time.monotonic()
            graph = draw(driver, args.conversations, args.messages, args.long)
            print(f"drew {graph} in {time.monotonic() - started:.0f} s", flush=True)
        port = free_port()
        serve = ties_command("serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2")
        ties = spawn("ties", serve, env, HOME)
        url = f"http://127.0.0.1:{port}"
        wait_until(ties, http_ok(f"{url}/readyz"))
        before = machine.Snapshot.take()
        async with aiohttp.ClientSession() as session:
            timings, shown = await one_caller(Client(url, session), args.calls, args.warmup, "conv-c0000",
                                              args.long)
        for t in timings:
            print(t.row(), flush=True)
        load = await sixteen_callers(url, args.seconds)
        print(f"{CALLERS} callers: {len(load.acknowledged)} acknowledged, {len(load.lost)} lost, "
              f"{dict(load.errors)}", flush=True)
        delays, missing = await live(url, args.live)
        ours = [ties.pid, server.pid() or 0, os.getpid()]
        usage = machine.usage_between(before, machine.Snapshot.take(), ours)
        return render(args, graph, timings, load, delays, missing, usage, shown)
    finally:
        if ties is not None:
            ties.stop()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--long", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--live", type=int, default=100)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "results")
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    report = asyncio.run(run(args))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{datetime.now():%Y-%m-%d-%H%M}-messages.md"
    path.write_text(report)
    print(report)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
