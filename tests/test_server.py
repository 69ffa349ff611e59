"""Round trip through a real Oxigraph SPARQL server: push, query via the endpoint, same rows; refusals."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import cli
from actorgraph.errors import QueryRefusedError
from actorgraph.graph import write_graph
from actorgraph.queries import load_queries, run_query
from actorgraph.store import EndpointError, open_store, push, write_store
from test_queries import PARAMS
from test_sparql_guard import REFUSED
from tiny_fixture import TinyGazetteer, build_tiny_dataset

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _oxigraph_binary() -> str:
    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited with {process.returncode}")
        try:
            with opener.open(url + "/query?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError("oxigraph server did not start")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            _oxigraph_binary(),
            "serve",
            "--location",
            str(tmp_path / "server-db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_push_and_query_round_trip(server: str, tmp_path: Path) -> None:
    dataset = build_tiny_dataset()
    summary = push(dataset, server + "/store", chunk_bytes=20_000)
    assert summary.requests >= 2  # chunked, but never a request per triple
    assert summary.requests < summary.quads / 50
    local = open_store(write_store(dataset, tmp_path / "store"))
    remote = open_store(server + "/query")
    assert remote.select(COUNT).rows == local.select(COUNT).rows
    for name in sorted(load_queries()):
        params = PARAMS.get(name, {})
        expected = run_query(local, name, gazetteer=TinyGazetteer(), **params)
        got = run_query(remote, name, gazetteer=TinyGazetteer(), **params)
        assert got.vars == expected.vars, name
        assert got.rows == expected.rows, name
    graphs = remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ag:Statement } } ORDER BY ?g").rows
    assert len(graphs) == 3  # each document's statements kept in their named graph
    assert remote.ask("ASK { ?s ag:supports ?o }")
    assert len(remote.construct("CONSTRUCT { ?s ag:supports ?o } WHERE { ?s ag:supports ?o }")) == 1
    push(dataset, server + "/store")  # pushing again adds nothing
    assert remote.select(COUNT).rows == local.select(COUNT).rows
    local.close()


def test_push_into_named_graph_replaces_it(server: str, tmp_path: Path) -> None:
    path = write_graph(build_tiny_dataset(), tmp_path / "g.ttl")
    graph = "https://example.org/kg"
    first = push(path, server + "/store", graph)
    second = push(path, server + "/store", graph)
    assert first.quads == second.quads
    remote = open_store(server + "/query")
    n = remote.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
    assert n == first.quads
    assert remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows == [(graph,)]


def test_endpoint_store_loads_a_dataset_through_its_graph_store(server: str, tmp_path: Path) -> None:
    dataset = build_tiny_dataset()
    with pytest.raises(QueryRefusedError, match="--allow-update"):
        open_store(server + "/query").load_dataset(dataset)
    remote = open_store(server + "/query", allow_update=True)
    assert remote.store_url == server + "/store"  # type: ignore[attr-defined]
    remote.load_dataset(dataset)
    with open_store(write_store(dataset, tmp_path / "store")) as local:
        assert remote.select(COUNT).rows == local.select(COUNT).rows
    graphs = remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ag:Statement } }").rows
    assert len(graphs) == 3  # named graphs kept


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_on_real_endpoint(server: str, name: str) -> None:
    push(build_tiny_dataset(), server + "/store")
    remote = open_store(server + "/query")
    before = remote.select(COUNT).rows
    with pytest.raises(QueryRefusedError):
        if name in ("service", "nested-service", "from", "from-named"):
            remote.select(REFUSED[name])
        else:
            remote.update(REFUSED[name])
    assert remote.select(COUNT).rows == before


def test_cli_push_and_query_endpoint(server: str, tmp_path: Path) -> None:
    runner = CliRunner()
    store_dir = write_store(build_tiny_dataset(), tmp_path / "store")
    result = runner.invoke(cli, ["push", str(store_dir), "--endpoint", server + "/store"])
    assert result.exit_code == 0, result.output
    assert "pushed" in result.output
    args = ["--name", "rivals_of", "--param", "actor=actor:turkey", "--format", "csv"]
    remote = runner.invoke(cli, ["query", "--endpoint", server + "/query", *args])
    local = runner.invoke(cli, ["query", str(store_dir), *args])
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
    inline = runner.invoke(
        cli, ["query", "--endpoint", server + "/query", "SELECT ?o WHERE { ?s ag:supports ?o }"]
    )
    assert inline.output.splitlines() == ["o", "https://w3id.org/actorgraph/actor/azerbaijan"]
    refused = runner.invoke(
        cli, ["query", "--endpoint", server + "/query", REFUSED["load"], "--allow-update"]
    )
    assert refused.exit_code == 1 and "LOAD" in refused.output


def test_unreachable_endpoint_is_a_clear_error() -> None:
    port = _free_port()
    with pytest.raises(EndpointError, match="cannot reach"):
        open_store(f"http://127.0.0.1:{port}/query").select(COUNT)
    with pytest.raises(EndpointError, match="cannot reach"):
        push(build_tiny_dataset(), f"http://127.0.0.1:{port}/store")
