"""The cost stage's two floors, each served by uvicorn exactly as ``ties serve`` serves Ties.

- ``http_floor``: Starlette reading the request's body and returning a fixed JSON body. What any
  Python HTTP service on this stack pays per request, before it does anything.
- ``strawberry_floor``: stock Strawberry (``strawberry.asgi.GraphQL``, no extensions, no cache)
  answering ``person(id) { degree }`` from a dict in memory. What a GraphQL request costs on
  Strawberry and graphql-core as they ship, with no database, no token and no logs.

``python -m bench.floors http|strawberry --port P --workers N`` runs one (the cost stage starts
them, ``bench/cost.py``).
"""

from __future__ import annotations

import argparse
import sys

import strawberry
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

#: About the size of Ties' answer to ``person(id) { degree }``.
FIXED_BODY = b'{"data":{"person":{"degree":2}}}'


async def _fixed(request: Request) -> Response:
    await request.body()
    return Response(FIXED_BODY, media_type="application/json")


def http_floor() -> Starlette:
    return Starlette(routes=[Route("/graphql", _fixed, methods=["GET", "POST"])])


#: The dict the stock Strawberry answers from: every id has a degree, as if an index knew it.
DEGREES: dict[str, int] = {}


@strawberry.type
class Person:
    id: strawberry.ID
    degree: int | None


@strawberry.type
class Query:
    @strawberry.field
    def person(self, id: strawberry.ID) -> Person | None:
        return Person(id=id, degree=DEGREES.setdefault(id, 1 + len(DEGREES) % 3))


def strawberry_floor() -> GraphQL[None, None]:
    return GraphQL(strawberry.Schema(query=Query))


APPS = {"http": "bench.floors:http_floor", "strawberry": "bench.floors:strawberry_floor"}


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    p = argparse.ArgumentParser(prog="python -m bench.floors", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("app", choices=sorted(APPS))
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--workers", type=int, default=1)
    args = p.parse_args(argv)
    # As `ties serve` runs uvicorn (service/tools/cli.py), less its JSON logs.
    uvicorn.run(APPS[args.app], factory=True, host="127.0.0.1", port=args.port, workers=args.workers,
                log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
