"""What else the machine was doing: CPU used by every process during a run, ours and everyone else's.

The benchmark shares two cores with other people's work. Snapshotting every process's CPU time
at the start and end of a run says how much of the machine was taken by others, and by what, so
the results file can say how quiet the run really was.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass

import psutil

from bench.processes import family


def _command(pid: int) -> str:
    try:
        return " ".join(psutil.Process(pid).cmdline()).strip() or "?"
    except psutil.Error:  # gone, a zombie, or not ours to read
        return "?"


def _cpu_by_pid() -> dict[int, float]:
    """User + system CPU seconds of every process now running."""
    found = {}
    for process in psutil.process_iter(["cpu_times"]):
        if (used := process.info["cpu_times"]) is not None:  # None: not ours to read
            found[process.pid] = used.user + used.system
    return found


def describe_command(command: str) -> str:
    """A short, recognisable name: 'java (Neo4j, home /x/y)', 'pytest', 'node server.mjs'."""
    words = command.split()
    if not words:
        return "?"
    program = os.path.basename(words[0])
    if program == "java":
        home = next((w.split("=", 1)[1] for w in words if w.startswith("--home-dir=")), None)
        return f"java (Neo4j {home})" if home else "java"
    if program.startswith("python") and len(words) > 1:
        rest = [w for w in words[1:] if not w.startswith("-")]
        return f"python {os.path.basename(rest[0]) if rest else ''}".strip()
    return " ".join([program, *words[1:2]])[:80]


@dataclass
class Snapshot:
    at: float
    cpu: dict[int, float]
    load: tuple[float, float, float]

    @classmethod
    def take(cls) -> Snapshot:
        return cls(time.monotonic(), _cpu_by_pid(), os.getloadavg())


@dataclass(frozen=True)
class Usage:
    seconds: float
    #: CPU seconds used by processes outside the benchmark, by short command name, largest first.
    others: list[tuple[str, float]]
    ours: float
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]

    @property
    def others_total(self) -> float:
        return sum(cpu for _, cpu in self.others)

    def others_share(self, cores: int) -> float:
        """Fraction of the machine's CPU capacity others used during the run."""
        return self.others_total / (self.seconds * cores) if self.seconds else 0.0


def usage_between(start: Snapshot, end: Snapshot, our_roots: list[int]) -> Usage:
    ours = {*our_roots, *(process.pid for root in our_roots for process in family(root))}
    by_name: dict[str, float] = {}
    our_cpu = 0.0
    for pid, cpu in end.cpu.items():
        used = cpu - start.cpu.get(pid, 0.0)
        if used <= 0:
            continue
        if pid in ours:
            our_cpu += used
        else:
            name = describe_command(_command(pid))
            by_name[name] = by_name.get(name, 0.0) + used
    others = sorted(by_name.items(), key=lambda item: -item[1])
    return Usage(end.at - start.at, others, our_cpu, start.load, end.load)


def description() -> dict[str, str]:
    """The machine and the software under test, for the results file's header."""
    def run(*command: str) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return "?"
        return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"

    return {
        "cores": str(os.cpu_count()),
        "memory": f"{psutil.virtual_memory().total / 2**30:.0f} GiB",
        "python": platform.python_version(),
        "node": run("node", "--version"),
        "java": run("java", "-version"),
        "commit": run("git", "describe", "--always", "--dirty", "--abbrev=10"),
    }
