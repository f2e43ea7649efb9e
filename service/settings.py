"""Environment -> typed settings. The only module that reads ``os.environ``.

Every variable has a development default so that ``make run`` works on a fresh machine;
production deployments set ``NEO4J_PASSWORD`` and ``TIES_JWT_SECRET`` explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: The password of the local development Neo4j when NEO4J_PASSWORD is unset (README says so).
DEV_NEO4J_PASSWORD = "ties-dev-password"
#: The JWT secret when TIES_JWT_SECRET is unset: fine on a laptop, never in production.
DEV_JWT_SECRET = "ties-dev-secret-change-me-in-production"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    jwt_secret: str
    host: str
    port: int
    #: Where the project's own Neo4j server lives (jars, config, data, logs).
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
    #: Log level of the service's JSON logs.
    log_level: str = "INFO"

    @property
    def local_neo4j(self) -> bool:
        """True when no external Neo4j is named, so the project runs its own."""
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            neo4j_uri=env.get("NEO4J_URI") or None,
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", DEV_NEO4J_PASSWORD),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            jwt_secret=env.get("TIES_JWT_SECRET", DEV_JWT_SECRET),
            host=env.get("TIES_HOST", "127.0.0.1"),
            port=int(env.get("TIES_PORT", "8000")),
            neo4j_home=Path(env.get("TIES_NEO4J_HOME", PROJECT_ROOT / ".neo4j")),
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
        )
