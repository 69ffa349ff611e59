"""The HTML view in a real browser: headless Chromium (Debian's ``chromium`` package), network off.

Each test writes a page, opens it with ``--dump-dom`` (the page's script reports what it rendered and every
error it caught into ``<pre id="ag-status">``) or ``--screenshot``, and checks the result. Without Chromium
the tests skip, saying how to install it, except in CI (``CI=true``), where they fail instead.

Run as a script to refresh the README picture::

    python tests/test_browser.py out/store docs/graph.png
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import pytest

from actorgraph.netview import to_networkx
from actorgraph.views import render_html, write_html

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


def screenshot(browser: str, page: Path, png: Path, size: str = "1400,900", budget_ms: int = 5000) -> Path:
    """Save a screenshot of ``page`` to ``png``."""
    png.parent.mkdir(parents=True, exist_ok=True)
    run_chromium(
        browser,
        page.resolve().as_uri(),
        f"--screenshot={png.resolve()}",
        f"--window-size={size}",
        budget_ms=budget_ms,
    )
    return png


def status(dom: str) -> dict[str, object]:
    match = re.search(r'<pre id="ag-status">(.*?)</pre>', dom, re.S)
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


def test_fixture_page_renders(chromium: str, tmp_path: Path) -> None:
    page = write_html(FIXTURE, tmp_path / "fixture.html", title="Fixture")
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
    page = write_html(FIXTURE, tmp_path / "fixture.html", title="Fixture")
    dom = dump_dom(chromium, page, "#node=5")  # Russia (nodes are numbered in IRI order)
    assert "<h2>Russia</h2>" in dom and "Sergey Lavrov" in dom
    png = screenshot(chromium, page, tmp_path / "fixture.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_hostile_page_runs_no_script(chromium: str, tmp_path: Path) -> None:
    title = "<script>document.title='PWNED'</script>"
    page = tmp_path / "hostile.html"
    page.write_text(render_html(to_networkx(str(HOSTILE)), title=title), encoding="utf-8")
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
    """``python tests/test_browser.py GRAPH PNG``: screenshot of GRAPH's page (for the README)."""
    if len(argv) != 2:
        print(__doc__)
        return 2
    browser = find_chromium()
    if browser is None:
        print("Chromium not found: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = write_html(argv[0], Path(tmp) / "graph.html", title="actorgraph: corpus")
        screenshot(browser, page, Path(argv[1]), budget_ms=8000)
    print(f"wrote {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
