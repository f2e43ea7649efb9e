"""Prints a digest of what the locks are generated from: pyproject.toml's dependency lists and
locks/build.in. `make lock` writes it into each lock; `make install` and tests/test_locks.py compare."""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def digest() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    inputs = {"requires-python": project.get("requires-python"),
              "dependencies": project.get("dependencies", []),
              "optional-dependencies": project.get("optional-dependencies", {}),
              "build.in": (ROOT / "locks" / "build.in").read_text()}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


if __name__ == "__main__":
    sys.stdout.write(digest() + "\n")
