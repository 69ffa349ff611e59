"""Bad input at the command line: a build over a messy folder, exit codes, one-line errors, graph inputs.

The library-level checks live with their modules (documents, graph, sparql, export); these tests drive the
CLI the way an analyst does and check what reaches the terminal: exit 0/1/2, one line per error naming the
file (and line and column), a summary listing skipped files, and no traceback unless ``--debug``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import cli
from actorgraph.documents import load_document
from actorgraph.graph import write_graph
from tiny_fixture import build_tiny_dataset

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "hostile"
INPUTS = HOSTILE / "inputs"
GRAPHS = HOSTILE / "graphs"
CORPUS = HERE.parent / "corpus"
GOOD = "05-sochi-idlib-memorandum.md"
PAGE = "scripted_article.html"
ACTORGRAPH = [sys.executable, "-m", "actorgraph"]

#: Hostile inputs mixed into one folder with a good corpus article (small ones: the pathological
#: files are exercised in test_pathological.py).
MIXED = (
    "binary.txt",
    "cp1252.txt",
    "empty.txt",
    "front_matter_bad_yaml.md",
    "latin1.txt",
    "only_boilerplate.md",
    "page.html",
    "utf16_bom.txt",
)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    folder: Path
    out: Path


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One build over a folder mixing a good article with binary, empty, mis-encoded and HTML files."""
    root = tmp_path_factory.mktemp("mixed")
    folder = root / "articles"
    folder.mkdir()
    shutil.copy(CORPUS / GOOD, folder / GOOD)
    shutil.copy(HOSTILE / "pages" / PAGE, folder / PAGE)
    for name in MIXED:
        shutil.copy(INPUTS / name, folder / name)
    out = root / "out"
    code, stdout, stderr = _invoke(["build", str(folder), "-o", str(out), "--no-store", "--no-html"])
    return Run(code, stdout, stderr, folder, out)


def _assertions(out: Path) -> list[dict[str, object]]:
    lines = (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _summary(run: Run, kind: str) -> dict[str, str]:
    """The summary lines of one kind ("skipped", "warning"), by the file they name."""
    found: dict[str, str] = {}
    for line in run.stdout.splitlines():
        if line.startswith(kind):
            name, _, reason = line[len(kind) :].strip().partition(": ")
            found[name] = reason
    return found


# ------------------------------------------------------------------------ one bad file never stops a build


def test_mixed_folder_builds_and_lists_skipped_files(mixed: Run) -> None:
    assert mixed.exit_code == 0, mixed.stdout + mixed.stderr
    assert "Traceback" not in mixed.stdout + mixed.stderr
    skipped = _summary(mixed, "skipped")
    assert list(skipped) == ["binary.txt"]
    assert "binary" in skipped["binary.txt"]
    assert (mixed.out / "graph.ttl").is_file()
    # every readable file is a document; only the binary one is not
    assert f"documents   {len(MIXED) + 1} (" in mixed.stdout


def test_good_files_are_extracted(mixed: Run) -> None:
    docs = {a["doc"] for a in _assertions(mixed.out)}
    assert {GOOD, PAGE, "latin1.txt", "front_matter_bad_yaml.md"} <= docs
    assert not docs & {"binary.txt", "empty.txt", "only_boilerplate.md"}


def test_evidence_is_the_file_text_at_the_offsets(mixed: Run) -> None:
    texts = {name: load_document(mixed.folder / name, name).text for name in (GOOD, PAGE, *MIXED[1:])}
    rows = _assertions(mixed.out)
    assert rows
    for row in rows:
        text = texts[str(row["doc"])]
        assert text[int(row["start"]) : int(row["end"])] == row["sentence"], row


def test_non_utf8_is_decoded_with_a_warning(mixed: Run) -> None:
    warnings = _summary(mixed, "warning")
    assert "latin-1" in warnings["latin1.txt"] or "cp1252" in warnings["latin1.txt"]
    assert "cp1252" in warnings["cp1252.txt"]
    assert "UTF-16" in warnings["utf16_bom.txt"]
    sentences = [str(a["sentence"]) for a in _assertions(mixed.out) if a["doc"] == "latin1.txt"]
    assert any("Besançon" in s for s in sentences), sentences  # decoded, not replaced by U+FFFD


def test_malformed_front_matter_names_file_and_line_and_document_is_read(mixed: Run) -> None:
    warnings = _summary(mixed, "warning")
    assert warnings["front_matter_bad_yaml.md"].startswith("line 5: invalid YAML front matter")
    rows = [a for a in _assertions(mixed.out) if a["doc"] == "front_matter_bad_yaml.md"]
    assert any(a["relation"]["name"] == "supports" for a in rows)  # type: ignore[index]


def test_empty_file_is_reported(mixed: Run) -> None:
    assert "empty" in _summary(mixed, "warning")["empty.txt"]


def test_html_scripts_styles_and_attributes_are_dropped(mixed: Run) -> None:
    rows = [a for a in _assertions(mixed.out) if a["doc"] in (PAGE, "page.html")]
    pairs = {(a["subject"]["label"], a["object"]["label"]) for a in rows}  # type: ignore[index]
    # visible text is read (link text included) ...
    assert {("Turkey", "Azerbaijan"), ("Russia", "Turkey"), ("China", "Georgia")} <= pairs, pairs
    # ... scripts, styles, onerror/javascript: attributes, comments and <noscript> are not
    labels = {label for pair in pairs for label in pair}
    assert not labels & {"Iran", "Israel", "France", "Armenia"}, pairs
    for row in rows:
        assert "<script" not in str(row["sentence"]) and "alert(" not in str(row["sentence"])


def test_strict_stops_at_the_bad_file_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(INPUTS / "binary.txt", folder / "binary.txt")
    shutil.copy(CORPUS / GOOD, folder / GOOD)
    out = tmp_path / "out"
    code, _stdout, stderr = _invoke(["build", str(folder), "-o", str(out), "--strict", "--no-store"])
    assert code == 1
    assert stderr.count("\n") == 1 and stderr.startswith("Error: "), stderr
    assert "binary.txt" in stderr and "Traceback" not in stderr
    assert not (out / "graph.ttl").exists()


def test_rebuild_from_cache_gives_the_same_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A resumed build (documents from the cache) must equal a fresh one, composed state bodies included."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bodies.txt").write_text(
        "The Turkish Foreign Ministry supports Azerbaijan. The Russian military condemned Turkey.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["build", str(folder), "-o", str(out), "--no-store", "--no-html"]
    code, first, stderr = _invoke(args)
    assert code == 0 and "(1 extracted, 0 from cache)" in first, first + stderr
    fresh = Graph().parse(out / "graph.ttl")
    (out / "graph.ttl").unlink()  # so the graph is assembled again, now from the cache
    code, second, stderr = _invoke(args)
    assert code == 0 and "(0 extracted, 1 from cache)" in second, second + stderr
    assert isomorphic(Graph().parse(out / "graph.ttl"), fresh)


# ----------------------------------------------------------------------------- exit codes and tracebacks


@pytest.mark.parametrize(
    "args",
    [
        ["build"],  # missing PATHS
        ["build", "no/such/folder"],
        ["build", "corpus", "--workers", "0"],
        ["extract"],
        ["export", "g.ttl", "--format", "xlsx", "-o", "x"],
        ["query", "g.ttl", "SELECT * {}", "--param", "no-equals-sign"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _stdout, stderr = _invoke(args)
    assert code == 2, stderr
    assert "Traceback" not in stderr


def test_failure_is_one_line_on_stderr_without_traceback_unless_debug(tmp_path: Path) -> None:
    """A real process: what the user sees on the terminal."""
    bad = tmp_path / "bad.ttl"
    shutil.copy(GRAPHS / "bad.ttl", bad)
    done = subprocess.run(
        [*ACTORGRAPH, "query", str(bad), "SELECT * WHERE { ?s ?p ?o }"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and f"{bad}:3:" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    debug = subprocess.run(
        [*ACTORGRAPH, "--debug", "query", str(bad), "SELECT * WHERE { ?s ?p ?o }"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr


def test_unexpected_exception_is_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import actorgraph.export

    def broken(*_args: object, **_kwargs: object) -> Path:
        raise RuntimeError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(actorgraph.export, "export_graph", broken)
    graph = write_graph(build_tiny_dataset(), tmp_path / "g.ttl")
    args = ["export", str(graph), "--format", "csv", "-o", str(tmp_path / "e.csv")]
    code, _stdout, stderr = _invoke(args)
    assert code == 1
    assert stderr == (
        "Error: unexpected RuntimeError: something nobody foresaw (rerun with --debug for the traceback)\n"
    )
    result = CliRunner().invoke(cli, ["--debug", *args])
    assert isinstance(result.exception, RuntimeError)


# ----------------------------------------------------------------------------- graph inputs


@pytest.fixture(scope="module")
def tiny_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_graph(build_tiny_dataset(), tmp_path_factory.mktemp("tiny") / "tiny.ttl")


COMMANDS = {
    "query": ["query", "{graph}", "SELECT * WHERE { ?s ?p ?o }"],
    "view": ["view", "{graph}", "-o", "{out}/v.html"],
    "export": ["export", "{graph}", "--format", "csv", "-o", "{out}/e.csv"],
    "analyze": ["analyze", "{graph}"],
}
#: file -> line of the error (None: the parser reports the line where it noticed the problem)
MALFORMED = {"bad.ttl": 3, "bad.trig": 4, "bad.jsonld": 2}


def _command(name: str, graph: Path, out: Path) -> list[str]:
    return [part.replace("{graph}", str(graph)).replace("{out}", str(out)) for part in COMMANDS[name]]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_graph_file_gives_file_line_column(tmp_path: Path, command: str, name: str) -> None:
    graph = tmp_path / name
    shutil.copy(GRAPHS / name, graph)
    code, _stdout, stderr = _invoke(_command(command, graph, tmp_path))
    assert code == 1
    assert stderr.count("\n") == 1, stderr
    location = stderr.removeprefix(f"Error: {graph}:").split(":")
    assert stderr.startswith(f"Error: {graph}:"), stderr
    assert int(location[0]) == MALFORMED[name] and location[1].strip().isdigit(), stderr
    assert not list(tmp_path.glob("[ve].*")), "no output written for a bad input"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unknown_graph_format_is_named(tmp_path: Path, command: str) -> None:
    graph = tmp_path / "graph.xlsx"
    graph.write_bytes(b"PK\x03\x04")
    code, _stdout, stderr = _invoke(_command(command, graph, tmp_path))
    assert code == 1
    assert "unknown graph format '.xlsx'" in stderr and stderr.count("\n") == 1, stderr


def test_missing_graph_is_one_line(tmp_path: Path) -> None:
    code, _stdout, stderr = _invoke(_command("query", tmp_path / "nothing.ttl", tmp_path))
    assert code == 1 and stderr.count("\n") == 1 and "nothing.ttl" in stderr, stderr


def test_malformed_sparql_reports_line_and_column(tiny_graph: Path) -> None:
    query = (HOSTILE / "queries" / "malformed.rq").read_text(encoding="utf-8")
    code, _stdout, stderr = _invoke(["query", str(tiny_graph), query])
    assert code == 1
    assert "malformed SPARQL at line 3, column" in stderr and stderr.count("\n") == 1, stderr


@pytest.mark.parametrize("name", ["service.rq", "load.rq", "from.rq", "update.rq"])
def test_hostile_query_files_are_refused(tiny_graph: Path, name: str) -> None:
    code, stdout, stderr = _invoke(["query", str(tiny_graph), "-f", str(HOSTILE / "queries" / name)])
    assert code == 1 and stdout == ""
    assert "refused" in stderr and stderr.count("\n") == 1, stderr


def test_unknown_actor_in_param_lists_closest_matches(tiny_graph: Path) -> None:
    code, _stdout, stderr = _invoke(
        ["query", str(tiny_graph), "--name", "allies_of", "--param", "actor=Turky"]
    )
    assert code == 1
    assert "unknown actor 'Turky'" in stderr and "closest" in stderr and "'Turkey'" in stderr, stderr
    assert stderr.count("\n") == 1


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import socket
    import urllib.request

    calls: list[str] = []

    def refuse(*args: object, **_kwargs: object) -> None:
        calls.append(repr(args[:2]))
        raise AssertionError("network access attempted")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return calls


def test_graph_files_never_reach_the_network(no_network: list[str]) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    code, stdout, stderr = _invoke(["query", str(GRAPHS / "remote_imports.ttl"), count, "--format", "csv"])
    assert code == 0, stderr
    assert stdout.split() == ["n", "1"]  # owl:imports not followed, remote @base not fetched
    code, _stdout, stderr = _invoke(["query", str(GRAPHS / "remote_context.jsonld"), count])
    assert code == 1 and "never fetches" in stderr, stderr
    assert no_network == []


def test_the_suite_does_not_reach_the_network(_no_network: list[object]) -> None:
    """The session guard refuses a connection off this machine and lets loopback through."""
    import socket

    with socket.socket() as sock, pytest.raises(OSError, match="does not reach the network"):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    assert ("192.0.2.1", 80) in _no_network
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())
