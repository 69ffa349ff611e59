"""The HTML view in a real browser: headless Chromium (Debian's ``chromium`` package), network off.

Two ways in. Simple checks open a page with ``--dump-dom`` (the page's script reports what it rendered and
every error it caught into the hidden ``<pre id="ag-status">``) or ``--screenshot``. The legibility checks of
issue 14 drive one Chromium tab over the DevTools protocol through a pipe (:class:`DevTools`: no websocket, no
port): they read geometry from vis-network, record every string the page draws on its canvas (a
``fillText`` hook installed before the page's scripts run), click with real mouse events and move the
sliders. They run on a graph built from 300 real documents (``tools/wh_subset.py``). Without Chromium the
tests skip, saying how to install it, except in CI (``CI=true``), where they fail instead.

Run as a script to refresh the README pictures (GRAPH PNG pairs; ``PNG#actor=NAME`` opens that actor)::

    python tests/test_browser.py out/store docs/graph.png out-wh/store docs/wh-graph.png
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from actorgraph.netview import to_networkx
from actorgraph.store import open_store
from actorgraph.views import MAJOR_LABELS, render_html, write_html

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent
FIXTURE = HERE / "data" / "views_fixture.ttl"
HOSTILE = HERE / "hostile" / "hostile_graph.ttl"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
)


def find_chromium() -> str | None:
    """The Chromium executable, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        message = "Chromium not found: install it with `apt-get install chromium` to run the browser tests"
        if IN_CI:
            pytest.fail(message + " (CI=true: browser tests must run in CI)")
        pytest.skip(message)
    return found


def run_chromium(
    browser: str, url: str, *extra: str, budget_ms: int = 5000, timeout: float = 240.0
) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``url`` with a fresh profile; returns the finished process."""
    with tempfile.TemporaryDirectory(prefix="ag-chromium-") as profile:
        args = [
            browser,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}",
            *extra,
            url,
        ]
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


def dump_dom(browser: str, page: Path, fragment: str = "", budget_ms: int = 5000) -> str:
    done = run_chromium(browser, page.resolve().as_uri() + fragment, "--dump-dom", budget_ms=budget_ms)
    assert "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def screenshot(
    browser: str, page: Path, png: Path, size: str = "1400,900", budget_ms: int = 5000, fragment: str = ""
) -> Path:
    """Save a screenshot of ``page`` (opened at ``#fragment``, when given) to ``png``."""
    png.parent.mkdir(parents=True, exist_ok=True)
    run_chromium(
        browser,
        page.resolve().as_uri() + (f"#{fragment}" if fragment else ""),
        f"--screenshot={png.resolve()}",
        f"--window-size={size}",
        budget_ms=budget_ms,
    )
    return png


def status(dom: str) -> dict[str, object]:
    match = re.search(r'<pre id="ag-status"[^>]*>(.*?)</pre>', dom, re.S)
    assert match, "no status element in the page"
    text = match.group(1).replace("&quot;", '"').replace("&amp;", "&")
    return json.loads(text)  # type: ignore[no-any-return]


def element_urls(dom: str) -> list[str]:
    """The href/src values of the real elements of a page (not of markup shown as text)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(
                value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")
            )

    Collector().feed(dom)
    return found


def console_errors(stderr: str) -> list[str]:
    return [
        line for line in stderr.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)
    ]


def read(location: str | Path, **options: Any) -> nx.MultiDiGraph:
    """The statement multigraph of a graph file or store folder."""
    with open_store(location) as store:
        return to_networkx(store, **options)


# ----------------------------------------------------------------------------- a DevTools client over a pipe

#: Installed before any script of the page runs: records what is drawn as text on a canvas, with the
#: context's transform at that moment (the page draws labels in canvas units under a zoom transform).
TEXT_HOOK = """
(function () {
  var log = window.__agTextLog = [];
  var original = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
    var t = this.getTransform();
    log.push({text: String(text), font: this.font, x: x, y: y, a: t.a, d: t.d, e: t.e, f: t.f,
      width: this.measureText(String(text)).width, align: this.textAlign, baseline: this.textBaseline,
      ratio: window.devicePixelRatio || 1});
    if (log.length > 20000) { log.splice(0, 10000); }
    return original.apply(this, arguments);
  };
})();
"""


class DevTools:
    """One headless Chromium tab driven over the Chrome DevTools Protocol through ``--remote-debugging-pipe``.

    Messages are JSON separated by NUL bytes on file descriptors 3 (to the browser) and 4 (from it), so no
    port is opened and nothing else can connect.
    """

    def __init__(self, browser: str, width: int = 1400, height: int = 900) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="ag-cdp-")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def wire() -> None:
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [browser, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={self.profile.name}"],
            pass_fds=(3, 4),
            preexec_fn=wire,  # only dup2: safe before exec
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)
        self.call("Page.addScriptToEvaluateOnNewDocument", session=True, source=TEXT_HOOK)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)  # type: ignore[no-any-return]

    def call(self, method: str, session: bool = False, timeout: float = 60.0, **params: Any) -> Any:
        """Send one command and wait for its answer (events that arrive meanwhile are kept)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            answer = self._receive(timeout)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def open(self, url: str, timeout: float = 60.0) -> None:
        """Navigate and wait for the load event."""
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._receive(max(0.1, deadline - time.monotonic())))

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """Poll an expression until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.eval(expression)
            if value or time.monotonic() > deadline:
                assert value, f"timed out waiting for {expression}"
                return value
            time.sleep(0.1)

    def settle(self) -> None:
        """Let the page draw the frames it has scheduled (two animation frames)."""
        self.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")

    def mouse(self, kind: str, x: float, y: float) -> None:
        """A real mouse event at CSS pixel ``(x, y)`` of the viewport."""
        extra = {"button": "left", "clickCount": 1} if kind != "mouseMoved" else {}
        self.call("Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, **extra)

    def click(self, x: float, y: float) -> None:
        """Move there, press and release the left button."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.mouse(kind, x, y)

    def click_element(self, selector: str) -> None:
        """Click the middle of the first element matching ``selector``."""
        box = self.eval(
            f"(function(){{var r=document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            "return [r.left + r.width / 2, r.top + r.height / 2];})()"
        )
        self.click(box[0], box[1])

    def close(self) -> None:
        """Close the browser and remove its profile."""
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._read)
        os.close(self._write)
        self.profile.cleanup()


@pytest.fixture(scope="session")
def devtools(chromium: str) -> Iterator[DevTools]:
    tab = DevTools(chromium)
    yield tab
    tab.close()


def test_fixture_page_renders(chromium: str, tmp_path: Path) -> None:
    page = write_html(read(FIXTURE), tmp_path / "fixture.html", title="Fixture")
    done = run_chromium(chromium, page.resolve().as_uri(), "--dump-dom")
    result = status(done.stdout)
    if not result["drawn"]:  # a loaded machine: give the first frame more (virtual) time
        done = run_chromium(chromium, page.resolve().as_uri(), "--dump-dom", budget_ms=15000)
        result = status(done.stdout)
    assert result["ready"] is True and result["drawn"] is True
    assert result["nodes"] == 8 and result["edges"] == 18
    assert result["errors"] == []
    assert console_errors(done.stderr) == []


def test_evidence_panel_and_screenshot(chromium: str, tmp_path: Path) -> None:
    page = write_html(read(FIXTURE), tmp_path / "fixture.html", title="Fixture")
    dom = dump_dom(chromium, page, "#node=5")  # Russia (nodes are numbered in IRI order)
    assert "<h2>Russia</h2>" in dom and "Sergey Lavrov" in dom
    dom = dump_dom(chromium, page, "#actor=Azerbaijan")  # a link to an actor's neighbourhood, by name
    assert "<h2>Azerbaijan</h2>" in dom and re.search(r'<nav id="ag-crumbs"[^>]*>.*Azerbaijan', dom, re.S)
    png = screenshot(chromium, page, tmp_path / "fixture.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_hostile_page_runs_no_script(chromium: str, tmp_path: Path) -> None:
    title = "<script>document.title='PWNED'</script>"
    page = tmp_path / "hostile.html"
    page.write_text(render_html(read(HOSTILE), title=title), encoding="utf-8")
    doms = {}
    for fragment in ("", "#edge=0", "#edge=1", "#node=1"):  # plain, both evidence panels, an actor panel
        done = run_chromium(chromium, page.resolve().as_uri() + fragment, "--dump-dom")
        dom = doms[fragment] = done.stdout
        result = status(dom)
        assert result["ready"] is True and result["errors"] == [], (fragment, result)
        titles = re.findall(r"<title>(.*?)</title>", dom, re.S)
        assert titles == ["&lt;script&gt;document.title='PWNED'&lt;/script&gt;"], titles
        assert "<script>alert" not in dom and "<img src" not in dom and "<svg onload" not in dom
        assert not [h for h in element_urls(dom) if not h.startswith(("#", "https:", "http:"))]
        assert console_errors(done.stderr) == []
    # the payloads are on the page, as text
    dom = doms["#edge=1"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom
    assert "&lt;svg onload=alert(1)&gt;" in dom


# ----------------------------------------------------------------------------- issue 14: a real corpus

DRAWN = "JSON.parse(document.getElementById('ag-status').textContent).drawn === true"
VISIBLE = """(function () {
  var n = nodes.get({filter: function (x) { return !x.hidden && !(x.opacity < 0.5); }}).length;
  var e = edges.get({filter: function (x) {
    return !x.hidden && !(x.color && x.color.opacity < 0.5);
  }}).length;
  return [n, e];
})()"""
NODE_BOXES = """(function () {
  var c = network.canvas.frame.canvas, out = [];
  nodes.getIds().forEach(function (id) {
    if (nodes.get(id).hidden) { return; }
    var b = network.getBoundingBox(id);
    var tl = network.canvasToDOM({x: b.left, y: b.top}), br = network.canvasToDOM({x: b.right, y: b.bottom});
    out.push([id, tl.x, tl.y, br.x, br.y]);
  });
  return {w: c.clientWidth, h: c.clientHeight, boxes: out};
})()"""


@pytest.fixture(scope="module")
def wh_multi(wh300_build: Path) -> nx.MultiDiGraph:
    return read(wh300_build / "store")


@pytest.fixture(scope="module")
def wh_page(wh_multi: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> str:
    page = write_html(wh_multi, tmp_path_factory.mktemp("wh-page") / "wh300.html", title="300 readouts")
    return page.resolve().as_uri()


def open_page(tab: DevTools, url: str) -> dict[str, int]:
    """Open a page, wait for its first frame; returns the page's node ids by IRI."""
    tab.open(url)
    tab.wait_for(DRAWN)
    tab.settle()
    script = "JSON.parse(document.getElementById('ag-data').textContent).nodes.map(n => [n.iri, n.id])"
    pairs = tab.eval(script)
    return {iri: node_id for iri, node_id in pairs}


def edge_groups(multi: nx.MultiDiGraph) -> dict[tuple[str, str, str], int]:
    """What the page draws as edges: statements per (subject, object, relation), symmetric ones unordered."""
    groups: dict[tuple[str, str, str], int] = {}
    for u, v, data in multi.edges(data=True):
        a, b = (u, v) if not data.get("symmetric") or str(u) <= str(v) else (v, u)
        key = (str(a), str(b), str(data["relation"]))
        groups[key] = groups.get(key, 0) + 1
    return groups


def top_actors(multi: nx.MultiDiGraph, count: int) -> list[str]:
    """The labels of the ``count`` actors in the most statements."""
    activity = dict.fromkeys(multi.nodes, 0)
    for u, v in multi.edges():
        activity[u] += 1
        if v != u:
            activity[v] += 1
    ranked = sorted(multi.nodes, key=lambda n: (-activity[n], str(multi.nodes[n]["label"]), str(n)))
    return [str(multi.nodes[n]["label"]) for n in ranked[:count]]


def drawn_labels(tab: DevTools) -> list[dict[str, Any]]:
    """Every string drawn in the next frame, with its size and box in CSS pixels of the viewport."""
    tab.eval("window.__agTextLog.length = 0; network.redraw(); true")
    tab.settle()
    out = []
    for r in tab.eval("window.__agTextLog.slice()"):
        size = float(re.search(r"([\d.]+)px", r["font"]).group(1))  # type: ignore[union-attr]
        scale = r["a"] / r["ratio"]
        x, y = (r["a"] * r["x"] + r["e"]) / r["ratio"], (r["d"] * r["y"] + r["f"]) / r["ratio"]
        px = size * scale
        assert r["align"] == "left" and r["baseline"] == "middle"
        out.append({"text": r["text"], "px": px, "box": (x, y - px / 2, x + r["width"] * scale, y + px / 2)})
    return out


def test_first_draw_fits_every_node_inside_the_canvas(devtools: DevTools, wh_page: str) -> None:
    """Issue 14: after the first draw every node's box lies inside the canvas, and the graph fills it."""
    open_page(devtools, wh_page)

    def check() -> None:
        found = devtools.eval(NODE_BOXES)
        w, h = found["w"], found["h"]
        outside = [b for b in found["boxes"] if b[1] < 0 or b[2] < 0 or b[3] > w or b[4] > h]
        assert not outside and len(found["boxes"]) > 50, outside[:5]
        left, top = min(b[1] for b in found["boxes"]), min(b[2] for b in found["boxes"])
        right, bottom = max(b[3] for b in found["boxes"]), max(b[4] for b in found["boxes"])
        assert right - left >= 0.85 * w or bottom - top >= 0.8 * h  # fitted, not a small island

    check()
    devtools.eval("network.moveTo({position: {x: 4000, y: -3000}, scale: 3, animation: false}); true")
    devtools.click_element("#ag-reset")  # "Reset view" fits the whole graph again
    devtools.settle()
    check()


def test_labels_are_legible(devtools: DevTools, wh_page: str, wh_multi: nx.MultiDiGraph) -> None:
    """Issue 14: the 30 most active actors are labelled at >= 11 px; minor labels come on zoom and hover."""
    open_page(devtools, wh_page)
    labels = drawn_labels(devtools)
    by_text = {label["text"]: label for label in labels}
    top = top_actors(wh_multi, MAJOR_LABELS)
    missing = [name for name in top if name not in by_text]
    assert not missing, missing
    assert min(by_text[name]["px"] for name in top) >= 11
    assert len(labels) == MAJOR_LABELS  # minor actors are not labelled at the default zoom
    boxes = [label["box"] for label in labels]
    clashes = [
        (labels[i]["text"], labels[j]["text"])
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i][0] < boxes[j][2] - 0.5
        and boxes[j][0] < boxes[i][2] - 0.5
        and boxes[i][1] < boxes[j][3] - 0.5
        and boxes[j][1] < boxes[i][3] - 0.5
    ]
    assert clashes == []
    # hovering a minor actor labels it
    minor = devtools.eval(
        "(function(){var d=JSON.parse(document.getElementById('ag-data').textContent);"
        "var c=network.canvas.frame.canvas.getBoundingClientRect();"
        f"var n=d.nodes.filter(function(n){{return n.rank>={MAJOR_LABELS};}})"
        ".sort(function(a,b){return a.rank-b.rank;})[0];"
        "var p=network.canvasToDOM(network.getPosition(n.id));return [n.label,c.left+p.x,c.top+p.y];})()"
    )
    assert minor[0] not in by_text
    devtools.mouse("mouseMoved", minor[1], minor[2])
    devtools.wait_for("window.__agTextLog.length > 0")
    assert minor[0] in {label["text"] for label in drawn_labels(devtools)}
    devtools.mouse("mouseMoved", 5, 400)
    # zooming in labels minor actors too, still at >= 11 px
    devtools.eval("network.moveTo({scale: network.getScale() * 2.5, animation: false}); true")
    zoomed = drawn_labels(devtools)
    assert any(label["text"] not in top for label in zoomed)
    assert min(label["px"] for label in zoomed) >= 11


def test_ego_mode_and_breadcrumb(devtools: DevTools, wh_page: str, wh_multi: nx.MultiDiGraph) -> None:
    """Issue 14: clicking an actor keeps its neighbourhood and fades the rest; the breadcrumb leads back."""
    ids = open_page(devtools, wh_page)
    groups = edge_groups(wh_multi)
    total = devtools.eval(VISIBLE)
    assert total == [wh_multi.number_of_nodes(), len(groups)]

    def neighbourhood(iri: str) -> tuple[set[str], int]:
        incident = [(a, b) for a, b, _rel in groups if iri in (a, b)]
        return {iri} | {x for pair in incident for x in pair}, len(incident)

    def click_actor(iri: str) -> None:
        x, y = devtools.eval(
            "(function(){var c=network.canvas.frame.canvas.getBoundingClientRect();"
            f"var p=network.canvasToDOM(network.getPosition({ids[iri]}));return [c.left+p.x,c.top+p.y];}})()"
        )
        devtools.click(x, y)
        devtools.settle()

    ranked = sorted(wh_multi.nodes, key=lambda n: -len(neighbourhood(str(n))[0]))
    first = str(ranked[3])  # a busy actor, not the biggest hub
    click_actor(first)
    members, incident = neighbourhood(first)
    assert devtools.eval(VISIBLE) == [len(members), incident]
    label = wh_multi.nodes[first]["label"]
    assert devtools.eval("document.getElementById('ag-crumbs').textContent") == f"All actors›{label}"
    second = max(members - {first}, key=lambda n: (len(neighbourhood(n)[0]), n))
    click_actor(second)  # walk on to a neighbour
    members, incident = neighbourhood(second)
    assert devtools.eval(VISIBLE) == [len(members), incident]
    crumbs = devtools.eval("document.getElementById('ag-crumbs').textContent")
    assert crumbs == f"All actors›{label}›{wh_multi.nodes[second]['label']}"
    devtools.click_element("#ag-crumbs button:nth-of-type(2)")  # back to the first actor
    devtools.settle()
    members, incident = neighbourhood(first)
    assert devtools.eval(VISIBLE) == [len(members), incident]
    devtools.click_element("#ag-crumb-all")
    devtools.settle()
    assert devtools.eval(VISIBLE) == total
    assert devtools.eval("document.getElementById('ag-crumbs').textContent") == ""


def test_date_and_evidence_sliders(devtools: DevTools, wh_page: str, wh300_build: Path) -> None:
    """Issue 14: the date range re-filters edges and recounts evidence; min. evidence hides thin edges."""
    open_page(devtools, wh_page)
    full = read(wh300_build / "store")

    def slide(element: str, value: int) -> None:
        devtools.eval(
            f"(function(){{var e=document.getElementById({json.dumps(element)});e.value={value};"
            "e.dispatchEvent(new Event('input',{bubbles:true}));return true;})()"
        )
        devtools.settle()

    def shown_counts() -> dict[tuple[str, str, str], int]:
        rows = devtools.eval(
            "(function(){var d=JSON.parse(document.getElementById('ag-data').textContent);"
            "return d.edges.filter(function(e){return !edges.get(e.id).hidden;}).map(function(e){"
            "return [d.nodes[e.from].iri,d.nodes[e.to].iri,e.rel,edges.get(e.id).title];});})()"
        )
        return {(a, b, r): int(re.search(r"× (\d+)", title).group(1)) for a, b, r, title in rows}  # type: ignore[union-attr]

    months = int(devtools.eval("document.getElementById('ag-date-to').max"))
    assert months > 24
    slide("ag-date-from", 12)  # the second year of the statements
    slide("ag-date-to", 23)
    shown = devtools.eval("document.getElementById('ag-date-label').textContent")
    first, last = re.findall(r"\d{4}-\d{2}", shown)
    bounds_last = f"{last}-{[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][int(last[5:]) - 1]}"
    expected = edge_groups(read(wh300_build / "store", since=f"{first}-01", until=bounds_last))
    assert 0 < len(expected) < len(edge_groups(full))
    assert shown_counts() == expected  # the edges of the range, each with its statements in the range
    nodes_expected = {x for a, b, _r in expected for x in (a, b)}
    assert devtools.eval(VISIBLE) == [len(nodes_expected), len(expected)]
    slide("ag-date-from", 0)
    slide("ag-date-to", months)
    slide("ag-min-evidence", 3)
    thick = {key: n for key, n in edge_groups(full).items() if n >= 3}
    assert 0 < len(thick) < len(edge_groups(full))
    assert shown_counts() == thick
    assert devtools.eval(VISIBLE) == [len({x for a, b, _r in thick for x in (a, b)}), len(thick)]


def test_no_raw_json_is_visible_but_the_status_is_readable(devtools: DevTools, wh_page: str) -> None:
    """Issue 14: the status meant for tests stays in the page, hidden; no visible text is raw JSON."""
    open_page(devtools, wh_page)
    devtools.click_element("#ag-show-matrix")  # the matrix tab shows too
    devtools.settle()
    assert devtools.eval("document.querySelectorAll('#ag-matrix tbody tr').length") == 40
    devtools.click_element("#ag-show-graph")
    devtools.settle()
    offenders = devtools.eval(
        """(function () {
      var out = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        var node = walker.currentNode, text = node.nodeValue.trim(), parent = node.parentElement;
        if (!text || !parent || !parent.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) {
          continue;
        }
        var json = false;
        if (/^[\\[{]/.test(text)) {
          try { var v = JSON.parse(text); json = typeof v === "object" && v !== null; }
          catch (e) { json = false; }
        }
        if (json || /[{,]\\s*"[^"]+"\\s*:/.test(text)) { out.push(text.slice(0, 80)); }
      }
      return out;
    })()"""
    )
    assert offenders == []
    status_text = devtools.eval("document.getElementById('ag-status').textContent")
    assert json.loads(status_text)["drawn"] is True and json.loads(status_text)["errors"] == []
    assert devtools.eval("document.getElementById('ag-status').checkVisibility()") is False


def synthetic_graph(nodes: int = 5000, statements: int = 15000, seed: int = 7) -> nx.MultiDiGraph:
    """A deterministic random statement graph with a heavy-tailed degree distribution."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(level="actor")
    types = ["State", "Person", "StateBody", "InternationalOrganization", "NonStateGroup"]
    for i in range(nodes):
        g.add_node(f"n{i}", label=f"Actor {i}", type=types[i % 5], state=None, iri=f"urn:x:{i}", actors=[])
    relations = [
        ("supports", 1, False),
        ("accuses", -1, False),
        ("consultsWith", 1, True),
        ("requests", 0, False),
    ]
    k = 0
    while k < statements:
        u = rng.randrange(nodes)
        v = (u + 1 + int(rng.paretovariate(1.2) * 3)) % nodes if rng.random() < 0.7 else rng.randrange(nodes)
        if u == v:
            continue
        relation, polarity, symmetric = relations[k % 4]
        g.add_edge(
            f"n{u}",
            f"n{v}",
            key=f"s{k}",
            relation=relation,
            polarity=polarity,
            symmetric=symmetric,
            date=f"2020-{1 + k % 12:02d}-01",
            confidence=0.9,
            hedged=k % 7 == 0,
            mood="asserted",
            negated=False,
            sentence=f"Sentence {k}.",
            doc="synthetic.md",
        )
        k += 1
    return g


def test_large_graph_opens(chromium: str, tmp_path: Path) -> None:
    g = synthetic_graph()
    started = time.perf_counter()
    html = render_html(g, title="synthetic")
    render_seconds = time.perf_counter() - started
    expected_edges = len(
        json.loads(
            re.search(  # type: ignore[union-attr]
                r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S
            ).group(1)
        )["edges"]
    )
    page = tmp_path / "large.html"
    page.write_text(html, encoding="utf-8")
    started = time.perf_counter()
    done = run_chromium(chromium, page.resolve().as_uri(), "--dump-dom", budget_ms=15000)
    browser_seconds = time.perf_counter() - started
    result = status(done.stdout)
    assert result["drawn"] is True and result["errors"] == []
    assert result["nodes"] == 5000 and result["edges"] == expected_edges > 14000
    assert render_seconds < 60 and browser_seconds < 120, (render_seconds, browser_seconds)


def main(argv: list[str]) -> int:
    """``python tests/test_browser.py GRAPH PNG [GRAPH PNG ...]``: screenshots of pages (for the README)."""
    if not argv or len(argv) % 2:
        print(__doc__)
        return 2
    browser = find_chromium()
    if browser is None:
        print("Chromium not found: apt-get install chromium", file=sys.stderr)
        return 1
    for graph, target in zip(argv[::2], argv[1::2], strict=True):
        png, _, fragment = target.partition("#")  # docs/ego.png#actor=Turkey: the page opened at that actor
        with tempfile.TemporaryDirectory() as tmp:
            title = f"actorgraph: {graph}"
            page = write_html(read(graph), Path(tmp) / "graph.html", title=title)
            screenshot(browser, page, Path(png), budget_ms=8000, fragment=fragment)
        print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
