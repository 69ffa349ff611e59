"""The HTML view: self-contained, escaped, scalable; the notebook view; the view command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from actorgraph.cli import cli
from actorgraph.netview import to_networkx
from actorgraph.views import (
    GraphView,
    external_resources,
    fast_layout,
    json_for_script,
    render_html,
    write_html,
)

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "views_fixture.ttl"
HOSTILE = Path(__file__).parent / "hostile" / "hostile_graph.ttl"


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(to_networkx(Graph().parse(FIXTURE, format="turtle")), title="Fixture")


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(
        to_networkx(Graph().parse(HOSTILE, format="turtle")), title="<script>document.title='PWNED'</script>"
    )


def page_data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_no_external_resources(page: str) -> None:
    assert external_resources(page) == []
    for attr in re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""", page):
        assert not re.match(r"(?i)(?:[a-z][a-z0-9+.-]*:)?//", attr), attr
    assert "cdn.jsdelivr" not in page and "cdnjs.cloudflare" not in page
    assert "vis.Network" in page  # vis-network is inline
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page


def test_contains_labels_and_evidence(page: str) -> None:
    data = page_data(page)
    labels = {n["label"] for n in data["nodes"]}  # type: ignore[index,union-attr]
    assert {"Turkey", "Azerbaijan", "Armenia", "Russia", "OSCE Minsk Group"} <= labels
    assert '"label": "Turkey"' in page  # pyvis's node list
    assert len(data["statements"]) == 18  # type: ignore[arg-type]
    sentences = {s["t"] for s in data["statements"]}  # type: ignore[union-attr]
    assert "Russia is Armenia's military ally." in sentences
    for control in ("ag-search", "ag-from", "ag-to", "ag-relations", "ag-panel", "ag-status"):
        assert f'id="{control}"' in page
    assert "cooperative" in page and "conflictual" in page  # legend


def test_edge_styles(page: str) -> None:
    data = page_data(page)
    edges = {(e["rel"]): e for e in data["edges"]}  # type: ignore[union-attr,index]
    assert edges["clashesWith"]["sym"] is True
    assert edges["pressures"]["hedged"] is True
    assert edges["pressures"]["cat"] == "conflictual" and edges["mediates"]["cat"] == "mediation"
    vis_edges = re.search(r"edges = new vis.DataSet\((\[.*?\])\);", page, re.S)
    assert vis_edges
    parsed = {e["id"]: e for e in json.loads(vis_edges.group(1))}
    clash = parsed[edges["clashesWith"]["id"]]
    assert clash["arrows"] == "" and clash["color"] == "#d62728"
    hedged = parsed[edges["pressures"]["id"]]
    assert hedged["dashes"] is True and hedged["arrows"] == "to"


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


def test_large_graph_uses_python_layout_without_physics() -> None:
    g = nx.MultiDiGraph()
    for i in range(400):
        g.add_edge(f"n{i}", f"n{(i * 7 + 1) % 400}", relation="supports", polarity=1, confidence=0.9)
    html = render_html(g)
    assert '"physics": {"enabled": false}' in html
    assert '"smooth": false' in html
    found = re.search(r"nodes = new vis.DataSet\((\[.*?\])\);", html, re.S)
    assert found
    nodes = json.loads(found.group(1))
    assert len(nodes) == 400 and all("x" in n and "y" in n for n in nodes)


def test_fast_layout_is_deterministic_and_spread() -> None:
    g = nx.connected_watts_strogatz_graph(600, 4, 0.1, seed=1)
    a, b = fast_layout(g), fast_layout(g)
    assert a == b
    xs = sorted(x for x, _ in a.values())
    assert xs[-1] - xs[0] > 5  # not collapsed


def test_write_html_is_atomic_and_titled(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.html"
    write_html(FIXTURE, target)
    text = target.read_text(encoding="utf-8")
    assert "<title>graph</title>" in text
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_graph_view_repr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    view = GraphView(FIXTURE, title="T")
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
