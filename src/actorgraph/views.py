r"""The interactive HTML view of the actor graph: one self-contained page that works offline.

The only module that imports pyvis. :func:`render_html` lays the statement multigraph out as a pyvis
``Network`` with ``cdn_resources="in_line"`` (vis-network's JS and CSS inside the page), then removes what
pyvis 0.3.2 still links from CDNs (bootstrap) and adds the parts analysts need: a legend, filters by relation,
polarity and date, an actor search, and an evidence panel listing the sentences and source documents behind
an edge.

**Hostile content.** Labels, sentences, titles and URLs come from scraped documents and user actor files and
may contain markup (``<script>``, ``<img onerror=...>``, ``javascript:`` links). None of it reaches the page
as HTML: it travels in a JSON data block whose ``<``, ``>`` and ``&`` are ``\u``-escaped (so ``</script>``
cannot close it), the page's own script renders it with DOM ``textContent`` only, tooltips are plain strings
(vis-network 9 shows them with ``innerText``), links are made only for ``http(s)`` URLs, and a
Content-Security-Policy allows exactly the page's own inline scripts (by hash) and no network access.

**Scale.** Up to :data:`PHYSICS_LIMIT` nodes, vis-network's physics polishes a seeded spring layout and then
stops; above it, positions come from :func:`fast_layout` (a sampled force layout in numpy, ~1 s for 5,000
nodes, where ``nx.spring_layout`` takes ~50 s), physics and curved edges are off, and edges hide while
dragging.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from .atomic import atomic_write_text
from .netview import Level, aggregate, to_networkx

__all__ = [
    "EDGE_COLORS",
    "PHYSICS_LIMIT",
    "TYPE_COLORS",
    "GraphView",
    "external_resources",
    "fast_layout",
    "json_for_script",
    "render_html",
    "write_html",
]

#: Above this many nodes the layout is computed in Python and vis-network's physics is off.
PHYSICS_LIMIT = 300

#: Node colours by actor type (colour-blind-safe Tableau 10).
TYPE_COLORS: dict[str, str] = {
    "State": "#4e79a7",
    "InternationalOrganization": "#f28e2b",
    "StateBody": "#76b7b2",
    "Person": "#b07aa1",
    "NonStateGroup": "#9c755f",
    "Actor": "#bab0ac",
}
_TYPE_NAMES = {
    "State": "State",
    "InternationalOrganization": "International organisation",
    "StateBody": "State body",
    "Person": "Person",
    "NonStateGroup": "Non-state group",
    "Actor": "Other actor",
}

#: Edge colours: by polarity, and mediation apart (it is +1 but not an alignment).
EDGE_COLORS: dict[str, str] = {
    "cooperative": "#2ca02c",
    "conflictual": "#d62728",
    "neutral": "#8c8c8c",
    "mediation": "#1f77b4",
}

_URL_VALUE = re.compile(r"""=\s*["']?\s*(?:(?:https?|ftp|wss?):)?//""", re.I)
_URL_ATTRS = ("src", "href", "action", "poster", "data", "srcset", "formaction", "background")


def external_resources(page: str) -> list[str]:
    """Every attribute of ``page`` pointing at another host: ``src=``/``href=`` with ``http(s)://`` or ``//``.

    Args:
        page: An HTML string.

    Returns:
        The offending snippets (empty when the page is self-contained).

    Examples:
        >>> external_resources('<script src="https://cdn.example/x.js"></script><a href="#x">')
        ['src="https://']
    """
    found = []
    for match in _URL_VALUE.finditer(page):  # cheap scan for '=' + URL, then look at the attribute name
        before = page[max(0, match.start() - 12) : match.start()].rstrip().lower()
        name = re.split(r"[^a-z-]", before)[-1]
        if name in _URL_ATTRS:
            found.append(name + match.group(0))
    return found


def json_for_script(data: Any) -> str:
    r"""JSON safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped.

    ``JSON.parse`` reads the escapes back, so strings arrive intact, but no ``</script>`` or ``<!--`` can
    appear in the markup.

    Args:
        data: Any JSON-serialisable value.

    Returns:
        The JSON text.

    Examples:
        >>> print(json_for_script({"label": "</script><b>"}))
        {"label":"\u003c/script\u003e\u003cb\u003e"}
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def fast_layout(
    graph: nx.Graph[Any], seed: int = 42, iterations: int = 50, grid: int = 128
) -> dict[Hashable, tuple[float, float]]:
    """Positions for a large graph in about a second: a force layout whose repulsion is computed on a grid.

    Fruchterman–Reingold needs all pairwise repulsions (quadratic: ``nx.spring_layout`` takes ~50 s at 5,000
    nodes). Here each iteration counts nodes per cell of a ``grid`` x ``grid`` mesh and gets the repulsion
    field of all of them at once by an FFT convolution (particle-mesh), then adds attraction along edges and a
    pull to the centre so components and isolated nodes stay close. Seeded: the same graph gives the same
    picture.

    Args:
        graph: Any networkx graph (directions and parallel edges are ignored).
        seed: Seed of the random start.
        iterations: Force iterations (the step size cools linearly).
        grid: Cells per side of the mesh.

    Returns:
        ``{node: (x, y)}`` centred on 0, about ``sqrt(n)`` units wide (edge length ~1).

    Examples:
        >>> pos = fast_layout(nx.path_graph(4))
        >>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
        True
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    if n <= 1:
        return {node: (0.0, 0.0) for node in nodes}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = (rng.random((n, 2)) - 0.5) * side
    offsets = np.arange(-grid, grid)
    ox, oy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = (ox * ox + oy * oy).astype(float)
    r2[grid, grid] = np.inf  # a cell does not push itself
    kx_hat = np.fft.rfft2(np.fft.ifftshift(ox / r2))
    ky_hat = np.fft.rfft2(np.fft.ifftshift(oy / r2))
    density = np.zeros((2 * grid, 2 * grid))
    temperature = side / 8
    for step in range(iterations):
        low = pos.min(axis=0)
        cell = max(float((pos.max(axis=0) - low).max()), 1e-6) / grid * (1 + 1e-9)
        ij = np.minimum(((pos - low) / cell).astype(np.int64), grid - 1)
        density[:grid, :grid] = np.bincount(ij[:, 0] * grid + ij[:, 1], minlength=grid * grid).reshape(
            grid, grid
        )
        spectrum = np.fft.rfft2(density) / cell  # repulsion k^2 / d with k = 1, d in layout units
        fx = np.fft.irfft2(spectrum * kx_hat, s=density.shape)
        fy = np.fft.irfft2(spectrum * ky_hat, s=density.shape)
        force = np.stack([fx[ij[:, 0], ij[:, 1]], fy[ij[:, 0], ij[:, 1]]], axis=1)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = delta * np.sqrt((delta**2).sum(axis=1))[:, None]  # attraction d^2 / k
            for axis in (0, 1):
                force[:, axis] -= np.bincount(edges[:, 0], weights=pull[:, axis], minlength=n)
                force[:, axis] += np.bincount(edges[:, 1], weights=pull[:, axis], minlength=n)
        force -= 2.0 * pos
        length = np.sqrt((force**2).sum(axis=1)) + 1e-12
        pos += force / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = side / 8 * (1 - (step + 1) / iterations) + 0.02
    pos -= pos.mean(axis=0)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}


# ----------------------------------------------------------------------------- data for the page


def _edge_group_key(u: Hashable, v: Hashable, data: dict[str, Any]) -> tuple[str, str, str]:
    relation = str(data.get("relation", ""))
    if data.get("symmetric") and str(v) < str(u):
        u, v = v, u
    return str(u), str(v), relation


def _category(relation: str, polarity: int) -> str:
    if relation == "mediates":
        return "mediation"
    return "cooperative" if polarity > 0 else "conflictual" if polarity < 0 else "neutral"


def _page_data(multigraph: nx.MultiDiGraph[Any], title: str, level: str) -> dict[str, Any]:
    """Nodes, grouped edges and statements as plain lists for the page (integer ids keep it small)."""
    nodes = sorted(multigraph.nodes, key=str)
    ids = {node: i for i, node in enumerate(nodes)}
    activity = {node: 0 for node in nodes}
    statements: list[dict[str, Any]] = []
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, key, data in sorted(multigraph.edges(keys=True, data=True), key=lambda e: str(e[2])):
        activity[u] += 1
        if v != u:
            activity[v] += 1
        group_key = _edge_group_key(u, v, data)
        group = groups.get(group_key)
        if group is None:
            a, b = (u, v) if (str(u), str(v)) == group_key[:2] else (v, u)
            polarity = int(data.get("polarity") or 0)
            group = groups[group_key] = {
                "from": ids[a],
                "to": ids[b],
                "rel": group_key[2],
                "pol": polarity,
                "cat": _category(group_key[2], polarity),
                "sym": bool(data.get("symmetric")),
                "st": [],
            }
        group["st"].append(len(statements))
        statements.append(
            {
                "r": str(data.get("relation", "")),
                "d": data.get("date"),
                "s": str(data.get("subject_label") or multigraph.nodes[u].get("label", u)),
                "o": str(data.get("object_label") or multigraph.nodes[v].get("label", v)),
                "t": str(data.get("sentence") or ""),
                "doc": str(data.get("doc") or ""),
                "ti": data.get("doc_title"),
                "u": data.get("doc_url"),
                "c": round(float(data.get("confidence") or 0.0), 3),
                "h": bool(data.get("hedged")),
                "m": str(data.get("mood") or "asserted"),
                "n": bool(data.get("negated")),
                "me": data.get("means"),
                "k": str(key),
            }
        )
    edges: list[dict[str, Any]] = []
    for group_key in sorted(groups):
        group = groups[group_key]
        group["id"] = len(edges)
        group["hedged"] = all(statements[i]["h"] for i in group["st"])
        edges.append(group)
    dates = sorted(str(s["d"])[:10] for s in statements if s["d"])
    node_list = []
    for node in nodes:
        data = multigraph.nodes[node]
        node_list.append(
            {
                "id": ids[node],
                "label": str(data.get("label") or node),
                "type": str(data.get("type") or "Actor"),
                "state": data.get("state"),
                "iri": str(data.get("iri") or node),
                "actors": [str(a) for a in data.get("actors", [])],
                "activity": activity[node],
            }
        )
    return {
        "title": title,
        "level": level,
        "nodes": node_list,
        "edges": edges,
        "statements": statements,
        "dateMin": dates[0] if dates else None,
        "dateMax": dates[-1] if dates else None,
        "typeNames": _TYPE_NAMES,
        "typeColors": TYPE_COLORS,
        "edgeColors": EDGE_COLORS,
    }


def _positions(multigraph: nx.MultiDiGraph[Any], large: bool) -> dict[Hashable, tuple[float, float]]:
    simple: nx.Graph[Any] = nx.Graph()
    simple.add_nodes_from(sorted(multigraph.nodes, key=str))
    simple.add_edges_from((u, v) for u, v in multigraph.edges() if u != v)
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    if large:
        return {node: (x * 60.0, y * 60.0) for node, (x, y) in fast_layout(simple).items()}
    raw = nx.spring_layout(simple, seed=42, iterations=100)
    scale = max(250.0, math.sqrt(n) * 110.0)
    return {node: (float(p[0]) * scale, float(p[1]) * scale) for node, p in raw.items()}


def _vis_options(large: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "nodes": {
            "shape": "dot",
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "smooth": False if large else {"enabled": True, "type": "curvedCW", "roundness": 0.15},
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}},
            "color": {"inherit": False},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 42},
    }
    if large:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -8000, "springLength": 190, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 250, "fit": True},
        }
    return options


def _pyvis_page(data: dict[str, Any], positions: dict[int, tuple[float, float]], large: bool) -> str:
    """Pyvis's in-line page for the nodes and edges (no corpus text but labels, which pyvis JSON-escapes)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.nodes = []
    for node in data["nodes"]:
        size = min(8.0 + 5.0 * math.sqrt(node["activity"]), 45.0)
        entry: dict[str, Any] = {
            "id": node["id"],
            "label": node["label"],
            "color": TYPE_COLORS.get(node["type"], TYPE_COLORS["Actor"]),
            "shape": "dot",
            "size": round(size, 1),
        }
        if node["id"] in positions:
            entry["x"], entry["y"] = (round(c, 1) for c in positions[node["id"]])
        net.nodes.append(entry)
    net.node_ids = [n["id"] for n in data["nodes"]]
    net.edges = []
    pair_count: dict[tuple[int, int], int] = {}
    for edge in data["edges"]:
        pair = (min(edge["from"], edge["to"]), max(edge["from"], edge["to"]))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        count = len(edge["st"])
        vis_edge: dict[str, Any] = {
            "id": edge["id"],
            "from": edge["from"],
            "to": edge["to"],
            "color": EDGE_COLORS[edge["cat"]],
            "width": round(min(1.0 + 1.5 * math.log2(count), 8.0), 2) if count > 1 else 1.0,
            "dashes": bool(edge["hedged"]),
            "arrows": "" if edge["sym"] else "to",
        }
        if not large:
            vis_edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.12 * nth, 2)}
        net.edges.append(vis_edge)
    net.options = _vis_options(large)
    return str(net.generate_html())


_STYLE = """
html, body { margin: 0; padding: 0; height: 100%;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #222; background: #fff; }
#ag-bar { position: fixed; top: 0; left: 0; right: 0; height: 48px;
  display: flex; gap: 12px; align-items: center;
  padding: 0 12px; border-bottom: 1px solid #ddd; background: #fafafa; box-sizing: border-box; z-index: 5; }
#ag-bar h1 { font-size: 16px; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  max-width: 30%; }
#ag-bar input[type=search] { width: 200px; }
.card { position: fixed; top: 48px; left: 0; right: 360px; bottom: 0; width: auto !important;
  border: 0 !important; }
#mynetwork { position: absolute !important; top: 0; left: 0; width: 100% !important; height: 100% !important;
  float: none !important; border: 0 !important; }
#ag-side { position: fixed; top: 48px; right: 0; width: 360px; bottom: 0; overflow-y: auto;
  border-left: 1px solid #ddd;
  padding: 8px 12px; box-sizing: border-box; background: #fff; }
#ag-side h2 { font-size: 14px; margin: 12px 0 4px; }
#ag-side fieldset { border: 1px solid #e4e4e4; margin: 6px 0; padding: 4px 8px; }
#ag-side legend { font-weight: 600; font-size: 12px; color: #555; }
#ag-side label { display: inline-block; margin-right: 8px; font-size: 12px; white-space: nowrap; }
.ag-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; vertical-align: -1px;
  margin-right: 4px; }
.ag-line { display: inline-block; width: 22px; height: 0; border-top: 3px solid; vertical-align: 3px;
  margin-right: 4px; }
.ag-line.dashed { border-top-style: dashed; }
#ag-panel .ag-st { border-left: 3px solid #ccc; padding: 2px 8px; margin: 6px 0; }
.ag-meta { font-size: 12px; color: #555; }
#ag-panel blockquote { margin: 2px 0; font-style: italic; }
#ag-status { font: 11px monospace; color: #888; white-space: pre-wrap; word-break: break-all;
  margin: 8px 0 0; }
.vis-tooltip { white-space: pre-wrap !important; max-width: 420px;
  font: 12px system-ui, sans-serif !important; }
"""

_EARLY_SCRIPT = """
window.__agErrors = [];
(function () {
  function add(msg) {
    if (window.__agErrors.length < 50) { window.__agErrors.push(String(msg).slice(0, 300)); }
  }
  window.addEventListener("error", function (e) {
    if (e && e.message) { add(e.message + (e.filename ? " @" + e.filename + ":" + e.lineno : "")); }
    else if (e && e.target && e.target !== window) { add("resource failed: " + (e.target.tagName || "?")); }
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    add("unhandled rejection: " + (e && e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    add("CSP blocked " + e.violatedDirective + " " + e.blockedURI);
  });
  var original = console.error;
  console.error = function () {
    add(Array.prototype.slice.call(arguments).join(" "));
    return original.apply(console, arguments);
  };
})();
"""

_APP_SCRIPT = r"""
(function () {
  "use strict";
  var statusEl = document.getElementById("ag-status");
  var state = {ready: false, drawn: false};
  function visibleCount(ds) { return ds ? ds.get({filter: function (x) { return !x.hidden; }}).length : 0; }
  function writeStatus() {
    var body = (typeof network !== "undefined" && network && network.body) ? network.body : null;
    statusEl.textContent = JSON.stringify({
      ready: state.ready, drawn: state.drawn,
      nodes: body ? body.nodeIndices.length : 0, edges: body ? body.edgeIndices.length : 0,
      visible_nodes: visibleCount(typeof nodes !== "undefined" ? nodes : null),
      visible_edges: visibleCount(typeof edges !== "undefined" ? edges : null),
      errors: window.__agErrors || []
    });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  var data;
  try {
    data = JSON.parse(document.getElementById("ag-data").textContent);
  } catch (err) { window.__agErrors.push("data: " + err); writeStatus(); return; }
  if (typeof network === "undefined" || !network) {
    window.__agErrors.push("vis-network did not start"); writeStatus(); return;
  }

  var nodeById = {}; data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var typeNames = data.typeNames;
  var panel = document.getElementById("ag-panel");
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }
  function safeUrl(u) { return (typeof u === "string" && /^https?:\/\/[^\s]+$/i.test(u)) ? u : null; }

  // plain-text tooltips (vis-network shows string titles with innerText)
  nodes.update(data.nodes.map(function (n) {
    var lines = [n.label, (typeNames[n.type] || n.type) + (n.state ? " · " + n.state : ""),
      n.activity + " statements"];
    if (n.actors.length > 1) { lines.push("includes: " + n.actors.join(", ")); }
    return {id: n.id, title: lines.join("\n")};
  }));
  edges.update(data.edges.map(function (e) {
    var arrow = e.sym ? " – " : " → ";
    var dates = e.st.map(function (i) { return data.statements[i].d; }).filter(Boolean).sort();
    var last = dates[dates.length - 1];
    var span = dates.length ? (dates[0] === last ? dates[0] : dates[0] + " … " + last) : "undated";
    return {id: e.id, title: nodeById[e.from].label + arrow + nodeById[e.to].label + "\n" + e.rel + " × " +
      e.st.length +
      " (" + span + ")" + (e.hedged ? "\nonly hedged evidence" : "") + "\nclick for the evidence"};
  }));

  function statementBlock(s, cat) {
    var box = el("div", null, "ag-st");
    box.style.borderLeftColor = data.edgeColors[cat];
    var head = el("div", null, "ag-meta");
    head.appendChild(el("b", s.d || "undated"));
    head.appendChild(document.createTextNode(" · " + s.s + " " + s.r + " " + s.o +
      (s.m !== "asserted" ? " · " + s.m : "") + (s.n ? " · negated" : "") + " · confidence " + s.c));
    box.appendChild(head);
    if (s.me) { box.appendChild(el("div", "means: " + s.me, "ag-meta")); }
    box.appendChild(el("blockquote", s.t));
    var src = el("div", null, "ag-meta");
    src.appendChild(document.createTextNode("source: "));
    var name = s.ti ? s.ti + " (" + s.doc + ")" : s.doc;
    var url = safeUrl(s.u);
    if (url) {
      var a = el("a", name); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
      src.appendChild(a);
    } else {
      src.appendChild(el("span", name));
      if (s.u) { src.appendChild(el("span", " <" + s.u + ">", "ag-url")); }
    }
    box.appendChild(src);
    return box;
  }
  function showEdge(id) {
    var e = data.edges[id]; if (!e) { return; }
    clear(panel);
    panel.appendChild(el("h2", nodeById[e.from].label + (e.sym ? " – " : " → ") + nodeById[e.to].label));
    panel.appendChild(el("div", e.rel + ": " + e.st.length + " statement" + (e.st.length > 1 ? "s" : "") +
      (e.hedged ? " (only hedged evidence)" : ""), "ag-meta"));
    e.st.slice().sort(function (a, b) {
      return String(data.statements[a].d).localeCompare(String(data.statements[b].d));
    })
      .forEach(function (i) { panel.appendChild(statementBlock(data.statements[i], e.cat)); });
  }
  function showNode(id) {
    var n = nodeById[id]; if (!n) { return; }
    clear(panel);
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("div", (typeNames[n.type] || n.type) + (n.state ? " · " + n.state : "") + " · " +
      n.activity + " statements", "ag-meta"));
    if (n.actors.length > 1) { panel.appendChild(el("div", "includes: " + n.actors.join(", "), "ag-meta")); }
    panel.appendChild(el("div", n.iri, "ag-meta"));
    var list = el("ul");
    data.edges.filter(function (e) { return e.from === id || e.to === id; }).forEach(function (e) {
      var other = nodeById[e.from === id ? e.to : e.from];
      var item = el("li");
      var link = el("a", e.rel + " " + (e.from === id ? "→ " : "← ") + other.label +
        " (" + e.st.length + ")");
      link.href = "#edge=" + e.id;
      link.addEventListener("click", function (ev) { ev.preventDefault(); showEdge(e.id); });
      item.appendChild(link); list.appendChild(item);
    });
    panel.appendChild(list);
  }
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges && p.edges.length) { showEdge(p.edges[0]); }
  });

  // filters: relation types, polarity, date range, actor search
  var relBox = document.getElementById("ag-relations");
  var relCounts = {};
  data.edges.forEach(function (e) { relCounts[e.rel] = (relCounts[e.rel] || 0) + e.st.length; });
  Object.keys(relCounts).sort().forEach(function (r) {
    var lab = el("label"); var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = r;
    box.className = "ag-rel"; box.addEventListener("change", applyFilters);
    lab.appendChild(box); lab.appendChild(document.createTextNode(" " + r + " (" + relCounts[r] + ")"));
    relBox.appendChild(lab);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".ag-cat"), function (b) {
    b.addEventListener("change", applyFilters);
  });
  var fromEl = document.getElementById("ag-from"), toEl = document.getElementById("ag-to");
  if (data.dateMin) { fromEl.min = toEl.min = data.dateMin; fromEl.max = toEl.max = data.dateMax; }
  fromEl.addEventListener("change", applyFilters); toEl.addEventListener("change", applyFilters);
  function applyFilters() {
    var rels = {}, cats = {};
    function read(selector, into) {
      var boxes = document.querySelectorAll(selector);
      Array.prototype.forEach.call(boxes, function (b) { into[b.value] = b.checked; });
    }
    read(".ag-rel", rels); read(".ag-cat", cats);
    var from = fromEl.value || null, to = toEl.value || null;
    var used = {}, edgeUpdates = [], nodeUpdates = [];
    data.edges.forEach(function (e) {
      var show = rels[e.rel] !== false && cats[e.cat] !== false && e.st.some(function (i) {
        var d = data.statements[i].d; if (!d || (!from && !to)) { return true; }
        return (!from || String(d).slice(0, 10) >= from || (d.length < 10 && from.indexOf(d) === 0)) &&
          (!to || String(d) <= to);
      });
      if (show) { used[e.from] = used[e.to] = true; }
      edgeUpdates.push({id: e.id, hidden: !show});
    });
    var filtering = !Object.keys(rels).every(function (k) { return rels[k]; }) ||
      !Object.keys(cats).every(function (k) { return cats[k]; }) || from || to;
    data.nodes.forEach(function (n) { nodeUpdates.push({id: n.id, hidden: !!filtering && !used[n.id]}); });
    edges.update(edgeUpdates); nodes.update(nodeUpdates);
    writeStatus();
  }
  var search = document.getElementById("ag-search"), list = document.getElementById("ag-actors");
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
    var o = document.createElement("option"); o.value = n.label; list.appendChild(o);
  });
  function find(q) {
    q = q.trim().toLowerCase(); if (!q) { return null; }
    var exact = data.nodes.filter(function (n) {
      return n.label.toLowerCase() === q || (n.state && n.state.toLowerCase() === q && n.type === "State");
    });
    if (exact.length) { return exact[0]; }
    var part = data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; });
    return part.length ? part[0] : null;
  }
  function go() {
    var n = find(search.value);
    document.getElementById("ag-found").textContent = search.value && !n ? "no actor matches" : "";
    if (!n) { return; }
    network.selectNodes([n.id]); network.focus(n.id, {scale: 1.3, animation: false}); showNode(n.id);
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });

  function fromHash() {
    var m = /^#(edge|node)=(\d+)$/.exec(window.location.hash || "");
    if (m) { if (m[1] === "edge") { showEdge(+m[2]); } else { showNode(+m[2]); } }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit({animation: false});
    });
  }
  network.once("afterDrawing", function () { state.drawn = true; writeStatus(); });
  state.ready = true;
  writeStatus();
  network.redraw();  // the first frame may have been drawn before this script ran: draw (and report) again
  window.addEventListener("load", writeStatus);
})();
"""


def _controls(title: str) -> tuple[str, str]:
    """The static top bar and side panel: our constants and the escaped title (corpus text comes by JS)."""
    bar = (
        '<div id="ag-bar"><h1>' + html.escape(title) + "</h1>"
        '<input id="ag-search" type="search" list="ag-actors" placeholder="Find an actor…" '
        'aria-label="Find an actor">'
        '<datalist id="ag-actors"></datalist><span id="ag-found"></span>'
        '<label>from <input id="ag-from" type="date"></label>'
        '<label>to <input id="ag-to" type="date"></label></div>'
    )
    types = "".join(
        f'<label><span class="ag-swatch" style="background:{color}"></span>'
        f"{html.escape(_TYPE_NAMES[name])}</label>"
        for name, color in TYPE_COLORS.items()
    )
    cats = "".join(
        f'<label><input type="checkbox" class="ag-cat" value="{cat}" checked>'
        f'<span class="ag-line" style="border-color:{color}"></span>{cat}</label>'
        for cat, color in EDGE_COLORS.items()
    )
    side = (
        '<div id="ag-side">'
        f"<fieldset><legend>Actors (size: activity)</legend>{types}</fieldset>"
        f"<fieldset><legend>Relations by polarity</legend>{cats}"
        '<div class="ag-meta"><span class="ag-line dashed" style="border-color:#555"></span>'
        "only hedged evidence · "
        "arrow: directed relation · width: evidence</div></fieldset>"
        '<fieldset><legend>Relation types</legend><div id="ag-relations"></div></fieldset>'
        '<div id="ag-panel"><p class="ag-meta">'
        "Click an edge to read its evidence, or an actor to see its relations.</p>"
        "</div>"
        '<pre id="ag-status">{"ready": false}</pre>'
        "</div>"
    )
    return bar, side


def _csp(page: str) -> str:
    hashes = []
    for match in re.finditer(r"<script(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", page, re.S):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    scripts = " ".join(sorted(set(hashes)))
    return (
        "default-src 'none'; "
        f"script-src {scripts}; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _post_process(page: str, data: dict[str, Any], title: str) -> str:
    """Drop pyvis's CDN links and empty headings; add CSP, error capture, controls, data and app script."""
    page = re.sub(r"<!--.*?node_modules.*?-->", "", page, flags=re.S)
    page = re.sub(r"<link\b[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*>", "", page, flags=re.S)
    page = re.sub(r"<script\b[^>]*\bsrc=\"(?:https?:)?//[^\"]*\"[^>]*>\s*</script>", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    bar, side = _controls(title)
    head_extra = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        f"<script>{_EARLY_SCRIPT}</script>"
    )
    page = page.replace("<head>", "<head>" + head_extra, 1)
    page = page.replace("</head>", f"<style>{_STYLE}</style></head>", 1)
    page = page.replace("<body>", "<body>" + bar, 1)
    tail = (
        side
        + f'<script type="application/json" id="ag-data">{json_for_script(data)}</script>'
        + f"<script>{_APP_SCRIPT}</script>"
    )
    index = page.rfind("</body>")
    page = page[:index] + tail + page[index:]
    page = page.replace(
        "<head>", f'<head><meta http-equiv="Content-Security-Policy" content="{html.escape(_csp(page))}">', 1
    )
    page = page.replace("<html>", '<!DOCTYPE html>\n<html lang="en">', 1)
    leftovers = external_resources(page)
    if leftovers:  # pragma: no cover - guards against a pyvis template change
        raise RuntimeError(f"the page still links external resources: {leftovers[:3]}")
    return page


def render_html(
    graph: Any, level: Level | None = None, title: str = "actorgraph", min_confidence: float = 0.0
) -> str:
    """The interactive page of a statement graph, as one self-contained HTML string.

    Args:
        graph: The statement multigraph of :func:`actorgraph.netview.to_networkx`, or anything it reads
            (store, rdflib graph, graph file, Oxigraph folder, endpoint URL).
        level: ``"state"`` (default) or ``"actor"``; used when ``graph`` must be read first.
        title: Page title and heading (escaped).
        min_confidence: Drop statements below this confidence when ``graph`` must be read first.

    Returns:
        The HTML page: vis-network inline, no external resources, a CSP that forbids any network access.

    Examples:
        >>> m = nx.MultiDiGraph()
        >>> m.add_node("t", label="Turkey", type="State"); m.add_node("a", label="Azerbaijan", type="State")
        >>> _ = m.add_edge("t", "a", key="s1", relation="supports", polarity=1, sentence="<b>x</b>")
        >>> page = render_html(m)
        >>> "Azerbaijan" in page and "<b>x</b>" not in page and not external_resources(page)
        True
    """
    multi = (
        graph
        if isinstance(graph, nx.MultiDiGraph)
        else to_networkx(graph, level=level or "state", min_confidence=min_confidence)
    )
    level_name = str(level or multi.graph.get("level") or "state")
    large = multi.number_of_nodes() > PHYSICS_LIMIT
    data = _page_data(multi, title, level_name)
    data["physics"] = not large
    layout = _positions(multi, large)
    positions = {i: layout[node] for i, node in enumerate(sorted(multi.nodes, key=str))}
    page = _pyvis_page(data, positions, large)
    return _post_process(page, data, title)


def write_html(
    graph: Any,
    path: str | os.PathLike[str],
    level: Level | None = None,
    title: str | None = None,
    min_confidence: float = 0.0,
) -> Path:
    """Write :func:`render_html`'s page to ``path`` atomically (the previous file stays until it is complete).

    Args:
        graph: As for :func:`render_html`.
        path: The HTML file to write; parent folders are created.
        level: As for :func:`render_html`.
        title: Page title (default: the file's stem).
        min_confidence: As for :func:`render_html`.

    Returns:
        The path written.
    """
    target = Path(path)
    atomic_write_text(
        target, render_html(graph, level=level, title=title or target.stem, min_confidence=min_confidence)
    )
    return target


class GraphView:
    """The interactive view for Jupyter: an inline ``<iframe srcdoc>``; writes no file, fetches nothing.

    Args:
        graph: As for :func:`render_html`.
        level: As for :func:`render_html`.
        title: Page title.
        height: Height of the inline frame in pixels.

    Examples:
        >>> m = nx.MultiDiGraph(); _ = m.add_edge("a", "b", relation="supports", polarity=1)
        >>> GraphView(m)._repr_html_().startswith("<iframe")
        True
    """

    def __init__(
        self, graph: Any, level: Level | None = None, title: str = "actorgraph", height: int = 650
    ) -> None:
        self.multigraph: nx.MultiDiGraph[Any] = (
            graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph, level=level or "state")
        )
        self.level = level
        self.title = title
        self.height = int(height)

    @property
    def signed(self) -> nx.Graph[Any]:
        """The aggregated signed graph of the view's statements."""
        return aggregate(self.multigraph)

    def html(self) -> str:
        """The full page (see :func:`render_html`)."""
        return render_html(self.multigraph, level=self.level, title=self.title)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` atomically."""
        return write_html(self.multigraph, path, level=self.level, title=self.title)

    def _repr_html_(self) -> str:
        """The page inside a sandboxed iframe: scripts run, but cannot reach the notebook or the network."""
        return (
            f'<iframe srcdoc="{html.escape(self.html(), quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd;" '
            f'title="{html.escape(self.title, quote=True)}"></iframe>'
        )
