r"""The interactive HTML view of the actor graph: one self-contained page that works offline.

The only module that imports pyvis. :func:`render_html` lays the statement multigraph out in Python
(:func:`actorgraph.layout.graph_layout`: components packed apart, a hub's leaves in a disc beside it), hands
the positions to a pyvis ``Network`` with ``cdn_resources="in_line"`` (vis-network's JS and CSS inside the
page, physics off, so the first frame is the final picture), removes what pyvis 0.3.2 still links from CDNs
(bootstrap), and adds the page's own script and style, which ship as package files
(``actorgraph/assets/view.js``, ``view.css``, ``view-errors.js``). The page:

* fits the whole graph to the window on first draw and on "Reset view";
* draws actor labels itself at a fixed screen size (13 px for the most active actors, 12 px for the rest):
  the 30 most active always, more as you zoom in (where they fit without overlapping), and any actor
  under the pointer;
* has an ego mode (click an actor: its neighbourhood stays, the rest fades; a breadcrumb leads back), a date
  range slider and a "min. evidence" slider that re-filter the edges and recount their evidence, filters by
  relation and polarity, an actor search, and an evidence panel listing the sentences and documents behind
  an edge;
* shows the dyad matrix (:mod:`actorgraph.matrix`) of the most active actors, ordered by bloc.

**Hostile content.** Labels, sentences, titles and URLs come from scraped documents and user actor files and
may contain markup (``<script>``, ``<img onerror=...>``, ``javascript:`` links). None of it reaches the page
as HTML: it travels in a JSON data block whose ``<``, ``>`` and ``&`` are ``\u``-escaped (so ``</script>``
cannot close it), the page's own script renders it with DOM ``textContent`` and canvas ``fillText`` only,
tooltips are plain strings (vis-network 9 shows them with ``innerText``), links are made only for ``http(s)``
URLs, and a Content-Security-Policy allows exactly the page's own inline scripts (by hash) and no network
access.

**Scale.** Positions are computed in Python (ForceAtlas2 up to :data:`actorgraph.layout.FORCEATLAS_LIMIT`
core actors, a particle-mesh layout beyond: ~1 s for 5,000 nodes); above :data:`LARGE_GRAPH` actors edges
are straight and hide while dragging.
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
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .atomic import atomic_write_text
from .layout import graph_layout
from .matrix import DEFAULT_MATRIX_ACTORS, dyad_matrix
from .netview import aggregate

__all__ = [
    "EDGE_COLORS",
    "LARGE_GRAPH",
    "MAJOR_LABELS",
    "TYPE_COLORS",
    "GraphView",
    "external_resources",
    "json_for_script",
    "render_html",
    "write_html",
]

#: Above this many actors edges are straight lines that hide while the view is dragged or zoomed.
LARGE_GRAPH = 300

#: The most active actors whose labels the page always draws (at a fixed 13 or 12 px on screen).
MAJOR_LABELS = 30

#: Canvas pixels per layout unit (about one edge of the core).
_UNIT = 110.0

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


@cache
def _asset(name: str) -> str:
    """A file of the page shipped with the package (``actorgraph/assets/``)."""
    return (resources.files("actorgraph") / "assets" / name).read_text(encoding="utf-8")


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


def _statement(
    multigraph: nx.MultiDiGraph[Any], u: Hashable, v: Hashable, key: Any, data: dict[str, Any]
) -> dict[str, Any]:
    return {
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


def _node_size(activity: int) -> float:
    """Dot radius in canvas pixels: grows with the square root of the actor's statements."""
    return round(min(8.0 + 5.0 * math.sqrt(activity), 45.0), 1)


def _page_data(multigraph: nx.MultiDiGraph[Any], title: str, matrix_actors: int | None) -> dict[str, Any]:
    """Nodes, grouped edges, statements and the matrix as plain lists (integer ids keep the page small)."""
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
        statements.append(_statement(multigraph, u, v, key, data))
    edges: list[dict[str, Any]] = []
    for group_key in sorted(groups):
        group = groups[group_key]
        group["id"] = len(edges)
        group["hedged"] = all(statements[i]["h"] for i in group["st"])
        edges.append(group)
    dates = sorted(str(s["d"])[:10] for s in statements if s["d"])
    ranked = sorted(nodes, key=lambda n: (-activity[n], str(multigraph.nodes[n].get("label") or n), str(n)))
    rank = {node: i for i, node in enumerate(ranked)}
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
                "rank": rank[node],
                "size": _node_size(activity[node]),
            }
        )
    matrix = dyad_matrix(aggregate(multigraph), top=matrix_actors)
    by_iri = {str(node): ids[node] for node in nodes}
    return {
        "title": title,
        "level": str(multigraph.graph.get("level") or "state"),
        "nodes": node_list,
        "edges": edges,
        "statements": statements,
        "dateMin": dates[0] if dates else None,
        "dateMax": dates[-1] if dates else None,
        "majorLabels": MAJOR_LABELS,
        "typeNames": _TYPE_NAMES,
        "typeColors": TYPE_COLORS,
        "edgeColors": EDGE_COLORS,
        "matrix": {
            "nodes": [by_iri[i] for i in matrix.ids],
            "bloc": matrix.bloc,
            "net": matrix.net,
            "statements": matrix.statements,
            "classification": matrix.classification,
            "actors": matrix.actors,
        },
    }


def _positions(multigraph: nx.MultiDiGraph[Any], data: dict[str, Any]) -> dict[int, tuple[float, float]]:
    """Canvas positions of the page's node ids (see :func:`actorgraph.layout.graph_layout`)."""
    nodes = sorted(multigraph.nodes, key=str)
    radius = {node: data["nodes"][i]["size"] / _UNIT for i, node in enumerate(nodes)}
    activity = {node: float(data["nodes"][i]["activity"]) for i, node in enumerate(nodes)}
    layout = graph_layout(multigraph, radius=radius, activity=activity)
    return {i: (layout[node][0] * _UNIT, layout[node][1] * _UNIT) for i, node in enumerate(nodes)}


def _vis_options(large: bool) -> dict[str, Any]:
    """vis-network options: positions are final (physics off); big graphs hide edges while moving."""
    return {
        "nodes": {"shape": "dot", "borderWidth": 1, "borderWidthSelected": 3},
        "edges": {
            "smooth": False,
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
            "zoomSpeed": 0.6,
        },
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "physics": {"enabled": False},
    }


def _pyvis_page(data: dict[str, Any], positions: dict[int, tuple[float, float]], large: bool) -> str:
    """Pyvis's in-line page for the nodes and edges: no corpus text at all (the page's script adds it)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.nodes = []
    for node in data["nodes"]:
        x, y = positions[node["id"]]
        net.nodes.append(
            {
                "id": node["id"],
                "color": TYPE_COLORS.get(node["type"], TYPE_COLORS["Actor"]),
                "shape": "dot",
                "size": node["size"],
                "x": round(x, 1),
                "y": round(y, 1),
            }
        )
    net.node_ids = [n["id"] for n in data["nodes"]]
    net.edges = []
    pair_count: dict[tuple[int, int], int] = {}
    for edge in data["edges"]:
        pair = (min(edge["from"], edge["to"]), max(edge["from"], edge["to"]))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        vis_edge: dict[str, Any] = {
            "id": edge["id"],
            "from": edge["from"],
            "to": edge["to"],
            "color": EDGE_COLORS[edge["cat"]],
            "width": _edge_width(len(edge["st"])),
            "dashes": bool(edge["hedged"]),
            "arrows": "" if edge["sym"] else "to",
        }
        if nth and not large:  # the first edge of a pair is straight, further relations curve away from it
            vis_edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.15 * nth, 2)}
        net.edges.append(vis_edge)
    net.options = _vis_options(large)
    return str(net.generate_html())


def _edge_width(count: int) -> float:
    """Edge width for ``count`` statements (the page's script uses the same rule when filters recount)."""
    return round(min(1.0 + 1.5 * math.log2(count), 8.0), 2) if count > 1 else 1.0


def _controls(title: str) -> tuple[str, str]:
    """The static top bar and side panel: our constants and the escaped title (corpus text comes by JS)."""
    bar = (
        '<div id="ag-bar"><h1>' + html.escape(title) + "</h1>"
        '<input id="ag-search" type="search" list="ag-actors" placeholder="Find an actor…" '
        'aria-label="Find an actor">'
        '<datalist id="ag-actors"></datalist><span id="ag-found"></span>'
        '<button id="ag-reset" type="button" title="Leave the actor view and fit the graph">'
        "Reset view</button>"
        '<span class="ag-tabs" role="tablist">'
        '<button id="ag-show-graph" type="button" role="tab" aria-selected="true">Graph</button>'
        '<button id="ag-show-matrix" type="button" role="tab" aria-selected="false">Matrix</button>'
        "</span></div>"
        '<nav id="ag-crumbs" aria-label="Actor views"></nav>'
        '<div id="ag-matrix" hidden><p class="ag-meta" id="ag-matrix-note"></p>'
        '<div id="ag-matrix-grid"></div></div>'
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
        '<fieldset id="ag-time"><legend>Time</legend>'
        '<div class="ag-range"><input id="ag-date-from" type="range" min="0" max="0" value="0" '
        'aria-label="From month"><input id="ag-date-to" type="range" min="0" max="0" value="0" '
        'aria-label="To month"></div><div class="ag-meta" id="ag-date-label"></div></fieldset>'
        "<fieldset><legend>Evidence</legend>"
        '<input id="ag-min-evidence" type="range" min="1" max="1" value="1" aria-label="Minimum evidence">'
        '<div class="ag-meta" id="ag-min-evidence-label"></div></fieldset>'
        f"<fieldset><legend>Actors (size: activity)</legend>{types}</fieldset>"
        f"<fieldset><legend>Relations by polarity</legend>{cats}"
        '<div class="ag-meta"><span class="ag-line dashed" style="border-color:#555"></span>'
        "only hedged evidence · "
        "arrow: directed relation · width: evidence</div></fieldset>"
        '<fieldset><legend>Relation types</legend><div id="ag-relations"></div></fieldset>'
        '<div id="ag-panel"><p class="ag-meta">'
        "Click an actor to see its neighbourhood and relations, or an edge to read its evidence.</p>"
        "</div>"
        '<pre id="ag-status" hidden>{"ready": false}</pre>'
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
        f"<script>{_asset('view-errors.js')}</script>"
    )
    page = page.replace("<head>", "<head>" + head_extra, 1)
    page = page.replace("</head>", f"<style>{_asset('view.css')}</style></head>", 1)
    page = page.replace("<body>", "<body>" + bar, 1)
    tail = (
        side
        + f'<script type="application/json" id="ag-data">{json_for_script(data)}</script>'
        + f"<script>{_asset('view.js')}</script>"
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
    multigraph: nx.MultiDiGraph[Any],
    title: str = "actorgraph",
    matrix_actors: int | None = DEFAULT_MATRIX_ACTORS,
) -> str:
    """The interactive page of a statement graph, as one self-contained HTML string.

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx` (read it from a store
            with the level, dates and confidence wanted).
        title: Page title and heading (escaped).
        matrix_actors: Actors in the page's dyad matrix (the most active; None for all).

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
    data = _page_data(multigraph, title, matrix_actors)
    page = _pyvis_page(data, _positions(multigraph, data), multigraph.number_of_nodes() > LARGE_GRAPH)
    return _post_process(page, data, title)


def write_html(
    multigraph: nx.MultiDiGraph[Any],
    path: str | os.PathLike[str],
    title: str | None = None,
    matrix_actors: int | None = DEFAULT_MATRIX_ACTORS,
) -> Path:
    """Write :func:`render_html`'s page to ``path`` atomically (the previous file stays until it is complete).

    Args:
        multigraph: As for :func:`render_html`.
        path: The HTML file to write; parent folders are created.
        title: Page title (default: the file's stem).
        matrix_actors: As for :func:`render_html`.

    Returns:
        The path written.
    """
    target = Path(path)
    atomic_write_text(
        target, render_html(multigraph, title=title or target.stem, matrix_actors=matrix_actors)
    )
    return target


class GraphView:
    """The interactive view for Jupyter: an inline ``<iframe srcdoc>``; writes no file, fetches nothing.

    Args:
        multigraph: As for :func:`render_html`.
        title: Page title.
        height: Height of the inline frame in pixels.

    Examples:
        >>> m = nx.MultiDiGraph(); _ = m.add_edge("a", "b", relation="supports", polarity=1)
        >>> GraphView(m)._repr_html_().startswith("<iframe")
        True
    """

    def __init__(
        self, multigraph: nx.MultiDiGraph[Any], title: str = "actorgraph", height: int = 650
    ) -> None:
        self.multigraph = multigraph
        self.title = title
        self.height = int(height)

    @property
    def signed(self) -> nx.Graph[Any]:
        """The aggregated signed graph of the view's statements."""
        return aggregate(self.multigraph)

    def html(self) -> str:
        """The full page (see :func:`render_html`)."""
        return render_html(self.multigraph, title=self.title)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` atomically."""
        return write_html(self.multigraph, path, title=self.title)

    def _repr_html_(self) -> str:
        """The page inside a sandboxed iframe: scripts run, but cannot reach the notebook or the network."""
        return (
            f'<iframe srcdoc="{html.escape(self.html(), quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd;" '
            f'title="{html.escape(self.title, quote=True)}"></iframe>'
        )
