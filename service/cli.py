"""The ``ties`` command: serve, neo4j start|stop|status|fetch, migrate, token (import, generate)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Sequence

from service import logs
from service.errors import TiesError
from service.graph import Graph, open_driver
from service.identity import issue_token
from service.migrations import migrate
from service.neo4j_server import LocalNeo4j, Neo4jServerError
from service.settings import Settings

Command = Callable[[argparse.Namespace, Settings], int]


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serves GraphQL; starts the project's Neo4j first (and stops it after) when NEO4J_URI is unset."""
    import uvicorn

    server = LocalNeo4j.from_settings(settings) if settings.local_neo4j else None
    started = None
    if server is not None:
        print(f"Starting Neo4j in {server.home} (first run fetches its jars) ...", flush=True)
        started = server.start(detach=False)
        print(f"Neo4j is up: {server.bolt_uri}; Neo4j Browser at {server.browser_url}", flush=True)
    try:
        if args.workers > 1:
            # Each worker migrates as it starts; done once here first, their migrations find every
            # rule in place instead of racing to create the same index (EquivalentSchemaRuleAlreadyExists).
            asyncio.run(_migrate(settings))
            if not settings.metrics_dir:
                # Each worker is its own process: they share their Prometheus numbers through files.
                os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="ties-metrics-")
        print(f"GraphQL at http://{args.host}:{args.port}/graphql ({args.workers} worker(s))", flush=True)
        logs.configure(settings.log_level)
        uvicorn.run("service.app:served_app", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_config=None, access_log=False)
    finally:
        if server is not None and started is not None:
            print("Stopping Neo4j ...", flush=True)
            server.stop()
    return 0


def neo4j_command(args: argparse.Namespace, settings: Settings) -> int:
    server = LocalNeo4j.from_settings(settings)
    if args.action == "fetch":
        print("fetched" if server.fetch() else f"already fetched into {server.lib}")
    elif args.action == "start":
        server.start(detach=True)
        print(f"running (pid {server.pid()}): {server.bolt_uri}, Browser at {server.browser_url}")
    elif args.action == "stop":
        print("stopped" if server.stop() else "not running")
    else:
        pid = server.pid()
        print(f"running (pid {pid}): {server.bolt_uri}, Browser at {server.browser_url}" if pid
              else f"not running (home {server.home})")
        return 0 if pid else 3
    return 0


async def _migrate(settings: Settings) -> list[str]:
    driver = open_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_password)
    try:
        return await migrate(Graph(driver, settings.neo4j_database))
    finally:
        await driver.close()


def migrate_command(args: argparse.Namespace, settings: Settings) -> int:
    for name in asyncio.run(_migrate(settings)):
        print(f"applied {name}")
    return 0


def token(args: argparse.Namespace, settings: Settings) -> int:
    print(issue_token(settings.jwt_secret, args.id, admin=args.admin, ttl_seconds=args.days * 86400))
    return 0


def parser(settings: Settings) -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ties", description="Ties: relationships in Neo4j over GraphQL.")
    commands = top.add_subparsers(dest="command", required=True)

    p = commands.add_parser("serve", help="serve GraphQL (and the local Neo4j unless NEO4J_URI is set)")
    p.add_argument("--host", default=settings.host)
    p.add_argument("--port", type=int, default=settings.port)
    p.add_argument("--workers", type=int, default=settings.workers)
    p.set_defaults(run=serve)

    p = commands.add_parser("neo4j", help="the project's own Neo4j server")
    p.add_argument("action", choices=["start", "stop", "status", "fetch"])
    p.set_defaults(run=neo4j_command)

    p = commands.add_parser("migrate", help="apply the schema in cypher/migrations (idempotent)")
    p.set_defaults(run=migrate_command)

    p = commands.add_parser("token", help="print a bearer token for a person id")
    p.add_argument("id")
    p.add_argument("--admin", action="store_true", help="add the admin role")
    p.add_argument("--days", type=int, default=30, help="days until it expires (default 30)")
    p.set_defaults(run=token)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings.from_env()
    args = parser(settings).parse_args(argv)
    run: Command = args.run
    try:
        return run(args, settings)
    except (TiesError, Neo4jServerError) as exc:
        print(f"ties {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
