"""Installs are pinned: each lock names exact versions with hashes, and matches pyproject.toml."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from service.settings import PROJECT_ROOT

LOCKS = PROJECT_ROOT / "locks"
PIN = re.compile(r"^([a-z0-9][a-z0-9._-]*)==([^ ;\\]+)", re.IGNORECASE | re.MULTILINE)


def pins(name: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for package, version in PIN.findall((LOCKS / name).read_text()):
        found.setdefault(package.lower(), set()).add(version)
    return found


@pytest.mark.parametrize("name", ["dev.txt", "service.txt"])
def test_the_lock_was_made_from_the_current_dependencies(name: str) -> None:
    digest = subprocess.run([sys.executable, str(LOCKS / "digest.py")], capture_output=True, text=True,
                            check=True).stdout.strip()
    recorded = re.findall(r"^# inputs: (\S+)$", (LOCKS / name).read_text(), re.MULTILINE)
    assert recorded == [digest], "pyproject.toml's dependencies changed: run `make lock`"


@pytest.mark.parametrize("name", ["dev.txt", "service.txt"])
def test_every_requirement_is_pinned_with_hashes(name: str) -> None:
    text = (LOCKS / name).read_text()
    requirements = [block for block in re.split(r"\n(?=[a-z0-9])", text, flags=re.IGNORECASE)
                    if block[:1].isalnum()]
    assert requirements
    for block in requirements:
        assert PIN.match(block), f"not pinned: {block.splitlines()[0]}"
        assert "--hash=sha256:" in block, f"no hash: {block.splitlines()[0]}"


def test_the_dev_lock_holds_the_bench_and_crypto_extras_and_agrees_with_the_service_lock() -> None:
    dev, service = pins("dev.txt"), pins("service.txt")
    assert {"aiohttp", "py-spy", "pyinstrument", "pytest", "cryptography", "setuptools"} <= dev.keys()
    assert "pytest" not in service and "cryptography" in service
    assert {p: v for p, v in service.items() if dev.get(p) != v} == {}, "one version of each, both locks"
