"""Lists: what each returned person costs when a client reads 5,000 people of a post's audience.

A post's audience pages go to 5,000 (``service.pages.MAX_AUDIENCE_PAGE_SIZE``): the author asks
for one page of 5,000, as the author, against the same ``cypher/`` file asked once for 5,000 rows
through the driver. For the lists that page at 100 (``MAX_PAGE_SIZE``), a client walks 50 pages
with cursors; that walk is timed too, through Ties and through the driver, so walk/walk separates
what GraphQL costs from what paging costs. All four are interleaved, rounds in shuffled order, and
must return the same 5,000 people.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import neo4j

from bench import stats
from bench.clients import GraphQLVariant
from service import cypher
from service.pages import MAX_AUDIENCE_PAGE_SIZE, MAX_PAGE_SIZE

PEOPLE = MAX_AUDIENCE_PAGE_SIZE  # one page of a post's audience
PAGE = MAX_PAGE_SIZE  # one page of any other list
AUDIENCE_FILE = "post_audience"
TIES_PAGE = """query($id: ID!, $first: Int!, $after: String) { post(id: $id) {
  audience(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } }
} }"""
#: A PUBLIC post whose author's followers and connections (its audience, before blocks) just pass
#: 5,000: the smallest such audience, so 5,000 is most of it.
LARGE_AUDIENCE = """
MATCH (author:Person)-[:POSTED]->(post:Post {visibility: 'PUBLIC'})
WITH author, post, COUNT { (author)<-[:FOLLOWS]-() } + COUNT { (author)-[:CONNECTED_TO]-() } AS reach
WHERE reach >= $people * 1.1
RETURN post.id AS post, author.id AS author, reach ORDER BY reach, post LIMIT 1
"""

TIES_ONCE = "Ties, one page of 5,000"
TIES_WALK = "Ties, 50 pages of 100"
RAW_ONCE = "raw driver, one query of 5,000"
RAW_WALK = "raw driver, 50 pages"


@dataclass
class ListResult:
    post: str
    audience: int
    people: int
    seconds: dict[str, list[float]]
    note: str

    def median(self, variant: str) -> float:
        return stats.median(self.seconds[variant])

    @property
    def ratio(self) -> float:
        """Cost per returned person, Ties / the raw driver, each in one page of 5,000."""
        return self.median(TIES_ONCE) / self.median(RAW_ONCE)

    @property
    def paging_ratio(self) -> float:
        return self.median(TIES_WALK) / self.median(RAW_WALK)


async def _raw(driver: neo4j.AsyncDriver, database: str, query: cypher.CypherQuery,
               **params: Any) -> dict[str, Any]:
    async with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        result = await session.run(query.text, params)
        records = [record.data() async for record in result]
    return records[0]


async def compare(ties: GraphQLVariant, driver: neo4j.AsyncDriver, database: str, rounds: int,
                  log: Callable[[str], None]) -> ListResult | None:
    if not (cypher.CYPHER_DIR / f"{AUDIENCE_FILE}.cypher").exists():
        log("  post.audience has not landed yet: skipped")
        return None
    query = cypher.query(AUDIENCE_FILE)
    async with driver.session(database=database) as session:
        found = [r.data() async for r in await session.run(LARGE_AUDIENCE, people=PEOPLE)]
    if not found:
        log(f"  no PUBLIC post has an audience of {PEOPLE:,}: skipped")
        return None
    post, author, audience = found[0]["post"], found[0]["author"], found[0]["reach"]

    async def ties_once() -> list[str]:
        data = await ties.post(TIES_PAGE, {"id": post, "first": PEOPLE, "after": None}, author)
        return [edge["node"]["id"] for edge in data["post"]["audience"]["edges"]]

    async def ties_walk() -> list[str]:
        ids: list[str] = []
        after = None
        while len(ids) < PEOPLE:
            data = await ties.post(TIES_PAGE, {"id": post, "first": PAGE, "after": after}, author)
            page = data["post"]["audience"]
            ids += [edge["node"]["id"] for edge in page["edges"]]
            after = page["pageInfo"]["endCursor"]
        return ids[:PEOPLE]

    async def raw_once() -> list[str]:
        row = await _raw(driver, database, query, postId=post, after=None, fetch=PEOPLE + 1)
        return [p["id"] for p in row["people"][:PEOPLE]]

    async def raw_walk() -> list[str]:
        ids: list[str] = []
        while len(ids) < PEOPLE:
            row = await _raw(driver, database, query, postId=post, after=ids[-1] if ids else None,
                             fetch=PAGE + 1)
            ids += [p["id"] for p in row["people"][:PAGE]]
        return ids[:PEOPLE]

    variants = {TIES_ONCE: ties_once, RAW_ONCE: raw_once, TIES_WALK: ties_walk, RAW_WALK: raw_walk}
    expected = await raw_once()
    if len(expected) < PEOPLE:  # blocks took it under: the walks below would never end
        log(f"  post {post}'s audience is {len(expected):,} after blocks, under {PEOPLE:,}: skipped")
        return None
    for name, walk in variants.items():  # warm-up, and the same 5,000 people from each
        if await walk() != expected:
            raise RuntimeError(f"lists: {name} returned other people than {RAW_ONCE}")
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    rng = random.Random(3)
    for number in range(rounds):
        order = list(variants)
        rng.shuffle(order)
        for name in order:
            started = time.perf_counter()
            await variants[name]()
            seconds[name].append(time.perf_counter() - started)
        times = ", ".join(f"{n} {seconds[n][-1] * 1000:.0f} ms" for n in variants)
        log(f"  round {number + 1}/{rounds}: {times}")
    note = (f"Post `{post}` by `{author}` (followers + connections: {audience:,}); the first {PEOPLE:,} "
            f"people of its audience, {rounds} rounds, the four variants in shuffled order each round, "
            "Ties asked as the author. An audience page holds up to 5,000; the 50-page walks show "
            "what a list that pages at 100 would cost.")
    return ListResult(post, audience, PEOPLE, seconds, note)
