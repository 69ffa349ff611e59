"""Run one benchmark function in a fresh interpreter: ``python bench/child.py TASK 'JSON kwargs'``.

The result is printed as one marked JSON line with the process's peak RSS added (see ``common.emit``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_extract
import bench_graph
import bench_html
from common import emit

TASKS = {
    "extraction_overhead": bench_extract.extraction_overhead,
    "extract_run": bench_extract.extract_run,
    "incremental_build": bench_extract.incremental_build,
    "peer_textacy": bench_extract.peer_textacy,
    "load_rdflib": bench_graph.load_rdflib,
    "load_oxigraph": bench_graph.load_oxigraph,
    "write_oxigraph_store": bench_graph.write_oxigraph_store,
    "busiest_params": bench_graph.busiest_params,
    "oxigraph_query": bench_graph.oxigraph_query,
    "cli_query": bench_graph.cli_query,
    "netview_analysis": bench_graph.netview_analysis,
    "html_view": bench_html.html_view,
    "chromium_draw": bench_html.chromium_draw,
}


def main() -> None:
    task, raw = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "{}"
    emit(TASKS[task](**json.loads(raw)))


if __name__ == "__main__":
    main()
