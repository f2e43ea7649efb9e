"""GraphiQL works offline: the service serves its assets, and a real browser runs a query with it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from service.api.view import STATIC_DIR
from tests.conftest import ServiceThread

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).parent / "js" / "graphiql_in_browser.mjs"
VENDORED = {
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
}


def test_the_page_loads_nothing_from_outside(service: ServiceThread) -> None:
    page = httpx.get(f"{service.url}/graphql", headers={"Accept": "text/html"}).text
    assert "http://" not in page and "https://" not in page
    for name in VENDORED:
        asset = httpx.get(f"{service.url}/static/graphiql/{name}")
        assert asset.status_code == 200 and len(asset.content) > 1000


def test_vendored_assets_match_the_locked_npm_packages() -> None:
    """``make graphiql`` was run after the last version change in package.json."""
    modules = ROOT / "node_modules"
    if not modules.exists():
        pytest.fail("node_modules is missing; `make install` runs npm ci")
    for name, source in VENDORED.items():
        assert (STATIC_DIR / "graphiql" / name).read_bytes() == (modules / source).read_bytes(), name


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(chromium() is None, reason="chromium is not installed (.ci/run installs it)")
def test_graphiql_runs_a_query_in_headless_chromium(service: ServiceThread, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node is not None and chromium() is not None
    done = subprocess.run([node, str(SCRIPT), str(chromium()), f"{service.url}/graphql", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, cwd=SCRIPT.parent)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["offsite"] == []
    assert seen["result"] == {"data": {"__typename": "Query", "person": None}}
