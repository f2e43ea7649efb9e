"""What Linux's /proc says about a process: whether it still runs, what it runs, whether it is stopping.

A pid file outlives its server (a crash, SIGKILL, a reboot), and the kernel hands its number to
the next process that asks, so a pid is trusted only when the process is alive, not a zombie
(dead, waiting for its parent to reap it), and runs what we expect. Children this process started
are polled through their ``Popen``, which also reaps them.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

PROC = Path("/proc")

#: Names the JVM gives the thread that runs its shutdown hooks after SIGTERM, SIGINT or SIGHUP
#: (a Linux thread name holds 15 characters). While one exists, the JVM is on its way out.
SHUTDOWN_THREADS = frozenset({"SIGTERM handler", "SIGINT handler", "SIGHUP handler"})


def state(pid: int) -> str | None:
    """The process's one-letter state from /proc/PID/stat ('R', 'S', 'Z' ...), or None if it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name (field 2) may hold spaces; the state follows its closing ')'.
    return text[text.rindex(")") + 2:].split(maxsplit=1)[0]


def alive(pid: int, child: subprocess.Popen[bytes] | None = None) -> bool:
    """True while ``pid`` runs. A zombie counts as gone; a child of ours is reaped when it has exited."""
    if child is not None and child.poll() is not None:
        return False
    return state(pid) not in (None, "Z", "X")


def command_line(pid: int) -> list[str]:
    """The process's arguments (empty when it is gone or hides them)."""
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return []
    return [arg.decode(errors="replace") for arg in raw.split(b"\0") if arg]


def thread_names(pid: int) -> set[str]:
    names: set[str] = set()
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return names
    for task in tasks:
        try:
            names.add((task / "comm").read_text().strip())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return names


def jvm_shutting_down(pid: int) -> bool:
    """True when the JVM ``pid`` has been told to stop and is running its shutdown hooks."""
    return not SHUTDOWN_THREADS.isdisjoint(thread_names(pid))


def signal_quietly(pid: int, signum: int) -> None:
    """Sends ``signum``; a process that has meanwhile gone is not an error."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)


def read_pid(path: Path) -> int | None:
    """The number in a pid file, or None when there is none."""
    try:
        return int(path.read_text())
    except (FileNotFoundError, ValueError):
        return None


def remove_pid_file(path: Path, pid: int) -> None:
    """Removes a pid file only while it still names ``pid`` (a new server may have written its own)."""
    if read_pid(path) == pid:
        path.unlink(missing_ok=True)
