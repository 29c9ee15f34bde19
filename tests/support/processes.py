"""Ending the processes tests and benchmarks start: a process with its children at once."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess


def children_of(process: subprocess.Popen) -> list[int]:
    """The ids of a process's children (a Celery worker's pool, gunicorn's workers)."""
    out = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True,
                         text=True).stdout
    return [int(pid) for pid in out.split()]


def kill_with_children(process: subprocess.Popen | None) -> None:
    """SIGKILL a process and its children at once, when nothing of them is needed any more."""
    if process is None or process.poll() is not None:
        return
    for pid in [process.pid, *children_of(process)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait()
