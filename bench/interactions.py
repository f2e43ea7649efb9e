"""What deleting a popular post costs (issue 18, R19): a post with N reactions and M comments (30% of
them replies, each with a reaction or so) and the notifications they made, deleted by its author
(``deletePost``), then the same again deleted with its author's account (``deleteAccount``).

Measures, through the service's own domain functions (no HTTP): the whole deletion, how many
transactions it took, and the longest of them (each deleted relationship locks the person at its
other end until commit, so that is how long such a person waits at worst). Not part of
``make bench``; run it on a quiet machine:

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... python -m bench.interactions --reactions 50000

It wipes the graph it is pointed at.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j import AsyncDriver

from bench import stats
from service import accounts, posts
from service.graph import Graph, Tx, open_driver
from service.identity import Viewer
from service.migrations import migrate
from service.settings import Settings

T = TypeVar("T")


class TimedGraph(Graph):
    """The graph, timing every transaction it runs."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph.driver, graph.database, graph.timeout)
        self.seconds: list[float] = []

    async def transaction(self, name: str, work: Callable[[Tx], Awaitable[T]]) -> T:
        started = time.perf_counter()
        try:
            return await super().transaction(name, work)
        finally:
            self.seconds.append(time.perf_counter() - started)


async def wipe(driver: AsyncDriver, database: str) -> None:
    """Empties the graph, in batches: ``CALL ... IN TRANSACTIONS`` runs only as an auto-commit query,
    which ``execute_query`` (an explicit transaction) is not."""
    async with driver.session(database=database) as session:
        result = await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        await result.consume()


async def build(raw: Callable[..., Awaitable[Any]], reactions: int, comments: int) -> None:
    """Everyone reacts to post 'hub' of person 'author' (as react.cypher stores it), ``comments``
    comments by the first people (30% of them replies to earlier ones), a reaction to each comment,
    and one notification event per reaction and comment, on an empty graph."""
    await raw("MERGE (l:EventLog {id: 'events'}) SET l.seq = 0, l.epoch = randomUUID()")
    await raw("CREATE (a:Person {id: 'author', name: 'Author', createdAt: datetime()})-[:POSTED]->"
              "(:Post {id: 'hub', text: 'Hub', visibility: 'PUBLIC', createdAt: datetime()})")
    for start in range(0, reactions, 10_000):
        await raw("""UNWIND range($start, $end - 1) AS n
                     MATCH (post:Post {id: 'hub'})
                     CREATE (p:Person {id: 'p' + n, name: 'P' + n, createdAt: datetime()})
                            -[:REACTED {kind: 'LIKE', at: datetime(), subjectId: 'hub'}]->(post)
                     CREATE (:Event {seq: n + 1, kind: 'POST_REACTION', actor: 'p' + n, subject: 'author',
                                     post: 'hub', detail: 'LIKE', cause: 'reaction:p' + n + ':hub',
                                     at: datetime()})
                     SET post.reactionsLIKE = coalesce(post.reactionsLIKE, 0) + 1""",
                  start=start, end=min(start + 10_000, reactions))
    tops = comments - comments * 3 // 10
    for start in [*range(0, tops, 5_000), *range(tops, comments, 5_000)]:  # threads first, then replies
        await raw("""UNWIND range($start, $end - 1) AS n
                     MATCH (post:Post {id: 'hub'}), (p:Person {id: 'p' + (n % $people)})
                     OPTIONAL MATCH (parent:Comment {id: CASE WHEN n >= $tops THEN 'c' + (n % $tops) END})
                     CREATE (p)-[:WROTE]->(c:Comment {id: 'c' + n, text: 'Comment', createdAt: datetime(),
                                                      postId: CASE WHEN parent IS NULL THEN 'hub' END,
                                                      parentId: parent.id})-[:ON]->(post)
                     FOREACH (x IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END |
                       CREATE (c)-[:REPLY_TO]->(x) SET x.replyCount = coalesce(x.replyCount, 0) + 1)
                     CREATE (:Person {id: 'r' + n, name: 'R' + n, createdAt: datetime()})
                            -[:REACTED {kind: 'LOVE', at: datetime(), subjectId: c.id}]->(c)
                     SET c.reactionsLOVE = 1
                     CREATE (:Event {seq: $offset + n, kind: 'POST_COMMENT', actor: p.id,
                                     subject: 'author', post: 'hub', comment: c.id, cause: 'comment:' + c.id,
                                     at: datetime()})""",
                  start=start, end=min(start + 5_000, tops if start < tops else comments),
                  people=max(reactions, 1), offset=reactions + 1, tops=tops)
    await raw("""MATCH (post:Post {id: 'hub'})
                 SET post.commentCount = COUNT { (post)<-[:ON]-() },
                     post.topLevelCommentCount = COUNT { (post)<-[:ON]-(c) WHERE c.parentId IS NULL }""")
    await raw("MATCH (l:EventLog) SET l.seq = $seq", seq=reactions + comments + 1)
    await raw("CALL db.awaitIndexes(300)")


async def deleting(label: str, graph: Graph, call: Callable[[TimedGraph], Awaitable[Any]]) -> None:
    timed = TimedGraph(graph)
    started = time.perf_counter()
    await call(timed)
    seconds = time.perf_counter() - started
    longest, median = max(timed.seconds), stats.median(timed.seconds)
    print(f"{label}: {seconds:.2f} s in {len(timed.seconds)} transactions; longest {longest * 1000:.0f} ms, "
          f"median {median * 1000:.0f} ms", flush=True)


async def run(reactions: int, comments: int) -> None:
    settings = Settings.from_env()
    driver = open_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_password)
    graph = Graph(driver, settings.neo4j_database)
    raw = driver.execute_query
    author = Viewer(id="author")
    try:
        await migrate(graph)
        for what, call in (
            ("deletePost", lambda g: posts.delete_post(g, author, "hub")),
            ("deleteAccount of its author", lambda g: accounts.delete_account(g, author, "author")),
        ):
            await wipe(driver, settings.neo4j_database)
            await build(raw, reactions, comments)
            print(f"a post with {reactions:,} reactions, {comments:,} comments (30% replies) with a reaction "
                  "each, and a notification per reaction and comment", flush=True)
            await deleting(what, graph, call)
            left, _, _ = await raw("RETURN COUNT { ()-[:REACTED]->() } AS reactions, COUNT { (:Comment) } "
                                   "AS comments, COUNT { (:Event {post: 'hub'}) } AS events")
            print(f"  left behind: {dict(left[0])}", flush=True)
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.interactions", description=__doc__)
    parser.add_argument("--reactions", type=int, default=50_000)
    parser.add_argument("--comments", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(run(args.reactions, args.comments))


if __name__ == "__main__":
    main()
