"""Interrupted builds: Ctrl-C or SIGKILL midway leaves the previous outputs intact, and a rerun resumes.

A complete build of a small corpus fills ``out/``; a build of a bigger corpus into the same folder is then
interrupted with SIGINT, started again and killed with SIGKILL, each time once the extraction cache has
new entries. After each interruption the previous outputs must be exactly as they were (and parse), with
no temporary files left; a final rerun must take the documents extracted so far from the cache and produce
the same graph as an uninterrupted build into another folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

pytestmark = [pytest.mark.slow, pytest.mark.model]

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", "PYTHONUNBUFFERED": "1"}
COPIES = 2  # the big corpus: corpus/ replicated, so the build takes a few seconds
TIMEOUT = 600


def _command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "actorgraph", "build", str(folder), "-o", str(out), "--no-progress"]


def _build(folder: Path, out: Path) -> str:
    done = subprocess.run(_command(folder, out), capture_output=True, text=True, env=ENV, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _cache_entries(out: Path) -> int:
    return len(list(out.glob(".cache/*/*.jsonl")))


def _interrupt(folder: Path, out: Path, sig: signal.Signals, after: int) -> subprocess.CompletedProcess[str]:
    """Start a build and send ``sig`` once the cache holds ``after`` entries."""
    process = subprocess.Popen(
        _command(folder, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )
    deadline = time.monotonic() + TIMEOUT
    while _cache_entries(out) < after:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            stdout, stderr = process.communicate()
            pytest.fail(f"build ended before it could be interrupted: {stdout}\n{stderr[-2000:]}")
        time.sleep(0.02)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _snapshot(out: Path) -> dict[str, bytes]:
    files = [out / "graph.ttl", out / "assertions.jsonl", out / "graph.html"]
    files += sorted(p for p in (out / "store").rglob("*") if p.is_file())
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def _check_intact(out: Path, before: dict[str, bytes]) -> None:
    assert _snapshot(out) == before, "previous outputs changed"
    Graph().parse(out / "graph.ttl", format="turtle")
    for line in (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    leftovers = [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".old"))]
    assert leftovers == [], leftovers


def _documents_from_cache(summary: str) -> int:
    first = summary.splitlines()[0]  # "documents   44 (30 extracted, 14 from cache)"
    return int(first.split(",")[1].split()[0])


def test_interrupted_builds_keep_outputs_and_resume_to_the_same_graph(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    for source in sorted(CORPUS.iterdir())[:3]:
        shutil.copy(source, small / f"small-{source.name}")
    big = tmp_path / "big"
    for copy in range(COPIES):
        shutil.copytree(CORPUS, big / f"copy{copy}")
    out = tmp_path / "out"

    _build(small, out)
    before = _snapshot(out)
    previous = _cache_entries(out)

    # Ctrl-C: a clean abort, exit 1, no traceback
    stopped = _interrupt(big, out, signal.SIGINT, after=previous + 1)
    assert stopped.returncode == 1, stopped.stderr[-2000:]
    assert "Traceback" not in stopped.stderr
    _check_intact(out, before)

    # SIGKILL: no chance to clean up
    killed = _interrupt(big, out, signal.SIGKILL, after=_cache_entries(out) + 1)
    assert killed.returncode == -signal.SIGKILL
    _check_intact(out, before)
    extracted_so_far = _cache_entries(out) - previous

    summary = _build(big, out)
    assert _documents_from_cache(summary) >= extracted_so_far > 0, summary
    assert not list(out.rglob("*.tmp")), "temporary files left after a complete build"

    reference = tmp_path / "reference"
    _build(big, reference)
    resumed = Graph().parse(out / "graph.ttl", format="turtle")
    uninterrupted = Graph().parse(reference / "graph.ttl", format="turtle")
    assert len(resumed) == len(uninterrupted)
    assert isomorphic(resumed, uninterrupted)
    assert (out / "assertions.jsonl").read_bytes() == (reference / "assertions.jsonl").read_bytes()
