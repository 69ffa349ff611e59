"""HTML view benchmark: a 5,000-node, 15,000-edge view, its generation time, size, and Chromium drawing time.

The view is cut from the synthetic graph at actor level: every actor, and the first statement (by statement
IRI) of each of the first ``edges`` actor pairs. The page is written by ``actorgraph.views.render_html``
(layout computed in Python, physics off). To time the drawing, a copy of the page gets one
extra script (its hash added to the page's Content-Security-Policy) that watches the page's own
``#ag-status`` element and writes ``performance.now()`` into ``#bench-drawn`` once the status says
``"drawn": true``. Headless Chromium loads that copy with ``--dump-dom``; the process wall time is reported
beside the same command on an empty page, so browser start-up can be told apart.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import networkx as nx

_PROBE = (
    "(function(){var iv=setInterval(function(){var s=document.getElementById('ag-status');"
    "if(s&&s.textContent.indexOf('\"drawn\": true')<0&&s.textContent.indexOf('\"drawn\":true')<0){return;}"
    "if(!s){return;}clearInterval(iv);var p=document.createElement('pre');p.id='bench-drawn';"
    "p.textContent=String(performance.now());document.body.appendChild(p);},5);})();"
)


def view_graph(multi: nx.MultiDiGraph, edges: int = 15_000) -> nx.MultiDiGraph:
    """From an actor-level statement multigraph: every actor and one statement for each of ``edges`` pairs."""
    view = nx.MultiDiGraph(**multi.graph)
    view.add_nodes_from(multi.nodes(data=True))
    seen: set[frozenset[Any]] = set()
    for u, v, key, data in sorted(multi.edges(keys=True, data=True), key=lambda e: str(e[2])):
        pair = frozenset((u, v))
        if u == v or pair in seen:
            continue
        seen.add(pair)
        view.add_edge(u, v, key=key, **data)
        if len(seen) >= edges:
            break
    return view


def render_view(view: nx.MultiDiGraph, out: str) -> dict[str, Any]:
    """Time ``render_html`` on the view and write the page to ``out``."""
    from actorgraph.views import render_html

    start = time.perf_counter()
    page = render_html(view, title="bench: 5,000 actors")
    seconds = time.perf_counter() - start
    Path(out).write_text(page, encoding="utf-8")
    return {
        "render_s": seconds,
        "bytes": len(page.encode("utf-8")),
        "nodes": view.number_of_nodes(),
        "edges": view.number_of_edges(),
    }


def probe_copy(page_path: Path, out: Path) -> Path:
    """Copy the page with the drawing probe script added (and allowed by the page's CSP)."""
    page = page_path.read_text(encoding="utf-8")
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(_PROBE.encode()).digest()).decode() + "'"

    def allow(match: re.Match[str]) -> str:
        content = html.unescape(match.group(1)).replace("script-src ", f"script-src {digest} ", 1)
        return f'content="{html.escape(content)}"'

    page = re.sub(r'(?<=http-equiv="Content-Security-Policy" )content="([^"]*)"', allow, page, count=1)
    page = page.replace("</head>", f"<script>{_PROBE}</script></head>", 1)
    out.write_text(page, encoding="utf-8")
    return out


def chromium() -> str | None:
    """The Chromium executable, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run_chromium(exe: str, page: Path, budget_ms: int, timeout: float) -> tuple[float, str]:
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--no-first-run",
        f"--virtual-time-budget={budget_ms}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - start, proc.stdout


def _status(dom: str) -> dict[str, Any]:
    match = re.search(r'<pre id="ag-status"[^>]*>(.*?)</pre>', dom, re.S)
    if not match:
        return {}
    try:
        data: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    except ValueError:
        return {}
    return data


def chromium_draw(
    page: str, repeats: int = 3, budget_ms: int = 30_000, timeout: float = 180.0
) -> dict[str, Any]:
    """Headless Chromium on the page (with the probe) and on an empty page, ``repeats`` times each."""
    exe = chromium()
    if exe is None:
        return {"available": False, "reason": "chromium is not installed"}
    page_path = Path(page)
    probed = probe_copy(page_path, page_path.with_name(page_path.stem + "_probe.html"))
    empty = page_path.with_name("empty.html")
    empty.write_text("<!DOCTYPE html><html><body><p>empty</p></body></html>", encoding="utf-8")
    wall: list[float] = []
    blank: list[float] = []
    drawn_ms: list[float] = []
    status: dict[str, Any] = {}
    for _ in range(repeats):
        seconds, _dom = _run_chromium(exe, empty, 1_000, timeout)
        blank.append(seconds)
        seconds, dom = _run_chromium(exe, probed, budget_ms, timeout)
        wall.append(seconds)
        status = _status(dom)
        found = re.search(r'<pre id="bench-drawn">([0-9.]+)</pre>', dom)
        if found:
            drawn_ms.append(float(found.group(1)))
    return {
        "available": True,
        "chromium_s": wall,
        "empty_page_s": blank,
        "drawn_at_ms": drawn_ms,
        "status": status,
        "drawn": bool(status.get("drawn")),
    }


def html_view(multi: nx.MultiDiGraph, out: str, edges: int = 15_000, repeats: int = 3) -> dict[str, Any]:
    """Cut the view from ``multi``, render it ``repeats`` times (keeping the last page); sizes and times."""
    start = time.perf_counter()
    view = view_graph(multi, edges)
    select_s = time.perf_counter() - start
    renders = [render_view(view, out) for _ in range(repeats)]
    return {
        "select_s": select_s,
        "render_s": [r["render_s"] for r in renders],
        "bytes": renders[-1]["bytes"],
        "nodes": renders[-1]["nodes"],
        "edges": renders[-1]["edges"],
    }
