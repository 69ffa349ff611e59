"""The HTML view: self-contained, escaped, laid out legibly, scalable; the notebook view; the view command.

What the page does in a browser (fitting, labels, ego mode, sliders) is tested in test_browser.py.
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from actorgraph.cli import cli
from actorgraph.layout import fast_layout, graph_layout
from actorgraph.netview import to_networkx
from actorgraph.store import open_store
from actorgraph.views import (
    GraphView,
    external_resources,
    json_for_script,
    render_html,
    write_html,
)

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "views_fixture.ttl"
HOSTILE = Path(__file__).parent / "hostile" / "hostile_graph.ttl"


def read(path: Path) -> nx.MultiDiGraph:
    return to_networkx(open_store(Graph().parse(path, format="turtle")))


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(read(FIXTURE), title="Fixture")


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(read(HOSTILE), title="<script>document.title='PWNED'</script>")


def page_data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def vis_items(html: str, name: str) -> list[dict[str, object]]:
    found = re.search(rf"{name} = new vis.DataSet\((\[.*?\])\);", html, re.S)
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_no_external_resources(page: str) -> None:
    assert external_resources(page) == []
    for attr in re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""", page):
        assert not re.match(r"(?i)(?:[a-z][a-z0-9+.-]*:)?//", attr), attr
    assert "cdn.jsdelivr" not in page and "cdnjs.cloudflare" not in page
    assert "vis.Network" in page  # vis-network is inline
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page


def test_script_and_style_come_from_package_assets(page: str) -> None:
    assets = resources.files("actorgraph") / "assets"
    for name in ("view.js", "view.css", "view-errors.js"):
        text = (assets / name).read_text(encoding="utf-8")
        assert len(text) > 500 and text in page, name


def test_contains_labels_and_evidence(page: str) -> None:
    data = page_data(page)
    labels = {n["label"] for n in data["nodes"]}  # type: ignore[index,union-attr]
    assert {"Turkey", "Azerbaijan", "Armenia", "Russia", "OSCE Minsk Group"} <= labels
    assert len(data["statements"]) == 18  # type: ignore[arg-type]
    sentences = {s["t"] for s in data["statements"]}  # type: ignore[union-attr]
    assert "Russia is Armenia's military ally." in sentences
    for control in (
        "ag-search",
        "ag-date-from",
        "ag-date-to",
        "ag-min-evidence",
        "ag-reset",
        "ag-crumbs",
        "ag-relations",
        "ag-panel",
        "ag-matrix",
    ):
        assert f'id="{control}"' in page
    assert '<pre id="ag-status" hidden>' in page  # for tests, not for people
    assert "cooperative" in page and "conflictual" in page  # legend


def test_nodes_carry_rank_size_and_fixed_positions(page: str) -> None:
    data = page_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}  # type: ignore[union-attr,index]
    ranks = sorted(n["rank"] for n in nodes.values())  # type: ignore[union-attr]
    assert ranks == list(range(len(nodes)))
    top = min(nodes.values(), key=lambda n: n["rank"])  # type: ignore[union-attr,index]
    assert top["activity"] == max(n["activity"] for n in nodes.values())  # type: ignore[index,union-attr]
    vis_nodes = vis_items(page, "nodes")
    assert all("x" in n and "y" in n and "label" not in n for n in vis_nodes)  # the page draws the labels
    assert '"physics": {"enabled": false}' in page  # positions are final: the first frame is the picture


def test_edge_styles(page: str) -> None:
    data = page_data(page)
    edges = {(e["rel"]): e for e in data["edges"]}  # type: ignore[union-attr,index]
    assert edges["clashesWith"]["sym"] is True
    assert edges["pressures"]["hedged"] is True
    assert edges["pressures"]["cat"] == "conflictual" and edges["mediates"]["cat"] == "mediation"
    parsed = {e["id"]: e for e in vis_items(page, "edges")}
    clash = parsed[edges["clashesWith"]["id"]]
    assert clash["arrows"] == "" and clash["color"] == "#d62728"
    hedged = parsed[edges["pressures"]["id"]]
    assert hedged["dashes"] is True and hedged["arrows"] == "to"


def test_page_holds_the_dyad_matrix(page: str) -> None:
    matrix = page_data(page)["matrix"]
    ids = matrix["nodes"]  # type: ignore[index]
    labels = {n["id"]: n["label"] for n in page_data(page)["nodes"]}  # type: ignore[union-attr,index]
    order = [labels[i] for i in ids]  # type: ignore[index,union-attr]
    size = len(order)
    assert size == 8 and len(matrix["net"]) == size  # type: ignore[index,arg-type]
    net = {(order[i], order[j]): v for i, row in enumerate(matrix["net"]) for j, v in enumerate(row)}  # type: ignore[index,arg-type]
    assert net[("Armenia", "Azerbaijan")] < 0 < net[("Turkey", "Azerbaijan")]  # type: ignore[operator]
    assert net[("Armenia", "Azerbaijan")] == net[("Azerbaijan", "Armenia")]


def test_hostile_strings_are_escaped(hostile_page: str) -> None:
    assert "<script>alert" not in hostile_page
    assert "<img src=x" not in hostile_page
    assert "<svg onload" not in hostile_page
    assert "document.title='PWNED'</script>" not in hostile_page
    assert "<title>&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;</title>" in hostile_page
    # the data survive intact as data
    data = page_data(hostile_page)
    nodes = data["nodes"]
    assert any("<script>alert(1)</script>" in n["label"] for n in nodes)  # type: ignore[union-attr,index,attr-defined]
    assert external_resources(hostile_page) == []
    # pyvis's link-tooltip mode (innerHTML popups) must not be triggered by a label containing "href"
    assert "popup.innerHTML" not in hostile_page


def test_json_for_script_cannot_close_the_element() -> None:
    text = json_for_script({"x": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!-- & \u2028"}


def test_large_graph_has_straight_edges_and_python_positions() -> None:
    g = nx.MultiDiGraph()
    for i in range(400):
        g.add_edge(f"n{i}", f"n{(i * 7 + 1) % 400}", relation="supports", polarity=1, confidence=0.9)
        g.add_edge(f"n{i}", f"n{(i * 7 + 1) % 400}", relation="accuses", polarity=-1, confidence=0.9)
    html = render_html(g)
    assert '"smooth": false' in html and '"hideEdgesOnDrag": true' in html
    assert not any("smooth" in e for e in vis_items(html, "edges"))
    nodes = vis_items(html, "nodes")
    assert len(nodes) == 400 and all("x" in n and "y" in n for n in nodes)


def test_fast_layout_is_deterministic_and_spread() -> None:
    g = nx.connected_watts_strogatz_graph(600, 4, 0.1, seed=1)
    a, b = fast_layout(g), fast_layout(g)
    assert a == b
    xs = sorted(x for x, _ in a.values())
    assert xs[-1] - xs[0] > 5  # not collapsed


def hub_graph() -> nx.Graph:
    """A core of 20 actors in two linked rings, and one of them with 60 actors linked to it alone."""
    g = nx.Graph()
    nx.add_cycle(g, [f"a{i}" for i in range(10)])
    nx.add_cycle(g, [f"b{i}" for i in range(10)])
    g.add_edges_from([("a0", "b0"), ("a5", "b5")])
    g.add_edges_from(("a0", f"leaf{i:02d}") for i in range(60))
    g.add_edges_from([("x", "y"), ("y", "z")])  # a second component
    return g


def test_hub_does_not_flatten_the_layout() -> None:
    """Issue 14: one hub with 60 spokes must not squeeze the rest of the graph into a corner."""
    g = hub_graph()
    radius = {n: 0.12 for n in g}
    pos = graph_layout(g, radius=radius)
    assert graph_layout(g, radius=radius) == pos  # deterministic
    nodes = list(pos)
    closest = min(math.dist(pos[a], pos[b]) for i, a in enumerate(nodes) for b in nodes[i + 1 :])
    assert closest >= 0.24  # no two dots overlap

    def extent(names: list[str]) -> float:
        xs, ys = [pos[n][0] for n in names], [pos[n][1] for n in names]
        return max(max(xs) - min(xs), max(ys) - min(ys))

    core = [n for n in g if n[0] in "ab"]
    leaves = [n for n in g if n.startswith("leaf")]
    everything = extent(nodes)
    assert extent(core) >= 0.3 * everything  # the core keeps a fair share of the picture
    assert extent(leaves) <= 0.6 * everything  # the spokes sit together in a disc, not all around
    width = max(p[0] for p in pos.values()) - min(p[0] for p in pos.values())
    height = max(p[1] for p in pos.values()) - min(p[1] for p in pos.values())
    assert width >= height  # drawn for a landscape window
    other = [pos[n] for n in ("x", "y", "z")]
    assert all(
        not (
            min(pos[c][0] for c in core) < x < max(pos[c][0] for c in core)
            and min(pos[c][1] for c in core) < y < max(pos[c][1] for c in core)
        )
        for x, y in other
    )


def test_write_html_is_atomic_and_titled(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.html"
    write_html(read(FIXTURE), target)
    text = target.read_text(encoding="utf-8")
    assert "<title>graph</title>" in text
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_graph_view_repr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    view = GraphView(read(FIXTURE), title="T")
    html = view._repr_html_()
    assert html.startswith("<iframe")
    assert 'sandbox="allow-scripts"' in html and "srcdoc=" in html
    assert "<script" not in html  # the page is escaped inside srcdoc
    assert list(tmp_path.iterdir()) == []  # no files written (pyvis's "local" mode would write lib/)
    assert view.signed.number_of_edges() == 10


def test_view_cli(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    result = CliRunner().invoke(cli, ["view", str(FIXTURE), "-o", str(out), "--level", "actor"])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert "Sergey Lavrov" in {n["label"] for n in data["nodes"]}  # type: ignore[union-attr,index]
    result = CliRunner().invoke(cli, ["view", str(FIXTURE), "-o", str(out), "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    assert len(page_data(out.read_text(encoding="utf-8"))["statements"]) == 16  # type: ignore[arg-type]
    result = CliRunner().invoke(cli, ["view", str(FIXTURE), "-o", str(out), "--since", "2020-10-01"])
    assert result.exit_code == 0, result.output
    dates = [s["d"] for s in page_data(out.read_text(encoding="utf-8"))["statements"]]  # type: ignore[union-attr,index]
    assert dates and min(dates) >= "2020-10-01"  # type: ignore[type-var]


def test_view_cli_matrix_picture(tmp_path: Path) -> None:
    png = tmp_path / "m.png"
    result = CliRunner().invoke(cli, ["view", str(FIXTURE), "--matrix", "-o", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    result = CliRunner().invoke(cli, ["view", str(FIXTURE), "--matrix", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "unknown picture format" in result.output
