"""Run a child process with a deadline and read its own peak memory (shared by the resource tests)."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Mapping, Sequence
from typing import IO


def run_measured(
    command: Sequence[str],
    *,
    timeout: float,
    stdout: IO[bytes] | int | None = subprocess.DEVNULL,
    stderr: IO[bytes] | int | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[int, float]:
    """Run ``command``, killing it after ``timeout`` seconds: (exit code, its ``ru_maxrss`` in MB).

    The child is reaped with ``wait4``, so the usage is its own, not the peak over every child reaped so far
    (what ``RUSAGE_CHILDREN`` would give). Linux counts in it the copy of this process the child was forked
    from, too: a memory bound on the child should read the child's own ``VmHWM`` (``/proc/self/status``).
    """
    child = subprocess.Popen(list(command), stdout=stdout, stderr=stderr, env=dict(env) if env else None)
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss / 1024  # Linux reports kilobytes
