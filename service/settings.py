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

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: The password that databases made by `ties neo4j start` before random passwords were created with.
#: Adopted only for such a data folder (it has a system database but no password file), so it keeps
#: working; the local server listens on 127.0.0.1 alone. README "Configuration" says how to renew it.
LEGACY_NEO4J_PASSWORD = "ties-dev-password"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    #: The HS256 secret; None when unset outside local development (then only JWKS tokens count).
    jwt_secret: str | None
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
        """Raises ConfigurationError for a setting that is missing and may not be made up."""
        env = os.environ if env is None else env
        neo4j_uri = env.get("NEO4J_URI") or None
        host = env.get("TIES_HOST", "127.0.0.1")
        home = Path(env.get("TIES_NEO4J_HOME", PROJECT_ROOT / ".neo4j"))
        secret = env.get("TIES_JWT_SECRET") or None
        made_up = secret is None and not neo4j_uri and is_loopback(host)
        return cls(
            neo4j_uri=neo4j_uri,
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=_neo4j_password(env, neo4j_uri, home),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            jwt_secret=local_secret(home / "jwt-secret") if made_up else secret,
            host=host,
            port=int(env.get("TIES_PORT", "8000")),
            neo4j_home=home,
            neo4j_bolt_port=int(env.get("TIES_NEO4J_BOLT_PORT", "7687")),
            neo4j_http_port=int(env.get("TIES_NEO4J_HTTP_PORT", "7474")),
            neo4j_heap=env.get("TIES_NEO4J_HEAP", "1g"),
            neo4j_pagecache=env.get("TIES_NEO4J_PAGECACHE", "1g"),
            weekly_request_limit=int(env.get("TIES_WEEKLY_REQUEST_LIMIT", "100")),
            max_connections=int(env.get("TIES_MAX_CONNECTIONS", "30000")),
            workers=int(env.get("TIES_WORKERS", "1")),
            query_timeout=float(env.get("TIES_QUERY_TIMEOUT", "30")),
            metrics_dir=env.get("PROMETHEUS_MULTIPROC_DIR") or None,
            log_level=env.get("TIES_LOG_LEVEL", "INFO").upper(),
            jwt_jwks_url=env.get("TIES_JWT_JWKS_URL") or None,
            jwt_issuer=env.get("TIES_JWT_ISSUER") or None,
            jwt_audience=env.get("TIES_JWT_AUDIENCE") or None,
            jwt_id_claim=env.get("TIES_JWT_ID_CLAIM") or "sub",
            jwt_admin_claim=env.get("TIES_JWT_ADMIN_CLAIM") or "role",
            jwt_admin_value=env.get("TIES_JWT_ADMIN_VALUE") or "admin",
            jwt_secret_made_up=made_up,
            index_request_work=int(env.get("TIES_INDEX_REQUEST_WORK", "30000000")),
            event_retention_days=int(env.get("TIES_EVENT_RETENTION_DAYS", "30")),
        )


def _neo4j_password(env: Mapping[str, str], neo4j_uri: str | None, home: Path) -> str:
    if (password := env.get("NEO4J_PASSWORD")) is not None:
        return password
    if neo4j_uri:
        raise ConfigurationError(f"NEO4J_URI is set ({neo4j_uri}): set NEO4J_PASSWORD (and NEO4J_USER) to "
                                 "that database's credentials.")
    # A data folder made before the password file existed was created with the old default.
    made_before = (home / "data" / "databases" / "system").exists()
    return local_secret(home / "neo4j-password", adopt=LEGACY_NEO4J_PASSWORD if made_before else None)
