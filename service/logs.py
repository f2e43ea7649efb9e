"""Structured logs: one JSON object per line, each carrying the id of the request it belongs to.

A request's id comes from its ``X-Request-ID`` header when that is a sane token (so a gateway's id
follows the request through), else a fresh one; the response sends it back in the same header.
``service.observability`` sets it per request; anything logged while the request runs carries it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
#: Attributes every LogRecord has; anything else was passed with ``extra=`` and is logged as a field.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


@dataclass
class RequestInfo:
    """What the log lines and metrics of one request share; filled in as the request runs."""

    id: str
    operation: str | None = None


current_request: ContextVar[RequestInfo | None] = ContextVar("current_request", default=None)


def request_id_from(header: str | None) -> str:
    """The caller's id when it is a short token of safe characters, else a new random one."""
    if header and _SANE_ID.match(header):
        return header
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,  # which worker, with ties serve --workers N
        }
        if (request := current_request.get()) is not None:
            entry["request_id"] = request.id
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class Quiet(logging.Filter):
    """Keeps out what an operator need not read: Neo4j's notes on each query (a missing label, a
    deprecated function) and Python's deprecation warnings. ``TIES_LOG_LEVEL=DEBUG`` lets them in."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("neo4j.notifications"):
            return False
        return not (record.name == "py.warnings" and "Deprecat" in record.getMessage())


def configure(level: str = "INFO", stream: TextIO | None = None) -> None:
    """Sends every log record, uvicorn's and the driver's included, to stderr as JSON lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    if level == "DEBUG":
        logging.getLogger("neo4j.notifications").setLevel(logging.NOTSET)  # `ties` quiets it on a terminal
    else:
        handler.addFilter(Quiet())
    logging.captureWarnings(True)  # warnings become JSON lines too (and Quiet sees them)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
