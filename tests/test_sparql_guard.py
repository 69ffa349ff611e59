"""The SPARQL guard: network-reaching queries and unallowed updates are refused before running, everywhere."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from actorgraph.cli import cli
from actorgraph.errors import QueryError, QueryRefusedError
from actorgraph.graph import write_graph
from actorgraph.sparql import (
    add_values,
    check_query,
    declared_prefixes,
    resolve_params,
    to_term,
    with_prefixes,
)
from actorgraph.store import open_store, write_store
from tiny_fixture import TinyGazetteer, build_tiny_dataset

REFUSED = {
    "service": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "nested-service": "SELECT * { ?a ?b ?c { SELECT ?s WHERE { SERVICE SILENT <http://e/> { ?s ?p ?o } } } }",
    "from": "SELECT * FROM <http://example.org/graph.ttl> WHERE { ?s ?p ?o }",
    "from-named": "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "load": "LOAD <http://example.org/data.ttl>",
    "load-into": "LOAD SILENT <http://example.org/data.ttl> INTO GRAPH <http://e/g>",
    "insert": "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
    "delete": "DELETE WHERE { ?s ?p ?o }",
    "modify": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "clear": "CLEAR ALL",
    "drop": "DROP GRAPH <http://e/g>",
    "using": "DELETE { ?s ?p ?o } USING <http://example.org/g> WHERE { ?s ?p ?o }",
}


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        RecordingHandler.requests.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_GET = do_POST

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def fake_endpoint() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), RecordingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("guard")
    return {
        "file": write_graph(build_tiny_dataset(), root / "g.ttl"),
        "dir": write_store(build_tiny_dataset(), root / "s"),
    }


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_check_query_refuses(name: str) -> None:
    with pytest.raises(QueryRefusedError, match="query refused"):
        check_query(REFUSED[name])


@pytest.mark.parametrize("name", ["service", "from", "from-named", "load", "using"])
def test_network_refused_even_with_allow_update(name: str) -> None:
    with pytest.raises(QueryRefusedError):
        check_query(REFUSED[name], allow_update=True)


def test_updates_pass_with_allow_update() -> None:
    assert check_query(REFUSED["insert"], allow_update=True).form == "UPDATE"
    assert check_query(REFUSED["clear"], allow_update=True).form == "UPDATE"


@pytest.mark.parametrize("backend", ["memory", "oxigraph-file", "oxigraph-dir", "endpoint"])
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_on_every_backend_before_execution(
    backend: str, name: str, stores: dict[str, Path], fake_endpoint: str
) -> None:
    RecordingHandler.requests.clear()
    location: Any = {
        "memory": stores["file"],
        "oxigraph-file": stores["file"],
        "oxigraph-dir": stores["dir"],
        "endpoint": fake_endpoint,
    }[backend]
    kind = "memory" if backend == "memory" else "auto"
    with open_store(location, kind) as store:
        with pytest.raises(QueryRefusedError):
            store.query(REFUSED[name]) if check_form(name) else store.update(REFUSED[name])
        with pytest.raises(QueryRefusedError):
            store.select(REFUSED[name])
    assert RecordingHandler.requests == []


def check_form(name: str) -> bool:
    return name in ("service", "nested-service", "from", "from-named")


def test_refused_update_did_not_change_store(stores: dict[str, Path]) -> None:
    with open_store(stores["dir"]) as store:
        before = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
        with pytest.raises(QueryRefusedError):
            store.update(REFUSED["delete"])
        assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == before


def test_malformed_sparql_names_line_and_column() -> None:
    with pytest.raises(QueryError, match=r"line 3, column \d+") as info:
        check_query("SELECT ?s\nWHERE {\n  ?s ?p ?o . FILTER(?x = ) }")
    assert not isinstance(info.value, QueryRefusedError)
    with pytest.raises(QueryError, match="line 1, column 1"):
        check_query("SELEC * WHERE { ?s ?p ?o }")


def test_prefixes_predeclared_unless_declared() -> None:
    assert {"ag", "ex"} <= declared_prefixes("PREFIX ex: <http://e/> prefix ag: <http://other/> SELECT * {}")
    text = with_prefixes("PREFIX ag: <http://other/>\nSELECT * { ?s ag:p ?o }")
    assert text.count("PREFIX ag:") == 1
    assert "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in text
    assert len(text.splitlines()) == 3  # one header line: error lines shift by exactly one
    # a query-declared prefix wins on the embedded stores too
    with open_store(build_tiny_dataset()) as store:
        assert store.select("PREFIX ag: <http://other/> SELECT * WHERE { ?s ag:supports ?o }").rows == []


def test_values_block_escapes_hostile_values() -> None:
    hostile = Literal('x" } } ; DROP ALL ; SELECT * { "')
    text = add_values("SELECT * WHERE { ?s ?p ?o }", {"o": hostile})
    parsed = check_query(text)
    assert parsed.form == "SELECT"
    with pytest.raises(QueryError):
        add_values("SELECT * WHERE { ?s ?p ?o }", {"o": URIRef("http://e/> } DROP ALL #")})
    with pytest.raises(QueryError):
        add_values("SELECT * WHERE { ?s ?p ?o }", {"o; DROP": Literal("x")})
    with pytest.raises(QueryError):
        to_term("<http://e/a b>")
    # a brace inside a comment, string or select expression does not fool the insertion point
    tricky = 'SELECT ?s (EXISTS { ?s ?p "{" } AS ?e) # {\nWHERE { ?s ?p ?o }'
    assert add_values(tricky, {"s": URIRef("http://e/s")}).endswith(
        "WHERE { VALUES (?s) { (<http://e/s>) } ?s ?p ?o }"
    )


def test_resolve_params_kinds() -> None:
    gazetteer = TinyGazetteer()
    terms = resolve_params(
        {"actor": "Ankara", "relation": "supports", "limit": "3", "name": "Turkey", "d": "2020-07"},
        {"d": "date"},
        gazetteer,
    )
    assert terms["actor"] == URIRef("https://w3id.org/actorgraph/actor/turkey")
    assert terms["relation"] == URIRef("https://w3id.org/actorgraph/ontology#supports")
    assert terms["limit"].toPython() == 3  # type: ignore[union-attr]
    assert terms["name"] == Literal("Turkey")
    for form in ("TUR", "Turkey", "actor:turkey", "https://w3id.org/actorgraph/actor/turkey"):
        assert resolve_params({"a": form}, None, gazetteer)["a"] == terms["actor"]
    with pytest.raises(QueryError, match="closest"):
        resolve_params({"relation": "suports"}, None, gazetteer)
    with pytest.raises(QueryError, match="ISO date"):
        resolve_params({"d": "July"}, {"d": "date"}, gazetteer)


def test_cli_refuses_with_exit_1(stores: dict[str, Path]) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["query", str(stores["dir"]), REFUSED["service"]])
    assert result.exit_code == 1
    assert "query refused: SERVICE" in result.output
    result = runner.invoke(cli, ["query", str(stores["file"]), REFUSED["insert"]])
    assert result.exit_code == 1
    assert "--allow-update" in result.output
    result = runner.invoke(cli, ["query", str(stores["file"]), "SELECT * WHERE {"])
    assert result.exit_code == 1
    assert "line 1" in result.output
    assert "Traceback" not in result.output
