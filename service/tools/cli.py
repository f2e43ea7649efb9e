"""The ``ties`` command: serve, neo4j start|stop|status|fetch, migrate, import, generate, token, export."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import os
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import ExitStack, asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import neo4j.exceptions

from service import accounts, logs
from service.errors import TiesError, Unavailable
from service.graph import Graph, open_driver
from service.identity import SECRET_HINT, Authenticator, Claims, Viewer, issue_token
from service.migrations import migrate
from service.settings import ConfigurationError, Settings
from service.tools import generator, importer
from service.tools.neo4j_server import LocalNeo4j, Neo4jServerError
from service.tools.supervision import Supervisor

Command = Callable[[argparse.Namespace, Settings], int]


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serves GraphQL; starts the project's Neo4j first (and stops it after) when NEO4J_URI is unset,
    and restarts that Neo4j whenever it dies meanwhile (service/tools/supervision.py)."""
    import uvicorn

    # Refused before anything starts: a made-up secret must not sign tokens beyond this machine.
    Authenticator.from_settings(dataclasses.replace(settings, host=args.host))
    os.environ["TIES_HOST"] = args.host  # what each worker's settings (service.app.served_app) see
    # uvicorn re-raises the SIGTERM it handled once it has shut down; by default that ends the
    # process on the spot, leaving the Neo4j started here running. As SystemExit, cleanup runs.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    with ExitStack() as stack:
        if settings.local_neo4j:
            server = LocalNeo4j.from_settings(settings)
            print(f"Starting Neo4j in {server.home} (first run fetches its jars) ...", flush=True)
            started = server.start(detach=False)
            print(f"Neo4j is up: {server.bolt_uri}; Neo4j Browser at {server.browser_url}", flush=True)
            if started is not None:  # one already running is someone else's to stop and restart
                stack.enter_context(Supervisor(server, started))
                stack.callback(print, "Stopping Neo4j ...", flush=True)
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
    return 0


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


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


@asynccontextmanager
async def _graph(settings: Settings, **config: Any) -> AsyncIterator[Graph]:
    """The database the settings name, for one command: its driver is closed when the command ends."""
    driver = open_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_password, **config)
    try:
        yield Graph(driver, settings.neo4j_database)
    finally:
        await driver.close()


async def _migrate(settings: Settings) -> list[str]:
    async with _graph(settings) as graph:
        return await migrate(graph)


def migrate_command(args: argparse.Namespace, settings: Settings) -> int:
    for name in asyncio.run(_migrate(settings)):
        print(f"applied {name}")
    return 0


#: Seconds `ties import` waits for Neo4j to answer at all (a server just started may be slow).
CONNECT_SECONDS = 30.0


async def _import(settings: Settings, files: importer.Files, args: argparse.Namespace) -> importer.Summary:
    """Checks Neo4j answers, reads and checks every file, migrates, then writes."""
    # A batch is seconds of work, not a request: give the driver time to retry one that hit a
    # deadlock or a leader switch (the service's budget of 2 s would give up on it).
    async with _graph(settings, max_transaction_retry_time=importer.RETRY_SECONDS) as graph:
        if not await graph.ping(timeout=CONNECT_SECONDS):
            raise Unavailable(f"Neo4j does not answer at {settings.bolt_uri}: start it (`ties neo4j start`) "
                              "or point NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD at yours.")
        started = time.perf_counter()
        plan = importer.read(files)  # nothing is written unless every file is good
        read_seconds = time.perf_counter() - started
        await migrate(graph)  # the id constraints make every MERGE an index seek
        summary = await importer.write(graph, plan, datetime.now(UTC), batch_size=args.batch_size,
                                       workers=args.workers, quiet=args.quiet)
        summary.read_seconds = read_seconds
        return summary


def import_command(args: argparse.Namespace, settings: Settings) -> int:
    files = importer.Files(args.people, args.follows, args.connections,
                           args.requests, args.posts, args.shares, args.comments, args.reactions)
    if not files.given():
        print("ties import: name at least one file (--people, --follows, --connections, ...)",
              file=sys.stderr)
        return 2
    if args.batch_size < 1 or args.workers < 1:
        print("ties import: --batch-size and --workers must be at least 1", file=sys.stderr)
        return 2
    summary = asyncio.run(_import(settings, files, args))
    print("\n".join(summary.lines()))
    return 0


def generate_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.people < 10:
        print("ties generate: --people must be at least 10", file=sys.stderr)
        return 2
    started = time.perf_counter()
    median = args.connections_per_person
    if median is not None and not 1 <= median <= (args.people - 1) / 2:
        print("ties generate: --connections-per-person must be at least 1 and at most half of --people",
              file=sys.stderr)
        return 2
    if args.hub_reactions < 0 or args.hub_comments < 1:
        print("ties generate: --hub-reactions must be at least 0 and --hub-comments at least 1",
              file=sys.stderr)
        return 2
    result = generator.generate(args.out, people=args.people, seed=args.seed, gzipped=args.gzip,
                                connections_per_person=median, interactions=args.interactions,
                                interactions_only=args.interactions_only, hub_reactions=args.hub_reactions,
                                hub_comments=args.hub_comments)
    seconds = time.perf_counter() - started
    for kind, path in result.files.items():
        print(f"{kind:<12} {result.rows[kind]:>12,} rows  {path}")
    print(f"generated in {seconds:.1f} s (seed {args.seed}); load it with:")
    print("  ties import " + " ".join(f"--{kind} {path}" for kind, path in result.files.items()))
    return 0


def token(args: argparse.Namespace, settings: Settings) -> int:
    if settings.jwt_secret is None:
        raise ConfigurationError(f"no secret to sign with: {SECRET_HINT} (the same one the service has).")
    print(issue_token(settings.jwt_secret, args.id, admin=args.admin, ttl_seconds=args.days * 86400,
                      claims=Claims.from_settings(settings)))
    return 0


async def _export(settings: Settings, person_id: str) -> str:
    async with _graph(settings) as graph:
        # The command holds the database's credentials: it acts as an admin.
        return accounts.as_json(await accounts.my_data(graph, Viewer(id="admin", admin=True), person_id))


def export(args: argparse.Namespace, settings: Settings) -> int:
    document = asyncio.run(_export(settings, args.id))
    if args.out is None:
        print(document)
    else:
        args.out.write_text(document + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


def _whole(least: int, most: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``least`` (to ``most``), as TIES_PORT and TIES_WORKERS
    are checked (service/settings.py)."""
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            number = least - 1
        if number < least or (most is not None and number > most):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number from {least}{f' to {most}' if most else ' up'}")
        return number
    return parse


def parser(settings: Settings) -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ties", description="Ties: relationships in Neo4j over GraphQL.")
    commands = top.add_subparsers(dest="command", required=True)

    p = commands.add_parser("serve", help="serve GraphQL (and the local Neo4j unless NEO4J_URI is set)")
    p.add_argument("--host", default=settings.host)
    p.add_argument("--port", type=_whole(1, 65_535), default=settings.port)
    p.add_argument("--workers", type=_whole(1), default=settings.workers)
    p.set_defaults(run=serve)

    p = commands.add_parser("neo4j", help="the project's own Neo4j server")
    p.add_argument("action", choices=["start", "stop", "status", "fetch"])
    p.set_defaults(run=neo4j_command)

    p = commands.add_parser("migrate", help="apply the schema in cypher/migrations (idempotent)")
    p.set_defaults(run=migrate_command)

    p = commands.add_parser(
        "import", help="load people and relationships from CSV/TSV files (optionally .gz)",
        description="Loads a network from files with a header row: CSV, or TSV when the name ends in .tsv, "
                    "either optionally gzipped (.gz). Columns other than those named below are ignored. "
                    "People named only in edges are created with name = id. Self-loops and repeated rows "
                    "are skipped and counted; connections are undirected (a,b and b,a are one pair). "
                    "Idempotent: what is already in the graph stays, so re-running completes an "
                    "interrupted import. Every file is checked before anything is written.")
    p.add_argument("--people", type=Path, metavar="F", help="columns id,name[,headline]")
    p.add_argument("--follows", type=Path, metavar="F", help="columns source,target: source follows target")
    p.add_argument("--connections", type=Path, metavar="F", help="columns source,target: an undirected pair")
    p.add_argument("--requests", type=Path, metavar="F",
                   help="pending connection requests (beyond the spec): columns "
                        "source,target[,message][,at]; pairs already connected are skipped")
    p.add_argument("--posts", type=Path, metavar="F",
                   help="posts (beyond the spec): columns id,author,text,visibility[,createdAt]; "
                        "visibility PUBLIC or CONNECTIONS")
    p.add_argument("--shares", type=Path, metavar="F",
                   help="shares of posts (beyond the spec): columns person,post[,at]; only PUBLIC posts")
    p.add_argument("--comments", type=Path, metavar="F",
                   help="comments and replies (beyond the spec): columns "
                        "id,author,post,text[,parent][,createdAt]; parent: the top-level comment of the same "
                        "post a reply answers")
    p.add_argument("--reactions", type=Path, metavar="F",
                   help="reactions (beyond the spec): columns person,post,kind[,comment][,at]; with "
                        "comment, to that comment of the post; kind LIKE, CELEBRATE, SUPPORT, LOVE, "
                        "INSIGHTFUL or FUNNY")
    p.add_argument("--batch-size", type=int, default=importer.DEFAULT_BATCH_SIZE,
                   help=f"rows per transaction (default {importer.DEFAULT_BATCH_SIZE})")
    p.add_argument("--workers", type=int, default=importer.DEFAULT_WORKERS,
                   help=f"transactions in flight; they never lock the same people (default "
                        f"{importer.DEFAULT_WORKERS})")
    p.add_argument("--quiet", action="store_true", help="no progress bars, only the summary")
    p.set_defaults(run=import_command)

    p = commands.add_parser(
        "generate", help="write a seeded synthetic professional network as files for `ties import`",
        description="Writes people, follows, connections, requests, posts and shares files into OUT: "
                    "power-law follower counts with hub accounts, connections clustered by company and "
                    "industry, pending requests, posts and shares. The same --seed and --people give the "
                    "same files. 100k people (the default) gives about 2.5M follows and 0.5M connections "
                    "(a median of 9 connections each); --connections-per-person makes a dense network.")
    p.add_argument("out", type=Path, help="folder to write into (created if missing)")
    p.add_argument("--people", type=int, default=100_000, help="how many people (default 100000)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--gzip", action="store_true", help="write .csv.gz files")
    p.add_argument("--connections-per-person", type=float, metavar="N",
                   help="a dense network: the median person has N connections, spread lognormally, with a "
                        "few people at 2,000-5,000 and extra follows in proportion (50,000 people at 120: "
                        "~4M connections, ~16M follows). Default: the sparse network (median 9)")
    p.add_argument("--interactions", action="store_true",
                   help="also write comments and reactions files: followers react to and comment on public "
                        "posts, and one post of the best-connected person is a hit (--hub-reactions, "
                        "--hub-comments); the other files stay as without it")
    p.add_argument("--interactions-only", action="store_true",
                   help="write the comments and reactions files alone (for a network imported before)")
    p.add_argument("--hub-reactions", type=int, default=generator.HUB_REACTIONS, metavar="N",
                   help=f"people who react to the hub post (default {generator.HUB_REACTIONS}; at most "
                        "everyone)")
    p.add_argument("--hub-comments", type=int, default=generator.HUB_COMMENTS, metavar="N",
                   help=f"comments on the hub post, 30%% of them replies (default {generator.HUB_COMMENTS})")
    p.set_defaults(run=generate_command)

    p = commands.add_parser("token", help="print a bearer token for a person id")
    p.add_argument("id")
    p.add_argument("--admin", action="store_true", help="add the admin role")
    p.add_argument("--days", type=int, default=30, help="days until it expires (default 30)")
    p.set_defaults(run=token)

    p = commands.add_parser("export", help="everything stored about a person as one JSON document (R19)",
                            description="Prints (or writes) what `myData` answers for the person: profile, "
                                        "settings, follows both ways, connections, requests, blocks, posts "
                                        "and shares. An admin's tool: it reads the database directly.")
    p.add_argument("id", help="the person's id")
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(run=export)
    return top


def _password_hint(settings: Settings) -> str:
    if not settings.local_neo4j:
        return "Set NEO4J_USER and NEO4J_PASSWORD to that database's credentials."
    return (f"Set NEO4J_PASSWORD to the one its data in {settings.neo4j_home / 'data'} was created with "
            f"(or write it into {settings.neo4j_home / 'neo4j-password'}), or stop the server and delete "
            "that data folder to start afresh with a new random password (the graph is lost).")


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # The server's notes ("constraint already exists" on every migrate) are not news on a terminal.
    logging.getLogger("neo4j.notifications").setLevel(logging.WARNING)
    try:
        settings = Settings.from_env()
    except ConfigurationError as exc:
        print(f"ties: {exc}", file=sys.stderr)
        return 2
    args = parser(settings).parse_args(argv)
    run: Command = args.run
    try:
        return run(args, settings)
    except ConfigurationError as exc:
        print(f"ties {args.command}: {exc}", file=sys.stderr)
        return 2
    except neo4j.exceptions.AuthError:
        print(f"ties {args.command}: Neo4j at {settings.bolt_uri} refused user {settings.neo4j_user!r} "
              f"and its password. {_password_hint(settings)}", file=sys.stderr)
        return 1
    except (TiesError, Neo4jServerError) as exc:
        print(f"ties {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
