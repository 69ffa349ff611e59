"""Store backends: opening each kind, plain Python results, bindings, atomic store writes, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from actorgraph.errors import GraphInputError, QueryError, QueryRefusedError
from actorgraph.graph import load_graph_file, union_graph, write_graph
from actorgraph.store import (
    EndpointError,
    EndpointStore,
    MemoryStore,
    OxigraphStore,
    QueryResult,
    Store,
    open_store,
    write_store,
)
from tiny_fixture import build_tiny_dataset

COUNT = "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a ag:Statement }"
TURKEY = "https://w3id.org/actorgraph/actor/turkey"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("store")
    dataset = build_tiny_dataset()
    out = {"ttl": write_graph(dataset, root / "tiny.ttl"), "trig": write_graph(dataset, root / "tiny.trig")}
    out["store"] = write_store(dataset, root / "store")
    return out


@pytest.mark.parametrize(
    ("location", "kind", "cls"),
    [
        ("ttl", "auto", OxigraphStore),
        ("trig", "auto", OxigraphStore),
        ("ttl", "memory", MemoryStore),
        ("store", "auto", OxigraphStore),
        ("store", "oxigraph", OxigraphStore),
        ("store", "memory", MemoryStore),
    ],
)
def test_open_each_kind_sees_every_statement(
    files: dict[str, Path], location: str, kind: str, cls: type
) -> None:
    with open_store(files[location], kind) as store:
        assert isinstance(store, cls)
        assert store.select(COUNT).rows == [(16,)]


def test_open_dataset_and_endpoint_objects() -> None:
    assert isinstance(open_store(build_tiny_dataset()), MemoryStore)
    assert isinstance(open_store(build_tiny_dataset(), "oxigraph"), OxigraphStore)
    assert isinstance(open_store("http://127.0.0.1:1/query"), EndpointStore)
    with pytest.raises(EndpointError):
        EndpointStore("file:///etc/passwd")
    with pytest.raises(GraphInputError, match="unknown store kind"):
        open_store("x.ttl", "sqlite")
    with pytest.raises(GraphInputError, match="no such graph file"):
        open_store("/nonexistent/graph.ttl")


def test_values_are_plain_python(files: dict[str, Path]) -> None:
    query = """SELECT ?label ?polarity ?negated ?confidence ?date ?missing WHERE {
      ?st ag:statementSubject ?s ; ag:polarity ?polarity ; ag:negated ?negated ; ag:confidence ?confidence ;
          ag:eventDate ?date ; ag:statementRelation ag:supports .
      ?s skos:prefLabel ?label . OPTIONAL { ?st ag:nothing ?missing } }"""
    for kind in ("auto", "memory"):
        with open_store(files["ttl"], kind) as store:
            result = store.select(query)
        assert result.vars == ["label", "polarity", "negated", "confidence", "date", "missing"]
        assert result.rows == [("Turkey", 1, False, 0.9, "2020-07-14", None)]


@pytest.mark.parametrize("kind", ["auto", "memory"])
def test_bindings_prebind_variables(files: dict[str, Path], kind: str) -> None:
    query = "SELECT ?o WHERE { ?s ag:supports ?o }"
    with open_store(files["store"], kind) as store:
        assert store.select(query, {"s": TURKEY}).rows == [("https://w3id.org/actorgraph/actor/azerbaijan",)]
        assert store.select(query, {"s": "https://w3id.org/actorgraph/actor/armenia"}).rows == []
        # an unprojected variable is bound too (Oxigraph needs VALUES there, not substitutions)
        n = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?st ag:statementSubject ?s }", {"s": TURKEY})
        assert n.rows == [(6,)]
        labels = store.select(
            "SELECT ?s WHERE { ?s skos:prefLabel ?l . FILTER(STR(?l) = ?name) }", {"name": "Turkey"}
        )
        assert labels.rows == [(TURKEY,)]


def test_ask_and_construct(files: dict[str, Path]) -> None:
    for kind in ("auto", "memory"):
        with open_store(files["ttl"], kind) as store:
            assert store.ask("ASK { ?s ag:supports ?o }") is True
            assert store.ask("ASK { ?s ag:attacks ?o }") is False
            graph = store.construct("CONSTRUCT { ?s ag:supports ?o } WHERE { ?s ag:supports ?o }")
            assert len(graph) == 1
            with pytest.raises(QueryError, match="expected a SELECT"):
                store.select("ASK { ?s ?p ?o }")


def test_update_needs_allow_update(tmp_path: Path) -> None:
    directory = write_store(build_tiny_dataset(), tmp_path / "store")
    insert = "INSERT DATA { actor:x a ag:State ; skos:prefLabel 'X' ; ag:isoCode 'XXX' }"
    with open_store(directory) as store, pytest.raises(QueryRefusedError):
        store.update(insert)
    with open_store(directory, allow_update=True) as store:
        store.update(insert)
    with open_store(directory) as store:
        assert store.ask("ASK { actor:x a ag:State }")
    memory = open_store(build_tiny_dataset(), allow_update=True)
    memory.update(insert)
    assert memory.ask("ASK { actor:x a ag:State }")
    with pytest.raises(QueryRefusedError, match="LOAD"):
        memory.update("LOAD <http://example.org/x.ttl>")


def test_write_store_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "store"
    write_store(build_tiny_dataset(), target)
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b", encoding="utf-8")
    with pytest.raises(GraphInputError, match=r"bad\.ttl:\d+:\d+"):
        write_store(bad, target)
    with open_store(target) as store:  # the previous store is intact
        assert store.select(COUNT).rows == [(16,)]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    write_store(write_graph(build_tiny_dataset(), tmp_path / "g.nq"), target)
    with open_store(target) as store:
        assert store.select(COUNT).rows == [(16,)]


def test_two_readers_share_a_store(files: dict[str, Path]) -> None:
    with open_store(files["store"]) as first, open_store(files["store"]) as second:
        assert first.select(COUNT).rows == second.select(COUNT).rows


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nquads", "json-ld"])
def test_export_from_each_backend_round_trips(files: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    original = union_graph(build_tiny_dataset())
    suffix = {"turtle": "ttl", "trig": "trig", "nt": "nt", "nquads": "nq", "json-ld": "jsonld"}[fmt]
    for kind in ("auto", "memory"):
        with open_store(files["store"], kind) as store:
            data = store.export(fmt)
        path = tmp_path / f"{kind}.{suffix}"
        path.write_bytes(data)
        assert isomorphic(union_graph(load_graph_file(path)), original)


def test_query_result_renderings() -> None:
    result = QueryResult.from_terms(["s", "n"], [])
    assert result.to_json() == {"head": {"vars": ["s", "n"]}, "results": {"bindings": []}}
    with open_store(build_tiny_dataset()) as store:
        result = store.select("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ag:supports ?o } GROUP BY ?s")
    doc = result.to_json()
    assert doc["results"]["bindings"][0]["s"] == {"type": "uri", "value": TURKEY}
    assert doc["results"]["bindings"][0]["n"]["datatype"].endswith("#integer")
    assert result.to_text("csv").splitlines() == ["s,n", f"{TURKEY},1"]
    assert result.to_text("tsv").splitlines()[1] == f"{TURKEY}\t1"
    table = result.to_text("table")
    assert "actor:turkey" in table and "(1 row)" in table
    json.loads(result.to_text("json"))
    with pytest.raises(QueryError):
        result.to_text("xml")


def test_store_is_abstract() -> None:
    with pytest.raises(TypeError):
        Store()  # type: ignore[abstract]
