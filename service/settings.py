"""Environment -> typed settings. The only module that reads ``os.environ``, or the secrets kept
beside the local Neo4j's data.

Every variable has a development default so that ``make run`` works on a fresh machine, except the
two secrets: no secret that is in this repository ever signs a token or guards a database.

- ``NEO4J_PASSWORD`` unset: the local Neo4j's password is a random one, made on first use and kept
  in ``<neo4j_home>/neo4j-password`` (mode 0600). With ``NEO4J_URI`` set it must be given.
- ``TIES_JWT_SECRET`` unset, on a laptop (no ``NEO4J_URI``, loopback ``TIES_HOST``): a random
  secret kept in ``<neo4j_home>/jwt-secret``, so ``ties token`` and ``ties serve`` agree. Anywhere
  else it stays unset, and the service refuses to start unless ``TIES_JWT_JWKS_URL`` is set
  (``service.identity.Authenticator.from_settings``).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from starlette.config import Config

#: The password that databases made by `ties neo4j start` before random passwords were created with.
#: Adopted only for such a data folder (it has a system database but no password file), so it keeps
#: working; the local server listens on 127.0.0.1 alone. README "Configuration" says how to renew it.
LEGACY_NEO4J_PASSWORD = "ties-dev-password"

PROJECT_ROOT = Path(__file__).resolve().parent.parent

T = TypeVar("T", int, float, str)

#: The log levels TIES_LOG_LEVEL may name.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigurationError(Exception):
    """The environment asks for something unsafe or impossible; the message says what to set."""


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def local_secret(path: Path, *, adopt: str | None = None) -> str:
    """The secret kept in ``path``; made (random, or ``adopt``) and stored with mode 0600 when missing.

    Written to a temporary file first and linked into place, so two processes starting at once
    agree on one secret and neither reads a half-written file.
    """
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write((adopt or secrets.token_urlsafe(32)) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another process made it first: theirs counts
    finally:
        draft.unlink()
    return path.read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class Settings:
    """What the environment says, each value checked: a value out of its range fails at start-up
    naming its variable, as one that does not parse does. The two secrets stay out of the repr (and
    so out of any log or traceback that shows the settings)."""

    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str = field(repr=False)
    neo4j_database: str
    #: The HS256 secret; None when unset outside local development (then only JWKS tokens count).
    jwt_secret: str | None = field(repr=False)
    host: str
    port: int
    #: Where the project's own Neo4j server lives (jars, config, data, logs, local secrets).
    neo4j_home: Path
    neo4j_bolt_port: int
    neo4j_http_port: int
    neo4j_heap: str
    neo4j_pagecache: str
    #: R3: connection requests one person may send per rolling 7 days.
    weekly_request_limit: int
    #: R3: the most connections anyone may have.
    max_connections: int
    #: Uvicorn worker processes for `ties serve`.
    workers: int
    #: Seconds one database call of the service may take (retries included) before UNAVAILABLE.
    query_timeout: float = 30.0
    #: Where worker processes share their Prometheus numbers (prometheus-client reads it too).
    metrics_dir: str | None = None
    #: Log level of the service's JSON logs (DEBUG also lets Neo4j's notifications through).
    log_level: str = "INFO"
    #: An OpenID Connect provider's JWKS URL: RS256/ES256 tokens are verified with its keys.
    jwt_jwks_url: str | None = None
    #: When set, a token's ``iss`` / ``aud`` must match.
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    #: The claim holding the person's id, and the claim and value that mark an admin.
    jwt_id_claim: str = "sub"
    jwt_admin_claim: str = "role"
    jwt_admin_value: str = "admin"
    #: True when ``jwt_secret`` was made up for local development (it must not serve beyond it).
    jwt_secret_made_up: bool = False
    #: Neighbour entries one request may read on the connection index (service/network/search.py).
    index_request_work: int = 30_000_000
    #: Days the event log keeps an event (and so a notification) before pruning deletes it.
    event_retention_days: int = 30
    #: Where the workers of this machine share the connection index (service/network/snapshot.py);
    #: None in settings made without ``from_env``: each worker keeps its own copy.
    index_dir: Path | None = None
    #: R37's limits per person (service/quotas.py): reactions per hour; comments, replies and
    #: messages together per 3 hours; conversations started with non-connections per 7 days;
    #: endorsements per day; recommendation requests per 7 days.
    reaction_limit: int = 1_000
    writing_limit: int = 300
    new_conversation_limit: int = 20
    endorsement_limit: int = 200
    recommendation_request_limit: int = 20
    #: A trusted-documents manifest (sha256 -> document): when set, only its documents run.
    trusted_documents: Path | None = None

    @property
    def local_neo4j(self) -> bool:
        """True when no external Neo4j is named, so the project runs its own."""
        return not self.neo4j_uri

    @property
    def local_development(self) -> bool:
        """The project's own Neo4j, served to this machine alone: a made-up secret is safe here."""
        return self.local_neo4j and is_loopback(self.host)

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Raises ConfigurationError for a setting that is missing and may not be made up, or a value
        that does not parse (naming the variable)."""
        read = _Environment(os.environ if env is None else env)
        neo4j_uri = read.optional("NEO4J_URI")
        host = read.text("TIES_HOST", "127.0.0.1")
        home = Path(read.text("TIES_NEO4J_HOME", str(PROJECT_ROOT / ".neo4j")))
        secret = read.optional("TIES_JWT_SECRET")
        made_up = secret is None and not neo4j_uri and is_loopback(host)
        return cls(
            neo4j_uri=neo4j_uri,
            neo4j_user=read.text("NEO4J_USER", "neo4j"),
            neo4j_database=read.text("NEO4J_DATABASE", "neo4j"),
            host=host,
            port=read.port("TIES_PORT", 8000),
            neo4j_home=home,
            neo4j_bolt_port=read.port("TIES_NEO4J_BOLT_PORT", 7687),
            neo4j_http_port=read.port("TIES_NEO4J_HTTP_PORT", 7474),
            neo4j_heap=read.text("TIES_NEO4J_HEAP", "1g"),
            neo4j_pagecache=read.text("TIES_NEO4J_PAGECACHE", "1g"),
            weekly_request_limit=read.positive("TIES_WEEKLY_REQUEST_LIMIT", 100, "connection requests"),
            max_connections=read.positive("TIES_MAX_CONNECTIONS", 30_000, "connections"),
            workers=read.positive("TIES_WORKERS", 1, "worker processes"),
            query_timeout=read.seconds("TIES_QUERY_TIMEOUT", 30.0),
            metrics_dir=read.optional("PROMETHEUS_MULTIPROC_DIR"),
            log_level=read.choice("TIES_LOG_LEVEL", "INFO", LOG_LEVELS),
            jwt_jwks_url=read.optional("TIES_JWT_JWKS_URL"),
            jwt_issuer=read.optional("TIES_JWT_ISSUER"),
            jwt_audience=read.optional("TIES_JWT_AUDIENCE"),
            jwt_id_claim=read.optional("TIES_JWT_ID_CLAIM") or "sub",
            jwt_admin_claim=read.optional("TIES_JWT_ADMIN_CLAIM") or "role",
            jwt_admin_value=read.optional("TIES_JWT_ADMIN_VALUE") or "admin",
            index_request_work=read.positive("TIES_INDEX_REQUEST_WORK", 30_000_000, "neighbour entries"),
            event_retention_days=read.positive("TIES_EVENT_RETENTION_DAYS", 30, "days"),
            index_dir=_index_dir(read.optional("TIES_INDEX_DIR")),
            reaction_limit=read.positive("TIES_REACTION_LIMIT", 1_000, "reactions per hour"),
            writing_limit=read.positive("TIES_WRITING_LIMIT", 300,
                                        "comments, replies and messages per 3 hours"),
            new_conversation_limit=read.positive("TIES_NEW_CONVERSATION_LIMIT", 20,
                                                 "conversations per 7 days"),
            endorsement_limit=read.positive("TIES_ENDORSEMENT_LIMIT", 200, "endorsements per day"),
            recommendation_request_limit=read.positive("TIES_RECOMMENDATION_REQUEST_LIMIT", 20,
                                                       "recommendation requests per 7 days"),
            trusted_documents=_path(read.optional("TIES_TRUSTED_DOCUMENTS")),
            jwt_secret_made_up=made_up,
            # Made last (arguments are evaluated in order): a bad value above fails before any is.
            neo4j_password=_neo4j_password(read.optional_raw("NEO4J_PASSWORD"), neo4j_uri, home),
            jwt_secret=local_secret(home / "jwt-secret") if made_up else secret,
        )


class _Environment:
    """The environment, read through starlette's ``Config``: a value that does not parse, or lies
    outside what makes sense, fails as a ConfigurationError that names the variable, its value and
    what it should be."""

    def __init__(self, env: Mapping[str, str]) -> None:
        # The mapping itself, not starlette's ``environ`` wrapper: that one raises when a variable is
        # set after it was read, and tests set variables between one reading and the next.
        self._config = Config(environ=env)

    def text(self, key: str, default: str) -> str:
        return self._config(key, default=default)

    def optional(self, key: str) -> str | None:
        """The value; None when unset or empty."""
        return self._config(key, default=None) or None

    def optional_raw(self, key: str) -> str | None:
        """The value as set (an empty one included); None when unset."""
        return self._config(key, default=None)

    def port(self, key: str, default: int) -> int:
        return self._parsed(key, int, default, "a TCP port number, 1-65535", lambda n: 1 <= n <= 65_535)

    def positive(self, key: str, default: int, unit: str) -> int:
        """A whole number of ``unit`` (a count, a limit), at least 1."""
        return self._parsed(key, int, default, f"a whole number of {unit}, at least 1", lambda n: n >= 1)

    def seconds(self, key: str, default: float) -> float:
        # NaN compares false with everything, so it fails here too (as does infinity).
        return self._parsed(key, float, default, "a number of seconds above 0",
                            lambda n: 0 < n < float("inf"))

    def choice(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        """One of ``choices``, in any case (given back in theirs)."""
        return self._parsed(key, str.upper, default, f"one of {', '.join(choices)}", choices.__contains__)

    def _parsed(self, key: str, cast: Callable[[str], T], default: T, expects: str,
                valid: Callable[[T], bool]) -> T:
        try:
            value: T = self._config(key, cast=cast, default=default)
        except ValueError:  # starlette's names the variable, not what it should be
            sensible = False
        else:
            sensible = valid(value)
        if not sensible:
            raise ConfigurationError(
                f"{key} must be {expects} (default {default}); it is {self._config(key)!r}.") from None
        return value


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _index_dir(given: str | None) -> Path:
    """TIES_INDEX_DIR, or this user's directory under the system's temporary one; made (0700) when
    missing. One that cannot be made is still given: the service then runs without snapshots and
    says so. One owned by someone else is refused: a snapshot there could say anything."""
    path = Path(given) if given else Path(tempfile.gettempdir()) / f"ties-index-{os.getuid()}"
    with contextlib.suppress(OSError):
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        owner = path.stat().st_uid
    except OSError:
        return path
    if owner != os.getuid():
        raise ConfigurationError(
            f"TIES_INDEX_DIR ({path}) belongs to another user (uid {owner}), not to this one "
            f"(uid {os.getuid()}): set TIES_INDEX_DIR to a directory of this user's.")
    return path


def _neo4j_password(given: str | None, neo4j_uri: str | None, home: Path) -> str:
    if given is not None:
        return given
    if neo4j_uri:
        raise ConfigurationError(f"NEO4J_URI is set ({neo4j_uri}): set NEO4J_PASSWORD (and NEO4J_USER) to "
                                 "that database's credentials.")
    # A data folder made before the password file existed was created with the old default.
    made_before = (home / "data" / "databases" / "system").exists()
    return local_secret(home / "neo4j-password", adopt=LEGACY_NEO4J_PASSWORD if made_before else None)
