"""Reliability, round two: each failure of the second hostile probe, reproduced, and what must happen instead.

Every test here failed before the fix it covers. Nothing reaches the network: the only servers are started
by the tests on 127.0.0.1, and they record every request they get. Resource tests run their subject in a
child process under an address-space limit (``resource.setrlimit(RLIMIT_AS)``, as ``ulimit -v``) and a
time limit, so a regression fails the test instead of exhausting the machine.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

import fake_extract
from actorgraph.build import build_graph_files
from actorgraph.cli import cli
from actorgraph.documents import SPLIT_BLOCK_CHARS, blocks, load_document, load_documents
from actorgraph.errors import InputError, QueryError, QueryRefusedError
from actorgraph.graph import build_dataset, write_graph
from actorgraph.model import Assertion, Document
from actorgraph.outdir import GENERATIONS
from actorgraph.sparql import CheckedQuery, check_query, resolve_params
from actorgraph.store import EndpointError, MemoryStore, open_store, push, write_store
from actorgraph.triples import doc_iri
from children import run_measured
from tiny_fixture import build_tiny_dataset

DATA = Path(__file__).resolve().parent / "data"

REPO = Path(__file__).resolve().parents[1]
GB = 1024**3

# ----------------------------------------------------------------------------- helpers


class Recorder(http.server.BaseHTTPRequestHandler):
    """Records every request and answers 500: a SPARQL endpoint nobody should ever reach."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(f"{self.command} {self.path}")
        self.send_response(500)
        self.end_headers()

    do_POST = do_PUT = do_GET

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP listener; yields its base URL and the list of requests it saw."""
    requests: list[str] = []
    handler = type("Handler", (Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child Python: this one, with tests/data importable (fake_extract and the like)."""
    path = os.pathsep.join(p for p in (str(DATA), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


#: Runs the CLI in a child process, optionally under an address-space limit and with the fake extractor.
CHILD = """
import atexit, os, resource, sys
limit = os.environ.get("AG_LIMIT_BYTES")
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))
peak = os.environ.get("AG_PEAK_FILE")
if peak:
    def _high_water():
        with open("/proc/self/status") as status, open(peak, "w") as out:
            out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
    atexit.register(_high_water)
if os.environ.get("AG_FAKE_EXTRACT"):
    import fake_extract
    fake_extract.install()
from actorgraph.cli import main
sys.argv = ["actorgraph", *sys.argv[1:]]
main()
"""


def run_cli(
    args: list[str],
    *,
    limit_bytes: int | None = None,
    fake: bool = False,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    env = child_env(PYTHONUNBUFFERED="1")
    if limit_bytes:
        env["AG_LIMIT_BYTES"] = str(limit_bytes)
    if fake:
        env["AG_FAKE_EXTRACT"] = "1"
    return subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
    )


def run_cli_peak(args: list[str], stderr: Path, *, limit_bytes: int, timeout: float) -> tuple[int, float]:
    """Run the CLI as :func:`run_cli` does; return its exit code and the peak RSS (MB) of that child alone.

    The child writes its own high-water mark (``VmHWM``) as it exits: the ``ru_maxrss`` that ``wait4`` reports
    also counts the copy of this test process the child was forked from, so a test process grown past the
    bound (models and corpora loaded by earlier tests) made a small child look big.
    """
    peak = stderr.with_name(stderr.name + ".peak")
    env = child_env(PYTHONUNBUFFERED="1", AG_LIMIT_BYTES=str(limit_bytes), AG_PEAK_FILE=str(peak))
    with stderr.open("wb") as err:
        code, _ = run_measured([sys.executable, "-c", CHILD, *args], timeout=timeout, stderr=err, env=env)
    return code, int(peak.read_text(encoding="utf-8")) / 1024 if peak.is_file() else float("inf")


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("round2-graphs")
    return {
        "ttl": write_graph(build_tiny_dataset(), root / "g.ttl"),
        "store": write_store(build_tiny_dataset(), root / "store"),
    }


# ----------------------------------------------------------------------------- the query guard

SMUGGLED_SERVICE = (
    'SELECT * WHERE {{ BIND("a\\u0022 + " AS ?x) SERVICE <{url}/x> {{ ?a ?b ?c }} '
    'BIND(" + \\u0022d" AS ?y) }}'
)
SMUGGLED_LOAD = (
    'INSERT {{ <a:s> <a:p> ?x }} WHERE {{ BIND("a\\u0022 + " AS ?x) }} ; LOAD <{url}/data.ttl> ; '
    'INSERT {{ <a:s> <a:p> ?y }} WHERE {{ BIND(" + \\u0022d" AS ?y) }}'
)


@pytest.mark.parametrize("where", ["store", "ttl"])
def test_escaped_quote_cannot_smuggle_service(
    where: str, graphs: dict[str, Path], listener: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, requests = listener
    query_file = tmp_path / "q.rq"
    query_file.write_text(SMUGGLED_SERVICE.format(url=url), encoding="utf-8")
    code, output = invoke(["query", str(graphs[where]), "-f", str(query_file)])
    assert requests == [], output
    # the escapes are decoded once: the SERVICE is then inside a string, in the checker and in the engine
    assert code == 0, output


def test_escaped_quote_cannot_smuggle_load(
    graphs: dict[str, Path], listener: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, requests = listener
    store = tmp_path / "store"
    shutil.copytree(graphs["store"], store)
    query_file = tmp_path / "u.rq"
    query_file.write_text(SMUGGLED_LOAD.format(url=url), encoding="utf-8")
    code, output = invoke(["query", str(store), "-f", str(query_file), "--allow-update"])
    assert requests == [], output
    assert code == 0, output


def test_checked_text_is_the_text_that_runs() -> None:
    checked = check_query('SELECT ?x WHERE { BIND("\\u0041\\U00000042" AS ?x) }')
    assert checked.text == 'SELECT ?x WHERE { BIND("AB" AS ?x) }'
    with open_store(build_tiny_dataset(), "oxigraph") as store:
        assert store.select('SELECT ?x WHERE { BIND("\\u0041\\U00000042" AS ?x) }').rows == [("AB",)]
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        check_query('SELECT * { BIND("\\u0022 AS ?x) SERVICE <http://e/> {} BIND(\\u0022" AS ?y) }')


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { BIND("\\u005Cu0022" AS ?x) }',  # decodes to another escape
        'SELECT * { BIND("\\U0000005Cu0022" AS ?x) }',
        'SELECT * { BIND("a\\u005CU00000022" AS ?x) }',
    ],
)
def test_escape_that_decodes_to_an_escape_is_refused(text: str) -> None:
    with pytest.raises(QueryRefusedError, match="escape"):
        check_query(text)


def test_rdflib_engine_refuses_service_and_load_even_past_the_guard(listener: tuple[str, list[str]]) -> None:
    """The guard aside, rdflib's engine runs sandboxed: SERVICE refused, no graph loading, no socket."""
    url, requests = listener
    store = MemoryStore(build_tiny_dataset(), allow_update=True)
    service = CheckedQuery(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", "SELECT")
    with pytest.raises(QueryError):
        store._select(service, {})
    store._update(CheckedQuery(f"LOAD <{url}/data.ttl>", "UPDATE"))  # graph loading is off: nothing fetched
    unchecked_from = CheckedQuery(f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}", "SELECT")
    store._select(unchecked_from, {})  # FROM names a graph the store does not have: no rows, no fetch
    assert requests == []
    # and the sandbox is off outside our queries
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{url}/outside", timeout=5)
    assert requests == ["GET /outside"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty query"),
        ("  # only a comment\n\n", "empty query"),
        ("PREFIX ex: <http://e/>", "empty query"),
    ],
)
def test_empty_query_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        check_query(text)
    assert not isinstance(info.value, QueryRefusedError)


def test_empty_rq_file_is_named(graphs: dict[str, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.rq"
    empty.write_text("\n", encoding="utf-8")
    code, output = invoke(["query", str(graphs["ttl"]), "-f", str(empty)])
    assert code == 1 and f"{empty}: empty query file" in output
    comments = tmp_path / "comments.rq"
    comments.write_text("# nothing here\n", encoding="utf-8")
    code, output = invoke(["query", str(graphs["ttl"]), "-f", str(comments)])
    assert code == 1 and "empty query" in output and "update" not in output


# ----------------------------------------------------------------------------- data lost or mixed up


def test_same_relative_path_in_two_inputs_is_an_error_naming_both(tmp_path: Path) -> None:
    for folder in ("A", "B"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(
            f"Turkey supports Azerbaijan ({folder}).\n", encoding="utf-8"
        )
    with pytest.raises(InputError) as info:
        list(load_documents([tmp_path / "A" / "a.txt", tmp_path / "B" / "a.txt"]))
    assert str(tmp_path / "A" / "a.txt") in str(info.value) and str(tmp_path / "B" / "a.txt") in str(
        info.value
    )
    with pytest.raises(InputError, match=r"same document name 'a\.txt'"):
        list(load_documents([tmp_path / "A", tmp_path / "B"]))
    # the build stops before extracting anything, and says why
    out = tmp_path / "out"
    code, output = invoke(
        ["build", str(tmp_path / "A" / "a.txt"), str(tmp_path / "B" / "a.txt"), "-o", str(out)]
    )
    assert code == 1 and "same document name" in output and "A/a.txt" in output and "B/a.txt" in output
    # the same file reached twice is read once
    docs = list(load_documents([tmp_path / "A", tmp_path / "A" / "a.txt"]))
    assert [d.name for d in docs if isinstance(d, Document)] == ["a.txt"]


def _assertion(doc: str, sentence: str) -> Assertion:
    return fake_extract.fake_assertions(Document(doc, sentence))[0]


@pytest.mark.parametrize(
    "names", [("Россия.txt", "Турция.txt"), ("report 1.txt", "report-1.txt"), ("A.TXT", "a.txt")]
)
def test_document_iris_never_collide(names: tuple[str, str]) -> None:
    docs = [Document(name, "", title=name) for name in names]
    assertions = [_assertion(name, f"Sentence of {name}.") for name in names]
    dataset = build_dataset(assertions, docs)
    assert doc_iri(names[0]) != doc_iri(names[1])
    with open_store(dataset, "memory") as store:
        rows = store.select(
            "SELECT ?name ?sentence WHERE { ?st prov:wasDerivedFrom ?s . ?s nif:anchorOf ?sentence ; "
            "dcterms:isPartOf ?doc . ?doc dcterms:identifier ?name } ORDER BY ?name"
        ).rows
    assert sorted(rows) == sorted((name, f"Sentence of {name}.") for name in names)


def test_one_bad_byte_does_not_turn_a_utf8_file_into_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    good = "Çavuşoğlu met Lavrov in Moscow.\n".encode()
    path.write_bytes(good + b"Turkey supports Azerbaijan \xff today.\n" + "Erdoğan spoke.\n".encode())
    doc = load_document(path)
    assert doc.text.startswith("Çavuşoğlu met Lavrov") and doc.text.endswith("Erdoğan spoke.\n")
    assert "Azerbaijan \ufffd today" in doc.text
    bad = len(good) + len(b"Turkey supports Azerbaijan ")
    assert any(f"line 2, byte {bad}" in w and "U+FFFD" in w for w in doc.warnings), doc.warnings
    assert not any("cp1252" in w for w in doc.warnings)


# ----------------------------------------------------------------------------- the output folder


def _corpus(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _snapshot(out: Path) -> dict[str, bytes]:
    files = [out / "graph.ttl", out / "assertions.jsonl", out / "graph.html"]
    files += sorted(p for p in (out / "store").rglob("*") if p.is_file())
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    from actorgraph.extract import Extractor

    monkeypatch.setattr(
        Extractor, "extract_documents", lambda self, docs, workers=1, scheduler=None: fake_extract_pairs(docs)
    )


def fake_extract_pairs(docs: Any) -> Iterator[tuple[Document, list[Assertion]]]:
    for doc in docs:
        yield doc, fake_extract.fake_assertions(doc)


#: Builds in a child process and kills itself (SIGKILL) at a chosen step of the write phase.
KILL_AT = """
import os, signal, sys
from pathlib import Path
import fake_extract
fake_extract.install()
import actorgraph.store, actorgraph.views, actorgraph.outdir
step = sys.argv[3]
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
target = {"store": (actorgraph.store, "write_store"), "html": (actorgraph.views, "write_html"),
          "publish": (actorgraph.outdir, "_fsync_dir")}[step]
setattr(*target, die)
from actorgraph.build import build_graph_files
build_graph_files([Path(sys.argv[1])], Path(sys.argv[2]))
"""


@pytest.mark.parametrize("step", ["store", "html", "publish"])
def test_kill_9_in_the_write_phase_leaves_the_previous_build_whole(
    fake: None, tmp_path: Path, step: str
) -> None:
    corpus = _corpus(tmp_path / "in", {"a.txt": "Turkey supports Azerbaijan.\n"})
    out = tmp_path / "out"
    build_graph_files([corpus], out)
    before = _snapshot(out)
    (corpus / "b.txt").write_text("Russia criticised Turkey.\n", encoding="utf-8")
    env = child_env()
    done = subprocess.run(
        [sys.executable, "-c", KILL_AT, str(corpus), str(out), step],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    assert _snapshot(out) == before  # the previous build, whole: JSONL, Turtle, store and HTML together
    summary = build_graph_files([corpus], out)
    assert summary.documents == 2 and not summary.up_to_date
    assert b"b.txt" in (out / "assertions.jsonl").read_bytes()
    assert len(list((out / GENERATIONS).iterdir())) == 1  # the killed build's generation is gone


def test_output_appears_at_once_and_consumers_keep_their_paths(fake: None, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", {"a.txt": "Turkey supports Azerbaijan.\n"})
    out = tmp_path / "out"
    build_graph_files([corpus], out)
    for name in ("graph.ttl", "assertions.jsonl", "graph.html", "store"):
        assert (out / name).exists() and os.readlink(out / name) == f".current/{name}"
    first = os.readlink(out / ".current")
    (corpus / "b.txt").write_text("Russia criticised Turkey.\n", encoding="utf-8")
    build_graph_files([corpus], out)
    assert os.readlink(out / ".current") != first
    code, output = invoke(["query", str(out / "store"), "SELECT (COUNT(*) AS ?n) { ?d a ag:Document }"])
    assert code == 0 and output.split()[-1] == "2"
    assert sorted(p.name for p in (out / GENERATIONS).iterdir()) == [
        os.readlink(out / ".current").split("/")[-1]
    ]


def test_build_dot_never_reads_its_own_output(tmp_path: Path) -> None:
    _corpus(tmp_path, {"a.txt": "Turkey supports Azerbaijan.\n"})
    first = run_cli(["build", ".", "-o", "out", "--no-progress"], fake=True, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run_cli(["build", ".", "-o", "out", "--no-progress"], fake=True, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("documents   1 "), again.stdout
    # an output folder of an older layout (plain files and a manifest) is not read either
    legacy = tmp_path / "old-out"
    legacy.mkdir()
    (legacy / ".build-manifest").write_text("actorgraph 0.1\n", encoding="utf-8")
    (legacy / "graph.html").write_text(
        "<html><body>Russia criticised Turkey.</body></html>", encoding="utf-8"
    )
    third = run_cli(["build", ".", "-o", "out", "--no-progress"], fake=True, cwd=tmp_path)
    assert third.stdout.startswith("documents   1 "), third.stdout


#: Holds the output folder's lock until the file named by argv[2] exists.
HOLD_LOCK = """
import sys, time
from pathlib import Path
from actorgraph.outdir import lock_output
with lock_output(sys.argv[1]):
    print("locked", flush=True)
    while not Path(sys.argv[2]).exists():
        time.sleep(0.05)
"""


def test_second_build_waits_for_the_first_with_a_message(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", {"a.txt": "Turkey supports Azerbaijan.\n"})
    out, release = tmp_path / "out", tmp_path / "release"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out), str(release)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        stderr = tmp_path / "stderr"
        env = child_env(AG_FAKE_EXTRACT="1")
        with stderr.open("w") as err:
            build = subprocess.Popen(
                [sys.executable, "-c", CHILD, "build", str(corpus), "-o", str(out), "--no-progress"],
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                env=env,
            )
            deadline = time.monotonic() + 60
            while "waiting" not in stderr.read_text() and time.monotonic() < deadline:
                assert build.poll() is None, "the second build did not wait"
                time.sleep(0.05)
            assert f"another actorgraph build (pid {holder.pid}) is writing {out}" in stderr.read_text()
            assert not (out / "graph.ttl").exists()  # nothing written while the other build holds the lock
            release.touch()
            stdout, _ = build.communicate(timeout=120)
        assert build.returncode == 0, stderr.read_text()
        assert "documents   1" in stdout and (out / "graph.ttl").exists()
    finally:
        release.touch()
        holder.wait(timeout=30)


#: Opens out/store for writing (as `oxigraph serve` does), reports the folder it resolved, writes on request.
HOLD_STORE = """
import os, sys, time
from pathlib import Path
import pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
print(os.path.realpath(sys.argv[1]), flush=True)
sys.stdin.readline()
store.update("INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }")
store.flush()
print(len(list(store.quads_for_pattern(None, None, None))), flush=True)
sys.stdin.readline()
"""


def test_rebuild_while_a_server_holds_the_store_keeps_its_store_linked(fake: None, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", {"a.txt": "Turkey supports Azerbaijan.\n"})
    out = tmp_path / "out"
    build_graph_files([corpus], out)
    server = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(out / "store")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        held = Path(server.stdout.readline().strip())
        (corpus / "b.txt").write_text("Russia criticised Turkey.\n", encoding="utf-8")
        summary = build_graph_files([corpus], out)
        assert any("still open for writing in another process" in w for w in summary.warnings), (
            summary.warnings
        )
        assert held.is_dir() and (held / "CURRENT").exists()  # the server's store was not unlinked
        assert os.path.realpath(out / "store") != str(held)  # out/store is the new build
        server.stdin.write("\n")
        server.stdin.flush()
        assert int(server.stdout.readline()) > 0  # its write landed in a store that still exists
        assert held.is_dir()
        server.stdin.write("\n")
        server.stdin.flush()
        server.wait(timeout=30)
        build_graph_files([corpus], out, html=False)  # once the server let go, the old store is removed
        assert not held.exists()
    finally:
        server.kill()
        server.wait()


def test_failed_push_says_what_the_server_already_holds(tmp_path: Path) -> None:
    received: list[int] = []

    class FailsOnSixth(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            received.append(1)
            self.send_response(204 if len(received) <= 5 else 500)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FailsOnSixth)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(EndpointError) as info:
            push(
                build_tiny_dataset(), f"http://127.0.0.1:{server.server_address[1]}/store", chunk_bytes=2_000
            )
    finally:
        server.shutdown()
        server.server_close()
    message = str(info.value)
    assert "HTTP 500" in message and "push stopped at request 6 of" in message
    assert "5 request(s) done" in message and "quads stored" in message and "partial copy" in message


def test_push_to_a_server_without_n_quads_sends_each_graph_as_n_triples(tmp_path: Path) -> None:
    received: list[tuple[str, str, int]] = []

    class TriplesOnly(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            kind = self.headers["Content-Type"]
            received.append((self.path, kind, body.count(b"\n")))
            self.send_response(415 if kind == "application/n-quads" else 204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    dataset = build_tiny_dataset()
    path = write_graph(dataset, tmp_path / "g.trig")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TriplesOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        summary = push(path, f"http://127.0.0.1:{server.server_address[1]}/store")
    finally:
        server.shutdown()
        server.server_close()
    assert received[0][1] == "application/n-quads" and received[0][0] == "/store"
    per_graph = received[1:]
    assert summary.requests == len(per_graph) == 4  # the default graph and three documents
    assert all(kind == "application/n-triples" for _, kind, _ in per_graph)
    assert per_graph[0][0] == "/store?default"
    named = sorted(p.split("graph=", 1)[1] for p, _, _ in per_graph[1:])
    assert len(named) == 3 and all(name.startswith("https%3A") for name in named)
    assert sum(n for _, _, n in per_graph) == summary.quads == received[0][2]


# ----------------------------------------------------------------------------- resource exhaustion

ALIAS_BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
title: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
Turkey supports Azerbaijan.
"""

LOAD_ONE = """
import json, os, resource, sys
limit = int(os.environ["AG_LIMIT_BYTES"])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from actorgraph.documents import load_documents, Skipped
out = []
for item in load_documents(sys.argv[1:]):
    if isinstance(item, Skipped):
        out.append({"name": item.name, "skipped": item.reason})
    else:
        out.append({"name": item.name, "title": item.title, "warnings": list(item.warnings),
                    "chars": len(item.text)})
print(json.dumps(out))
"""


def _load_limited(paths: list[Path], limit: int = 1 * GB, timeout: float = 60) -> list[dict[str, Any]]:
    env = {**os.environ, "AG_LIMIT_BYTES": str(limit)}
    done = subprocess.run(
        [sys.executable, "-c", LOAD_ONE, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def test_yaml_alias_bomb_in_front_matter_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert len(ALIAS_BOMB.encode()) < 400
    [doc] = _load_limited([path])
    assert doc["title"] is None and doc["chars"] == len(ALIAS_BOMB)
    assert any("front matter expands to more than" in w for w in doc["warnings"]), doc["warnings"]


def test_recursive_yaml_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.md"
    path.write_text("---\ntitle: &t [*t]\n---\nTurkey supports Azerbaijan.\n", encoding="utf-8")
    [doc] = _load_limited([path])
    assert doc["title"] is None and any("front matter" in w for w in doc["warnings"])


def test_fifo_and_device_inputs_are_skipped_not_read(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", {"a.txt": "Turkey supports Azerbaijan.\n"})
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    found = {d["name"]: d for d in _load_limited([folder], limit=GB // 2, timeout=30)}
    assert found["a.txt"]["chars"] > 0
    assert "not a regular file (a FIFO" in found["pipe.txt"]["skipped"]
    assert "not a regular file (a character device)" in found["zero.txt"]["skipped"]


def test_long_single_line_is_cut_into_bounded_blocks() -> None:
    sentence = "Officials said the talks would resume next week after a short break in Geneva. "
    doc = load_document_from_text(sentence * (1_000_000 // len(sentence)))
    spans = blocks(doc)
    # 64 blocks go to the parser together: blocks of at most 2,000 characters keep that batch small
    assert SPLIT_BLOCK_CHARS == 2_000 and max(end - start for start, end in spans) <= 2_000
    assert sum(end - start for start, end in spans) > 0.99 * len(doc.text.strip())


def load_document_from_text(text: str) -> Document:
    from actorgraph.documents import document_from_text

    return document_from_text(text)


@pytest.mark.slow
@pytest.mark.model
def test_one_megabyte_single_line_builds_in_bounded_memory(tmp_path: Path) -> None:
    """The README's figure: a 1 MB file with no line break is extracted under a 1.5 GB address-space limit."""
    sentences = [
        "Turkey supports Azerbaijan in the talks.",
        "Russia criticised the statement made by France on Tuesday.",
        "Officials said the negotiations would continue next week.",
        "Iran and Armenia signed an agreement.",
    ]
    text = " ".join(sentences[i % len(sentences)] for i in range(1_000_000 // 45))
    corpus = _corpus(tmp_path / "in", {"oneline.txt": text + "\n"})
    assert len(text) >= 1_000_000 and "\n" not in text
    out = tmp_path / "assertions.jsonl"
    stderr = tmp_path / "stderr"
    code, peak_mb = run_cli_peak(
        ["extract", str(corpus), "-o", str(out)], stderr, limit_bytes=3 * GB // 2, timeout=300
    )
    assert code == 0, stderr.read_text(encoding="utf-8", errors="replace")[-2000:]
    assert len(out.read_text(encoding="utf-8").splitlines()) > 1_000
    assert peak_mb < 1024, f"peak RSS {peak_mb:.0f} MB"


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.mark.parametrize(("where", "store_kind"), [("store", "auto"), ("ttl", "auto"), ("ttl", "memory")])
def test_query_timeout_on_embedded_stores(graphs: dict[str, Path], where: str, store_kind: str) -> None:
    started = time.monotonic()
    done = run_cli(
        ["query", str(graphs[where]), CROSS_PRODUCT, "--store", store_kind, "--timeout", "1"],
        limit_bytes=2 * GB,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout[-500:]
    assert "query timed out after 1 s" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("store_kind", ["auto", "memory"])
def test_row_cap_on_embedded_stores(graphs: dict[str, Path], store_kind: str) -> None:
    code, output = invoke(
        [
            "query",
            str(graphs["ttl"]),
            "SELECT * { ?a ?b ?c . ?d ?e ?f }",
            "--store",
            store_kind,
            "--max-rows",
            "500",
        ]
    )
    assert code == 1 and "more than 500 rows" in output and "--max-rows" in output
    code, output = invoke(
        ["query", str(graphs["ttl"]), "SELECT * { ?a ?b ?c } LIMIT 500", "--max-rows", "500"]
    )
    assert code == 0


def test_row_cap_on_an_endpoint() -> None:
    body = json.dumps(
        {
            "head": {"vars": ["s"]},
            "results": {"bindings": [{"s": {"type": "uri", "value": f"urn:x:{i}"}} for i in range(50)]},
        }
    ).encode()

    def answer(conn: socket.socket) -> None:
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        conn.sendall(head.encode() + body)

    url, close = _raw_server(answer)
    try:
        code, output = invoke(
            ["query", "--endpoint", url + "/query", "SELECT ?s { ?s ?p ?o }", "--max-rows", "20"]
        )
        assert code == 1 and "more than 20 rows" in output, output
        code, output = invoke(
            ["query", "--endpoint", url + "/query", "SELECT ?s { ?s ?p ?o }", "--max-rows", "50"]
        )
        assert code == 0 and "urn:x:49" in output, output
    finally:
        close()


def _raw_server(reply: Callable[[socket.socket], None]) -> tuple[str, Callable[[], None]]:
    """A one-purpose TCP server on 127.0.0.1 whose connections are answered by ``reply``."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            threading.Thread(target=_answer, args=(conn, reply, stop), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()

    def close() -> None:
        stop.set()
        server.close()

    return f"http://127.0.0.1:{server.getsockname()[1]}", close


def _answer(conn: socket.socket, reply: Callable[[socket.socket], None], stop: threading.Event) -> None:
    with conn:
        conn.settimeout(5)
        try:
            conn.recv(65536)
            reply(conn)
            while not stop.is_set():  # keep the connection open until the test ends
                time.sleep(0.05)
        except OSError:
            pass


def _drip(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 500\r\n\r\n{"
    )
    for _ in range(200):
        time.sleep(0.25)
        conn.sendall(b" ")


def _silent(conn: socket.socket) -> None:
    time.sleep(30)


@pytest.mark.parametrize("reply", [_drip, _silent], ids=["drips-bytes", "never-answers"])
def test_endpoint_that_hangs_or_drips_times_out(reply: Callable[[socket.socket], None]) -> None:
    url, close = _raw_server(reply)
    started = time.monotonic()
    try:
        with pytest.raises(QueryError) as info, open_store(url + "/query", timeout=1.5) as store:
            store.select("SELECT * { ?s ?p ?o }")
        assert time.monotonic() - started < 10
        assert "timed out after 1.5 s" in str(info.value) and "cannot reach" not in str(info.value)
        code, output = invoke(
            ["query", "--endpoint", url + "/query", "SELECT * { ?s ?p ?o }", "--timeout", "1"]
        )
        assert code == 1 and "timed out after 1 s" in output, output
    finally:
        close()


def test_endpoint_redirect_to_another_host_is_not_followed(listener: tuple[str, list[str]]) -> None:
    elsewhere, requests = listener
    other = elsewhere.replace("127.0.0.1", "localhost")

    def redirect(conn: socket.socket) -> None:
        conn.sendall(
            f"HTTP/1.1 307 Temporary Redirect\r\nLocation: {other}/x\r\nContent-Length: 0\r\n\r\n".encode()
        )

    url, close = _raw_server(redirect)
    try:
        code, output = invoke(["query", "--endpoint", url + "/query", "SELECT * { ?s ?p ?o }"])
    finally:
        close()
    assert code == 1 and "redirects to another host" in output, output
    assert requests == []


# ----------------------------------------------------------------------------- bad arguments


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "notadate"],
        ["--since", "2021-13-45"],
        ["--until", "yesterday"],
        ["--since", "2021", "--until", "2020"],
    ],
)
def test_bad_dates_are_usage_errors(graphs: dict[str, Path], args: list[str]) -> None:
    code, output = invoke(["analyze", str(graphs["ttl"]), *args])
    assert code == 2, output
    assert "date" in output or "after" in output


def test_good_dates_still_filter(graphs: dict[str, Path]) -> None:
    code, output = invoke(
        ["analyze", str(graphs["ttl"]), "--since", "2020-07", "--until", "2020-12-31", "--json"]
    )
    assert code == 0, output


DATED_SELECT = "SELECT ?s ?d WHERE { ?s ag:eventDate ?d FILTER(STR(?d) >= ?since) }\n"
DATED_QUERY = (
    "# since: statements dated from a day on\n# Parameters:\n#   ?since (date, required)  from\n"
    + DATED_SELECT
)


@pytest.mark.parametrize(
    ("param", "declared", "message"),
    [
        ("since=2020-01-01\n", True, "not an ISO date"),
        ("since=2020-01-01\n", False, "not an ISO date"),  # undeclared: a value shaped like a date is one
        ("since=2021-13-45", False, "not an ISO date"),
        ("since=2021-02-30", True, "not an ISO date"),
        ("x=http://example.org/x>y", False, "not a valid absolute IRI"),
        ("x=http://example.org/x\n", False, "not a valid absolute IRI"),
        ("x=<urn:a b>", False, "not a valid absolute IRI"),
        ("actor=actor:turkey/../x", False, "not an actor slug"),
        ("actor=  ", False, "not an actor name"),
        ("other=1", True, "has no parameter 'other'"),
    ],
)
def test_param_values_must_mean_what_the_parameter_means(
    graphs: dict[str, Path], tmp_path: Path, param: str, declared: bool, message: str
) -> None:
    query = tmp_path / "q.rq"
    query.write_text(DATED_QUERY if declared else DATED_SELECT, encoding="utf-8")
    extra = ["--param", "since=2020-01-01"] if declared and not param.startswith("since") else []
    code, output = invoke(["query", str(graphs["ttl"]), "-f", str(query), "--param", param, *extra])
    assert code == 1 and message in output, output


def test_unknown_param_of_a_library_query_is_an_error(graphs: dict[str, Path]) -> None:
    code, output = invoke(
        [
            "query",
            str(graphs["ttl"]),
            "--name",
            "timeline",
            "--param",
            "a=Turkey",
            "--param",
            "b=Russia",
            "--param",
            "since=2020-01-01",
        ]
    )
    assert code == 1 and "query timeline has no parameter 'since' (parameters: a, b)" in output


@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "0x10", "1_000", " 3"])
def test_number_params_are_numbers(value: str) -> None:
    with pytest.raises(QueryError, match="not a number"):
        resolve_params({"n": value}, {"n": "number"})


def test_repeated_param_is_an_error(graphs: dict[str, Path]) -> None:
    code, output = invoke(
        [
            "query",
            str(graphs["ttl"]),
            "--name",
            "allies_of",
            "--param",
            "actor=Turkey",
            "--param",
            "actor=Russia",
        ]
    )
    assert code == 2 and "actor is given twice" in output


def _bad_status(conn: socket.socket) -> None:
    conn.sendall(b"hello\r\n")
    conn.close()


def _cut_short(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabc")
    conn.close()


@pytest.mark.parametrize("case", ["rq-not-utf8", "shapes", "bad-status", "cut-short", "bad-url", "dev-zero"])
def test_expected_failures_are_not_labelled_unexpected(
    graphs: dict[str, Path], tmp_path: Path, case: str
) -> None:
    close: Callable[[], None] = lambda: None  # noqa: E731
    if case == "rq-not-utf8":
        bad = tmp_path / "bad.rq"
        bad.write_bytes(b"\xff\xfeSELECT")
        args, expected = ["query", str(graphs["ttl"]), "-f", str(bad)], "not UTF-8"
    elif case == "shapes":
        shapes = tmp_path / "shapes.ttl"
        shapes.write_text("@prefix x: <\n", encoding="utf-8")
        args, expected = ["validate", str(graphs["ttl"]), "--shapes", str(shapes)], "shapes.ttl:"
    elif case in ("bad-status", "cut-short"):
        url, close = _raw_server(_bad_status if case == "bad-status" else _cut_short)
        args = ["query", "--endpoint", url + "/query", "SELECT * { ?s ?p ?o }"]
        expected = "not an HTTP answer" if case == "bad-status" else "closed the connection"
    elif case == "bad-url":
        args, expected = ["query", "--endpoint", "http://[::1/query", "SELECT * { ?s ?p ?o }"], "not a valid"
    else:
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "zero.txt").symlink_to("/dev/zero")
        args, expected = ["extract", str(tmp_path / "in"), "--strict"], "not a regular file"
    try:
        code, output = invoke(args)
    finally:
        close()
    assert code == 1, output
    assert "unexpected" not in output and expected in output, output


def test_query_defaults_are_the_library_defaults() -> None:
    """The CLI spells its defaults out (importing the store at start-up costs time); they must agree."""
    from actorgraph.store import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    options = {p.name: p.default for p in cli.commands["query"].params}
    assert options["timeout"] == DEFAULT_TIMEOUT and options["max_rows"] == DEFAULT_MAX_ROWS
