"""What the life of an account costs at hub scale (issue 13): a hub with N followers, each of whom
follows it and has one FOLLOWED event naming it (N unread notifications).

Measures, through the service's own domain functions (no HTTP): the first page of the hub's
notifications, a page deep in the list, its unread count with every one unread and with none,
marking read, and ``deleteAccount`` of the hub, plus a follow (and unfollow) with and without its
event recorded (``events.record`` replaced by a no-op in this process). Not part of ``make bench``;
run it on a quiet machine:

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... python -m bench.lifecycle --followers 50000

It wipes the graph it is pointed at.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench import stats
from service import accounts, events, follows, notifications
from service.graph import Graph, open_driver
from service.identity import Viewer
from service.pages import PageRequest, encode_cursor
from service.settings import Settings


async def timed(label: str, call: Callable[[], Awaitable[Any]], repeat: int = 5) -> Any:
    result, seconds = None, []
    for _ in range(repeat):
        started = time.perf_counter()
        result = await call()
        seconds.append(time.perf_counter() - started)
    print(f"{label:<58} median {stats.median(seconds) * 1000:9.1f} ms  "
          f"(min {min(seconds) * 1000:.1f}, {repeat} runs)", flush=True)
    return result


async def _no_log(tx: Any, changes: Any) -> None:
    return None


async def run(followers: int) -> None:
    settings = Settings.from_env()
    driver = open_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_password)
    graph = Graph(driver, settings.neo4j_database)
    raw = driver.execute_query
    try:
        await raw("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        await raw("MERGE (l:EventLog {id: 'events'}) SET l.seq = $n, l.epoch = randomUUID()",
                  n=followers + 10)
        await raw("CREATE (:Person {id: 'hub', name: 'Hub', createdAt: datetime()}), "
                  "(:Person {id: 'x', name: 'X', createdAt: datetime()}), "
                  "(:Person {id: 'y', name: 'Y', createdAt: datetime()})")
        for start in range(0, followers, 10_000):
            await raw("""UNWIND range($start, $end - 1) AS n
                         MATCH (hub:Person {id: 'hub'})
                         CREATE (f:Person {id: 'f' + n, name: 'F' + n, createdAt: datetime()})-[:FOLLOWS
                                {since: datetime()}]->(hub)
                         CREATE (:Event {seq: n + 1, kind: 'FOLLOWED', actor: 'f' + n, subject: 'hub',
                                         at: datetime()})""", start=start, end=min(start + 10_000, followers))
        # plans made on statistics from before the load would be timed, not the queries
        await raw("CALL db.resampleOutdatedIndexes()")
        await raw("CALL db.awaitIndexes(300)")
        await raw("CALL db.clearQueryCaches()")
        print(f"hub with {followers:,} followers and as many FOLLOWED events", flush=True)
        hub = Viewer(id="hub")
        await timed("notifications: first page of 20",
                    lambda: notifications.notifications(graph, hub, PageRequest(20)))
        deep = PageRequest(20, after=followers // 2)
        await timed("notifications: a page of 20 half way down",
                    lambda: notifications.notifications(graph, hub, deep))
        unread = await timed("unreadNotificationCount, all unread",
                             lambda: notifications.unread_count(graph, hub, "hub"))
        print(f"  (counted {unread:,})")
        await timed("markNotificationsRead up to the newest",
                    lambda: notifications.mark_read(graph, hub, encode_cursor(followers)), repeat=3)
        await timed("unreadNotificationCount, none unread",
                    lambda: notifications.unread_count(graph, hub, "hub"))

        async def follow_and_unfollow() -> None:
            await follows.follow(graph, Viewer(id="x"), "y")
            await follows.unfollow(graph, Viewer(id="x"), "y")

        for _round in range(2):  # alternate, so neither variant gets the quieter minutes
            await timed("follow + unfollow (two mutations), events recorded", follow_and_unfollow, repeat=30)
            recording = events.record
            events.record = _no_log
            try:
                await timed("follow + unfollow (two mutations), without the log", follow_and_unfollow,
                            repeat=30)
            finally:
                events.record = recording
        started = time.perf_counter()
        assert await accounts.delete_account(graph, Viewer(id="hub"), "hub")
        seconds = time.perf_counter() - started
        print(f"{'deleteAccount of the hub (mark + every batch)':<58} {seconds:9.2f} s", flush=True)
        left, _, _ = await raw("RETURN COUNT { ()-[:FOLLOWS]->() } AS follows, "
                               "COUNT { (p {id: 'hub'}) } AS hub")
        print(f"  left behind: {dict(left[0])}")
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lifecycle", description=__doc__)
    parser.add_argument("--followers", type=int, default=50_000)
    asyncio.run(run(parser.parse_args().followers))


if __name__ == "__main__":
    main()
