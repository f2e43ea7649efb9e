"""Prometheus metrics: what is counted and timed, in one place. Served at ``/metrics``.

    ties_http_requests_total{method, route, status}          every HTTP request
    ties_http_request_duration_seconds{route}                 its latency
    ties_graphql_operation_duration_seconds{operation, type}  each GraphQL operation, by name
    ties_graphql_errors_total{code}                           GraphQL errors by extensions.code
    ties_neo4j_query_duration_seconds{query}                  each database call, by cypher/ file name

Label values are bounded so a client cannot grow memory without end: routes are the app's own
(anything else is ``other``), operation names are kept for the first ``MAX_OPERATION_NAMES``
distinct ones (then ``other``), query names are our file names. With several worker processes
(``ties serve --workers N``), ``PROMETHEUS_MULTIPROC_DIR`` makes every worker's numbers add up in
one scrape; ``ties serve`` sets it when N > 1.

Recording costs about a microsecond per observation, so it is always on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypeVar

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess as _multiprocess

#: Latency buckets in seconds: fine below 100 ms, where the service should spend its time.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
MAX_OPERATION_NAMES = 200
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")

HTTP_REQUESTS = Counter("ties_http_requests", "HTTP requests served.", ["method", "route", "status"])
HTTP_SECONDS = Histogram("ties_http_request_duration_seconds", "HTTP request latency.", ["route"],
                         buckets=BUCKETS)
OPERATION_SECONDS = Histogram("ties_graphql_operation_duration_seconds",
                              "GraphQL operation latency, by operation name (anonymous when unnamed).",
                              ["operation", "type"], buckets=BUCKETS)
GRAPHQL_ERRORS = Counter("ties_graphql_errors", "GraphQL errors returned, by extensions.code.", ["code"])
NEO4J_SECONDS = Histogram("ties_neo4j_query_duration_seconds",
                          "Time in one database call (retries included), by cypher/ file name.",
                          ["query"], buckets=BUCKETS)

_operation_names: set[str] = set()
M = TypeVar("M", Counter, Histogram)


@lru_cache(maxsize=4096)
def labelled(metric: M, *values: str) -> M:
    """``metric.labels(*values)``, looked up once: half the cost of an observation is that lookup."""
    return metric.labels(*values)


def operation_label(name: str | None) -> str:
    """A bounded label for a client-chosen operation name."""
    if name is None:
        return "anonymous"
    if name in _operation_names:
        return name
    if not _NAME.match(name) or len(_operation_names) >= MAX_OPERATION_NAMES:
        return "other"
    _operation_names.add(name)
    return name


def exposition(multiprocess_dir: str | None = None) -> tuple[bytes, str]:
    """The text a Prometheus scrape gets, and its content type (every worker's, given their dir)."""
    if multiprocess_dir:
        registry = CollectorRegistry()
        _multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
