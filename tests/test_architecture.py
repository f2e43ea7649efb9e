"""ARCHITECTURE.md names only what exists: every module, Cypher file, test file and directory it
names, and every function or class it names as a module's (``events.record``, ``privacy.py
(`hidden_from`)``), is there. A file moved or renamed without the map fails here, naming the line.
And the modules of the request path stay small: at most ``MAX_LINES`` lines each.

Pure: reads the map and the modules, and imports the modules it names; no database.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "ARCHITECTURE.md"
#: Where a bare file name in the map (``privacy.py``, ``network/search.py``) may live.
SEARCHED = [ROOT / "service", ROOT / "service" / "api", ROOT / "service" / "tools", ROOT / "tests", ROOT]
TOP_LEVEL = ("service/", "tests/", "cypher/", "bench/", "browser/", "locks/")

_CODE = re.compile(r"`([^`]+)`")
_PATH = re.compile(r"[\w./*-]+\.(?:py|cypher|graphql|md)|(?:service|tests|cypher|bench)/[\w./*-]*")
_DOTTED = re.compile(r"([a-z_]+)\.(?!py$|cypher$)([A-Za-z_]\w*)(?:\(.*\))?")
_MODULE_CELL = re.compile(r"([\w/]+\.py)\s*(?:\(([^)]*)\))?")


def lines() -> list[tuple[int, str]]:
    return list(enumerate(MAP.read_text(encoding="utf-8").splitlines(), start=1))


def table_rows() -> list[tuple[int, list[str]]]:
    """The rows of "Where each rule lives": (line, [rule, modules, cypher, tests])."""
    rows = []
    for number, line in lines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4 and not set(cells[0]) <= {"-"} and cells[0] != "rule":
            rows.append((number, cells))
    return rows


def resolve(name: str) -> list[Path]:
    """The files or directories ``name`` (as the map writes it, globs allowed) stands for."""
    bases = [ROOT] if name.startswith(TOP_LEVEL) else SEARCHED
    return [found for base in bases for found in sorted(base.glob(name.rstrip("/")))]


def module_of(path: Path) -> ModuleType:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return importlib.import_module(".".join(parts))


def has(module: ModuleType, name: str) -> bool:
    """``module`` defines ``name`` (dotted: ``Relationship.can_message``), or one of its classes
    does (``network.current()`` names ``Network.current``)."""
    first, _, rest = name.partition(".")
    if hasattr(module, first):
        return not rest or hasattr(getattr(module, first), rest)
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__]
    return not rest and any(hasattr(c, first) for c in classes)


def service_module(name: str) -> ModuleType | None:
    path = ROOT / "service" / f"{name}.py"
    package = ROOT / "service" / name / "__init__.py"
    return module_of(path) if path.exists() else module_of(package) if package.exists() else None


PATHS = sorted({(number, code.strip()) for number, line in lines() for code in _CODE.findall(line)
                if "<" not in code and _PATH.fullmatch(code.strip())})


@pytest.mark.parametrize(("line", "name"), PATHS, ids=[f"{n}:{p}" for n, p in PATHS])
def test_every_path_the_map_names_exists(line: int, name: str) -> None:
    assert resolve(name), f"ARCHITECTURE.md line {line} names {name}, which does not exist"


def test_the_map_has_a_table_of_rules() -> None:
    rows = table_rows()
    assert len(rows) >= 15 and all(cells[1] for _, cells in rows)


@pytest.mark.parametrize(("line", "cells"), table_rows(), ids=[c[0] for _, c in table_rows()])
def test_every_module_cypher_file_and_test_file_of_a_rule_exists(line: int, cells: list[str]) -> None:
    _, modules, queries, tests = cells
    missing = []
    for file, names in _MODULE_CELL.findall(modules):
        found = resolve(file)
        if not found:
            missing.append(file)
            continue
        module = module_of(found[0])
        missing += [f"{file}: {n}" for n in _CODE.findall(names) if not has(module, n)]
    for query in re.findall(r"[\w*]+", re.sub(r"\bfor Browser\b", "", queries)):
        if not list((ROOT / "cypher").glob(f"{query}.cypher")):
            missing.append(f"cypher/{query}.cypher")
    for test in re.findall(r"\w+", tests):
        if not (ROOT / "tests" / f"{test}.py").exists():
            missing.append(f"tests/{test}.py")
    assert not missing, f"ARCHITECTURE.md line {line} ({cells[0]}) names what does not exist: {missing}"


DOTTED = sorted({(number, code) for number, line in lines() for code in _CODE.findall(line)
                 if "<" not in code and (found := _DOTTED.fullmatch(code))
                 and service_module(found.group(1))})


@pytest.mark.parametrize(("line", "name"), DOTTED, ids=[f"{n}:{c}" for n, c in DOTTED])
def test_every_function_the_map_names_in_a_module_is_there(line: int, name: str) -> None:
    found = _DOTTED.fullmatch(name)
    assert found is not None
    module = service_module(found.group(1))
    assert module is not None and has(module, found.group(2)), (
        f"ARCHITECTURE.md line {line} names {name}, but service/{found.group(1)} has no {found.group(2)}")


#: The house's small modules: every module the app runs (all of service/ but the tools wing,
#: service/tools/, the offline work the app never imports) is at most this many lines.
MAX_LINES = 300


def request_path_modules() -> list[Path]:
    service = ROOT / "service"
    return sorted(path for path in service.rglob("*.py") if service / "tools" not in path.parents)


def test_every_module_of_the_request_path_is_at_most_300_lines() -> None:
    over = {}
    for path in request_path_modules():
        name = path.relative_to(ROOT).as_posix()
        length = len(path.read_text(encoding="utf-8").splitlines())
        if length > MAX_LINES:
            over[name] = length
    assert not over, (f"over {MAX_LINES} lines: {over}; split each along a seam, with a name that says "
                      "what it holds, and name the new module in ARCHITECTURE.md")
