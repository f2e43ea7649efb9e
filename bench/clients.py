"""The three ways the benchmark asks a question: Ties over HTTP, the raw driver, the peer over HTTP.

Each variant is an async callable ``(question, sample) -> answer``; the answer is what the
question's reader pulls out of the reply, so variants can be checked against each other. The HTTP
variants share one client implementation (aiohttp, keep-alive, one connection per concurrent
caller), so Ties and the peer pay the same client-side cost.
"""

from __future__ import annotations

from typing import Any, Protocol

import aiohttp
import neo4j

from bench.workload import Question, Sample
from service.identity import issue_token


class GraphQLFailed(Exception):
    """A GraphQL reply carried errors (the benchmark never times failures)."""


class Variant(Protocol):
    name: str

    async def __call__(self, question: Question, sample: Sample) -> Any: ...


class Tokens:
    """Bearer tokens by person id, issued once: both GraphQL servers verify the same HS256 tokens."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self._cache: dict[str, str] = {}

    def header(self, person_id: str) -> dict[str, str]:
        if (token := self._cache.get(person_id)) is None:
            token = self._cache[person_id] = issue_token(self.secret, person_id, ttl_seconds=86400)
        return {"Authorization": f"Bearer {token}"}


class GraphQLVariant:
    """POSTs a question's GraphQL document to ``url`` as the sample's viewer."""

    def __init__(self, name: str, url: str, tokens: Tokens, session: aiohttp.ClientSession, *,
                 peer: bool) -> None:
        self.name = name
        self.url = url
        self.tokens = tokens
        self.session = session
        self.peer = peer

    async def post(self, document: str, variables: dict[str, Any], viewer: str) -> dict[str, Any]:
        async with self.session.post(self.url, json={"query": document, "variables": variables},
                                     headers=self.tokens.header(viewer)) as response:
            body: dict[str, Any] = await response.json(content_type=None)
        if body.get("errors") or response.status != 200:
            raise GraphQLFailed(f"{self.name}: {response.status} {body.get('errors')}")
        data: dict[str, Any] = body["data"]
        return data

    async def __call__(self, question: Question, sample: Sample) -> Any:
        if self.peer:
            data = await self.post(question.peer, question.peer_vars(sample), sample.viewer)
            return question.peer_answer(data)
        data = await self.post(question.ties, question.ties_vars(sample), sample.viewer)
        return question.ties_answer(data)


class RawVariant:
    """Sends the question's cypher/ file through the async driver the way ``Graph.read`` does: an
    auto-commit query in a read session on the named database (one round trip, no BEGIN/COMMIT)."""

    name = "raw driver"

    def __init__(self, driver: neo4j.AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database

    async def __call__(self, question: Question, sample: Sample) -> Any:
        async with self.driver.session(database=self.database,
                                       default_access_mode=neo4j.READ_ACCESS) as session:
            result = await session.run(question.query.text, question.raw_params(sample))
            rows = [record.data() async for record in result]
        return question.raw_answer(rows)


def http_session(concurrency: int) -> aiohttp.ClientSession:
    # Idle connections are let go after 4 s, before uvicorn's keep-alive (5 s) closes them under a
    # request: a caller alone after a 16-caller loop otherwise meets "Server disconnected".
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False, ttl_dns_cache=None,
                                     keepalive_timeout=4)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120))
