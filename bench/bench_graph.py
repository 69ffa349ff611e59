"""Graph and query benchmarks on the synthetic graph: loading, the query library, the CLI, networkx views.

rdflib's SPARQL engine is pure Python, so a query that runs too long is interrupted by the store's own time
limit (``Store.timeout``) and reported as a lower bound. Oxigraph runs in Rust and cannot be interrupted from
Python, so each Oxigraph query runs in its own child process (on the persistent store, which opens instantly)
under a process timeout.
Each Oxigraph query is run once first (the first call also parses the query for the guard and warms the
store's caches; reported apart), then timed over several runs, wall-clock and CPU time.
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

#: Parameters for the library queries that need them, on the synthetic graph (real gazetteer states). The
#: relation of ``evidence_for`` is one the graph holds between the two (stated Azerbaijan -> Turkey, so the
#: symmetric direction is exercised).
QUERY_PARAMS: dict[str, dict[str, str]] = {
    "allies_of": {"actor": "actor:turkey"},
    "rivals_of": {"actor": "actor:turkey"},
    "evidence_for": {"subject": "actor:turkey", "relation": "partnerOf", "object": "actor:azerbaijan"},
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

    The peak RSS is read right after the parse, before any query. Each query runs once under its limit
    (``timeouts[name]`` seconds, the store's own deadline, which interrupts rdflib's pure-Python engine in its
    worker thread); a query stopped there is reported with ``timed_out`` and the time it had run (a lower
    bound).
    """
    from actorgraph.errors import QueryTimeoutError
    from actorgraph.queries import run_query
    from actorgraph.store import open_store

    before = peak_rss_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    store = open_store(graph, kind="memory")
    load_s = time.perf_counter() - start
    load_cpu_s = time.process_time() - cpu
    gc.collect()
    rss = peak_rss_mb()
    results: dict[str, Any] = {}
    for name, spec in (queries or {}).items():
        limit = (timeouts or {}).get(name, 60.0)
        cpu = time.process_time()
        start = time.perf_counter()
        store.timeout = limit  # the store's own limit interrupts rdflib's (pure Python) engine
        try:
            rows = len(run_query(store, name, **spec["params"]).rows)
            results[name] = {
                "seconds": time.perf_counter() - start,
                "cpu_seconds": time.process_time() - cpu,
                "rows": rows,
                "timed_out": False,
            }
        except QueryTimeoutError:
            results[name] = {
                "seconds": limit,
                "cpu_seconds": time.process_time() - cpu,
                "rows": None,
                "timed_out": True,
            }
        except Exception as exc:  # a failing query is reported, not fatal
            results[name] = {"seconds": None, "rows": None, "timed_out": False, "error": f"{exc}"[:300]}
    return {
        "load_s": load_s,
        "load_cpu_s": load_cpu_s,
        "rss_after_load_mb": rss,
        "rss_before_mb": before,
        "queries": results,
    }


def load_oxigraph(graph: str) -> dict[str, Any]:
    """Load ``graph`` into an in-memory Oxigraph store; the load time and the peak RSS right after the load.

    The store is ``open_store(graph)``, what ``actorgraph query FILE`` opens.
    """
    from actorgraph.store import open_store

    before = peak_rss_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    store = open_store(graph)
    load_s = time.perf_counter() - start
    load_cpu_s = time.process_time() - cpu
    rss = peak_rss_mb()
    count = len(store.raw) if hasattr(store, "raw") else None
    store.close()
    return {
        "load_s": load_s,
        "load_cpu_s": load_cpu_s,
        "rss_after_load_mb": rss,
        "rss_before_mb": before,
        "triples": count,
    }


def write_oxigraph_store(graph: str, store_dir: str) -> dict[str, Any]:
    """Write the persistent Oxigraph store from ``graph`` with ``write_store``, as ``actorgraph build`` does.

    Returns the time (bulk load, flush, optimize) and the process's peak RSS.
    """
    from actorgraph.store import write_store

    before = peak_rss_mb()
    start = time.perf_counter()
    write_store(graph, store_dir)
    return {
        "write_store_s": time.perf_counter() - start,
        "rss_before_mb": before,
        "rss_peak_mb": peak_rss_mb(),
    }


def oxigraph_query(
    store_dir: str,
    name: str,
    params: dict[str, str],
    repeats: int = 3,
    slow: float = 15.0,
    time_budget: float | None = None,
) -> dict[str, Any]:
    """Run one library query on the persistent Oxigraph store: once first, then ``repeats`` timed runs.

    The store is opened (timed apart) and the query run once before the timed runs: that first call also
    parses the query text for the guard (cached afterwards) and fills the store's caches, so it is reported
    as ``first_s``. Each timed run is :func:`~actorgraph.queries.run_query` as a library user calls it
    (parameter resolution, guard, Oxigraph, result conversion), wall-clock (``seconds``) and CPU time of
    this process (``cpu_seconds``, less sensitive to other load on the machine). A query slower than
    ``slow`` seconds is not repeated; with ``time_budget``, the runs stop once they add up to that many
    seconds (after two at least).
    """
    from actorgraph.queries import run_query
    from actorgraph.store import open_store

    start = time.perf_counter()
    store = open_store(store_dir)
    open_s = time.perf_counter() - start
    start = time.perf_counter()
    rows = len(run_query(store, name, **params).rows)
    first_s = time.perf_counter() - start
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    if first_s <= slow:
        for _ in range(repeats):
            cpu = time.process_time()
            start = time.perf_counter()
            rows = len(run_query(store, name, **params).rows)
            seconds.append(time.perf_counter() - start)
            cpu_seconds.append(time.process_time() - cpu)
            if seconds[-1] > slow or (time_budget and len(seconds) >= 2 and sum(seconds) > time_budget):
                break
    else:
        seconds, cpu_seconds = [first_s], [first_s]
    store.close()
    return {
        "open_s": open_s,
        "first_s": first_s,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rows": rows,
    }


def busiest_params(store_dir: str) -> dict[str, Any]:
    """Parameters for the heaviest lookups: the actor key in most statements and its most frequent partner.

    The selective queries' cost grows with the statements they read, so these show the worst case of the
    graph next to the typical parameters of :data:`QUERY_PARAMS`.
    """
    from actorgraph.store import open_store

    with open_store(store_dir) as store:
        found = store.select(
            "SELECT ?key (COUNT(?st) AS ?n) WHERE {"
            " { ?st ag:subjectKey ?key } UNION { ?st ag:objectKey ?key } }"
            " GROUP BY ?key ORDER BY DESC(?n) ?key LIMIT 1"
        ).rows
        if not found:
            raise ValueError(f"{store_dir}: no statements with roll-up keys in the store")
        top = found[0]
        key, statements = str(top[0]), int(str(top[1]))
        partner = store.select(
            "SELECT ?other (COUNT(?st) AS ?n) WHERE { { ?st ag:subjectKey ?key ; ag:objectKey ?other } UNION"
            " { ?st ag:objectKey ?key ; ag:subjectKey ?other } FILTER(?other != ?key) }"
            " GROUP BY ?other ORDER BY DESC(?n) ?other LIMIT 1",
            {"key": f"<{key}>"},
        ).rows[0]
        other, pair_statements = str(partner[0]), int(str(partner[1]))
        relation = store.select(
            "SELECT ?relation (COUNT(?st) AS ?n) WHERE { ?st ag:subjectKey ?key ; ag:objectKey ?other ;"
            " ag:statementRelation ?relation } GROUP BY ?relation ORDER BY DESC(?n) ?relation LIMIT 1",
            {"key": f"<{key}>", "other": f"<{other}>"},
        ).rows
        typical = store.select(
            "SELECT (COUNT(?st) AS ?n) WHERE { { ?st ag:subjectKey ?key } UNION { ?st ag:objectKey ?key } }",
            {"key": "<https://w3id.org/actorgraph/actor/turkey>"},
        ).rows[0][0]
    rel = str(relation[0][0]).rsplit("#", 1)[-1] if relation else "supports"
    return {
        "typical_statements": int(str(typical)),
        "actor": key,
        "statements": statements,
        "partner": other,
        "pair_statements": pair_statements,
        "params": {
            "allies_of": {"actor": key},
            "rivals_of": {"actor": key},
            "evidence_for": {"subject": key, "relation": rel, "object": other},
            "relations_between": {"a": key, "b": other},
            "timeline": {"a": key, "b": other},
        },
    }


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
