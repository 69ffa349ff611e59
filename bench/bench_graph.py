"""Graph and query benchmarks on the synthetic graph: loading, the query library, the CLI, networkx views.

rdflib's SPARQL engine is pure Python, so a query that runs too long is interrupted by the store's own time
limit (``Store.timeout``) and reported as a lower bound. Oxigraph runs in Rust and cannot be interrupted from
Python, so each Oxigraph query runs in its own child process (on the persistent store, which opens instantly)
under a process timeout.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import REPO, child_env, peak_rss_mb

#: Parameters for the library queries that need them, on the synthetic graph (real gazetteer states).
QUERY_PARAMS: dict[str, dict[str, str]] = {
    "allies_of": {"actor": "actor:turkey"},
    "rivals_of": {"actor": "actor:turkey"},
    "evidence_for": {"subject": "actor:turkey", "relation": "supports", "object": "actor:azerbaijan"},
    "relations_between": {"a": "actor:turkey", "b": "actor:azerbaijan"},
    "timeline": {"a": "actor:turkey", "b": "actor:azerbaijan"},
}


def library() -> dict[str, dict[str, Any]]:
    """The query library with a kind per query: ``selective`` (has required parameters) or ``aggregate``."""
    from actorgraph.queries import load_library

    out: dict[str, dict[str, Any]] = {}
    for name, query in load_library().items():
        required = [p.name for p in query.params if p.required]
        params = dict(QUERY_PARAMS.get(name, {}))
        for p in required:  # an unknown required parameter: bind an actor so the query still runs
            params.setdefault(p, "actor:turkey")
        out[name] = {"kind": "selective" if required else "aggregate", "params": params}
    return out


def load_rdflib(
    graph: str, queries: dict[str, dict[str, Any]] | None = None, timeouts: dict[str, float] | None = None
) -> dict[str, Any]:
    """Parse ``graph`` into rdflib's in-memory store (``open_store(kind="memory")``); optionally run queries.

    The peak RSS is read right after the parse, before any query. Each query runs once under its timeout
    (``timeouts[name]`` seconds); a query that times out is reported with ``timed_out`` and its limit.
    """
    from actorgraph.errors import QueryTimeoutError
    from actorgraph.queries import run_query
    from actorgraph.store import open_store

    before = peak_rss_mb()
    start = time.perf_counter()
    store = open_store(graph, kind="memory")
    load_s = time.perf_counter() - start
    gc.collect()
    rss = peak_rss_mb()
    results: dict[str, Any] = {}
    for name, spec in (queries or {}).items():
        limit = (timeouts or {}).get(name, 60.0)
        start = time.perf_counter()
        store.timeout = limit  # the store's own limit interrupts rdflib's (pure Python) engine
        try:
            rows = len(run_query(store, name, **spec["params"]).rows)
            results[name] = {"seconds": time.perf_counter() - start, "rows": rows, "timed_out": False}
        except QueryTimeoutError:
            results[name] = {"seconds": limit, "rows": None, "timed_out": True}
        except Exception as exc:  # a failing query is reported, not fatal
            results[name] = {"seconds": None, "rows": None, "timed_out": False, "error": f"{exc}"[:300]}
    return {"load_s": load_s, "rss_after_load_mb": rss, "rss_before_mb": before, "queries": results}


def load_oxigraph(graph: str, store_dir: str | None = None) -> dict[str, Any]:
    """Load ``graph`` into an in-memory Oxigraph store (``open_store`` of a file); optionally persist it.

    Returns the load time and peak RSS after the load; with ``store_dir``, also the time of
    ``write_store`` (bulk load into a persistent store, flush and optimize).
    """
    from actorgraph.store import open_store, write_store

    before = peak_rss_mb()
    start = time.perf_counter()
    store = open_store(graph)
    load_s = time.perf_counter() - start
    rss = peak_rss_mb()
    count = len(store.raw) if hasattr(store, "raw") else None
    store.close()
    del store
    gc.collect()
    out: dict[str, Any] = {
        "load_s": load_s,
        "rss_after_load_mb": rss,
        "rss_before_mb": before,
        "triples": count,
    }
    if store_dir:
        start = time.perf_counter()
        write_store(graph, store_dir)
        out["write_store_s"] = time.perf_counter() - start
    return out


def oxigraph_query(
    store_dir: str, name: str, params: dict[str, str], repeats: int = 3, slow: float = 15.0
) -> dict[str, Any]:
    """Run one library query ``repeats`` times on the persistent Oxigraph store; seconds per run.

    A query slower than ``slow`` seconds is not repeated (its spread is then n=1).
    """
    from actorgraph.queries import run_query
    from actorgraph.store import open_store

    start = time.perf_counter()
    store = open_store(store_dir)
    open_s = time.perf_counter() - start
    seconds: list[float] = []
    rows = 0
    for _ in range(repeats):
        start = time.perf_counter()
        rows = len(run_query(store, name, **params).rows)
        seconds.append(time.perf_counter() - start)
        if seconds[-1] > slow:
            break
    store.close()
    return {"open_s": open_s, "seconds": seconds, "rows": rows}


def _cli(args: list[str], importtime: bool = False) -> tuple[float, subprocess.CompletedProcess[str]]:
    exe = [sys.executable] + (["-X", "importtime"] if importtime else []) + ["-m", "actorgraph"]
    start = time.perf_counter()
    proc = subprocess.run(exe + args, capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=600)
    return time.perf_counter() - start, proc


def cli_query(store_dir: str, name: str, params: dict[str, str], repeats: int = 3) -> dict[str, Any]:
    """``actorgraph query STORE --name NAME`` wall time vs the same query's own time, and whether spaCy loads.

    The query's own time is measured in this process on the same store (after a first warm-up run, like
    the CLI runs after its own process start). ``python -c pass`` gives the bare interpreter start.
    """
    from actorgraph.queries import run_query
    from actorgraph.store import open_store

    args = ["query", store_dir, "--name", name]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    # does the CLI import spaCy? (-X importtime lists every imported module on stderr)
    _, traced = _cli(args, importtime=True)
    modules = {
        line.rsplit("|", 1)[-1].strip().split(".")[0] for line in traced.stderr.splitlines() if "|" in line
    }
    imports_spacy = "spacy" in modules
    imports_rdflib_parse = any("notation3" in line for line in traced.stderr.splitlines())
    cli_s: list[float] = []
    query_s: list[float] = []
    python_s: list[float] = []
    rc = 0
    for _ in range(repeats):
        seconds, proc = _cli(args)
        rc = rc or proc.returncode
        cli_s.append(seconds)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=child_env(), check=False)
        python_s.append(time.perf_counter() - start)
        store = open_store(store_dir)
        start = time.perf_counter()
        run_query(store, name, **params)
        query_s.append(time.perf_counter() - start)
        store.close()
    return {
        "query": name,
        "cli_s": cli_s,
        "query_s": query_s,
        "python_start_s": python_s,
        "returncode": rc,
        "imports_spacy": imports_spacy,
        "parses_turtle": imports_rdflib_parse,
        "modules_imported": len(modules),
    }


def netview_analysis(
    store_dir: str, html_out: str | None = None, edges: int = 15_000, render_repeats: int = 3
) -> dict[str, Any]:
    """Time the actor-level networkx view, the signed aggregation and the full analysis report.

    With ``html_out``, the 5,000-node HTML view is cut from the same multigraph and rendered too (see
    :func:`bench_html.html_view`), so the 1M-triple graph is read only once.
    """
    from actorgraph.netview import aggregate, to_networkx
    from actorgraph.report import report
    from actorgraph.store import open_store

    out: dict[str, Any] = {}
    with open_store(store_dir) as store:
        start = time.perf_counter()
        multi = to_networkx(store, level="actor")
        out["to_networkx_s"] = time.perf_counter() - start
    out["nodes"] = multi.number_of_nodes()
    out["statements"] = multi.number_of_edges()
    start = time.perf_counter()
    signed = aggregate(multi)
    out["aggregate_s"] = time.perf_counter() - start
    out["pairs"] = signed.number_of_edges()
    start = time.perf_counter()
    data = report(multi)
    out["report_s"] = time.perf_counter() - start
    out["report_keys"] = sorted(data.to_json())
    out["rss_after_views_mb"] = peak_rss_mb()
    del signed, data
    if html_out:
        from bench_html import html_view

        out["html"] = html_view(multi, html_out, edges=edges, repeats=render_repeats)
    return out


def cpu_count() -> int:
    return os.cpu_count() or 1


def tiny_graph_path(tmp: Path) -> Path:
    """A small synthetic graph for smoke tests (2,000 triples)."""
    from gen_graph import generate_graph

    stem = tmp / "tiny_graph"
    generate_graph(stem, triples=2_000, actors=60, pairs=120)
    return stem.with_suffix(".ttl")
