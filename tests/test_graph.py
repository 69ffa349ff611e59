"""Building the dataset: isomorphic rebuilds, golden Turtle, named graphs, safe and precise graph reading."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from actorgraph.errors import GraphInputError
from actorgraph.graph import build_dataset, load_graph_file, union_graph, write_graph
from actorgraph.model import Actor
from actorgraph.namespaces import AG
from actorgraph.triples import doc_iri, statement_iri
from tiny_fixture import ACTIVITY, DOCUMENTS, TinyGazetteer, build_tiny_dataset, load_assertions

EXPECTED = Path(__file__).parent / "data" / "expected"


def quads(dataset: Dataset) -> set[tuple[Any, ...]]:
    return set(dataset.quads((None, None, None, None)))


def test_rebuild_is_isomorphic_and_quad_identical() -> None:
    first, second = build_tiny_dataset(), build_tiny_dataset()
    assert isomorphic(union_graph(first), union_graph(second))
    assert quads(first) == quads(second)


def test_matches_golden_turtle_and_trig() -> None:
    built = build_tiny_dataset()
    expected = Graph().parse(EXPECTED / "tiny.ttl", format="turtle")
    assert isomorphic(union_graph(built), expected), "graph changed: review, then `make golden`"
    trig = Dataset()
    trig.parse(EXPECTED / "tiny.trig", format="trig")
    assert {(s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in trig.quads()} == {
        (s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in built.quads()
    }


def test_statements_live_in_per_document_named_graphs() -> None:
    dataset = build_tiny_dataset()
    assertions = load_assertions()
    for assertion in assertions:
        named = dataset.graph(doc_iri(assertion.doc))
        assert (statement_iri(assertion), AG.statementSubject, URIRef(assertion.subject.iri)) in named
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    assert (None, AG.statementSubject, None) not in default
    assert (URIRef("https://w3id.org/actorgraph/actor/turkey"), AG.isoCode, Literal("TUR")) in default
    names = {str(g.identifier) for g in dataset.graphs() if str(g.identifier).startswith("https://w3id.org/")}
    assert names == {str(doc_iri(d.name)) for d in DOCUMENTS}


def test_truthy_triples_skip_negated_conditional_and_question() -> None:
    dataset = build_tiny_dataset()
    turkey = URIRef("https://w3id.org/actorgraph/actor/turkey")
    armenia = URIRef("https://w3id.org/actorgraph/actor/armenia")
    azerbaijan = URIRef("https://w3id.org/actorgraph/actor/azerbaijan")
    russia = URIRef("https://w3id.org/actorgraph/actor/russia")
    assert (turkey, AG.supports, azerbaijan) in dataset
    assert (turkey, AG.accuses, armenia) in dataset
    assert (russia, AG.pressures, turkey) in dataset  # hedged still counts
    assert (turkey, AG.attacks, armenia) not in dataset  # negated
    assert (turkey, AG.aids, azerbaijan) not in dataset  # conditional
    assert (russia, AG.sanctions, turkey) not in dataset  # question
    statements = set(dataset.subjects(AG.statementRelation, None))
    assert len(statements) == len(load_assertions())


def test_person_acts_for_state_and_state_is_described() -> None:
    dataset = build_tiny_dataset()
    lavrov = URIRef("https://w3id.org/actorgraph/actor/sergey-lavrov")
    russia = URIRef("https://w3id.org/actorgraph/actor/russia")
    assert (lavrov, AG.actsFor, russia) in dataset
    assert (russia, AG.isoCode, Literal("RUS")) in dataset


def test_without_gazetteer_thin_actors_still_described() -> None:
    dataset = build_dataset(load_assertions(), DOCUMENTS)
    turkey = URIRef("https://w3id.org/actorgraph/actor/turkey")
    assert (turkey, AG.isoCode, Literal("TUR")) in dataset
    assert (None, AG.actsFor, None) not in dataset


def test_gazetteer_adds_state_a_person_acts_for() -> None:
    lavrov_only = [
        a for a in load_assertions() if a.subject.id == "sergey-lavrov" and a.object.id == "turkey"
    ]
    dataset = build_dataset(lavrov_only, gazetteer=TinyGazetteer(), activity=ACTIVITY)
    russia = URIRef("https://w3id.org/actorgraph/actor/russia")
    assert (russia, AG.isoCode, Literal("RUS")) in dataset
    assert (
        doc_iri("02-moscow-talks.md"),
        None,
        None,
    ) in dataset  # documents named by assertions are described


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nquads", "json-ld"])
def test_write_and_load_round_trip(tmp_path: Path, fmt: str) -> None:
    dataset = build_tiny_dataset()
    suffix = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "json-ld": ".jsonld"}[fmt]
    path = write_graph(dataset, tmp_path / f"g{suffix}")
    loaded = load_graph_file(path)
    assert isomorphic(union_graph(loaded), union_graph(dataset))
    if fmt in ("trig", "nquads", "json-ld"):
        assert {str(g.identifier) for g in loaded.graphs()} >= {str(doc_iri(d.name)) for d in DOCUMENTS}
    assert not list(tmp_path.glob(".*.tmp"))


def test_turtle_is_readable(tmp_path: Path) -> None:
    text = write_graph(build_tiny_dataset(), tmp_path / "g.ttl").read_text(encoding="utf-8")
    for prefix in ("ag", "actor", "skos", "prov", "dcterms", "nif", "owl", "xsd", "wd"):
        assert f"@prefix {prefix}: " in text
    assert "actor:turkey a ag:State" in text
    assert "_:" not in text


def test_write_graph_leaves_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(GraphInputError):
        write_graph(build_tiny_dataset(), path, "rdfxml-ish")
    assert path.read_text(encoding="utf-8") == "old"


BAD = {
    "bad.ttl": ('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n', 3),
    "bad.trig": ("@prefix ex: <http://e/> .\nex:g {\n  ex:a ex:b ex:c\n  ex:d }\n", None),
    "bad.nt": ('<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> "x .\n', 2),
    "bad.nq": ("<http://e/a> <http://e/b> <http://e/c> <http://e/g> .\n<http://e/a> <http://e/b> .\n", 2),
    "bad.jsonld": ('{"@id": "http://e/a",\n "http://e/p": [1,}\n', 2),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_malformed_graph_gives_file_line_column(tmp_path: Path, name: str) -> None:
    text, line = BAD[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphInputError) as info:
        load_graph_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    location = message[len(str(path)) + 1 :].split(":")
    assert location[0].isdigit() and location[1].isdigit(), message
    if line is not None:
        assert int(location[0]) == line, message


def test_unknown_format_is_named(tmp_path: Path) -> None:
    path = tmp_path / "graph.xyz"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(GraphInputError, match=r"unknown graph format '\.xyz'"):
        load_graph_file(path)
    with pytest.raises(GraphInputError, match="unknown graph format 'rdfa'"):
        load_graph_file(tmp_path / "graph.ttl", "rdfa")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        calls.append(repr(args[:1]))
        raise AssertionError("network access attempted")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return calls


@pytest.mark.parametrize(
    "document",
    [
        {"@context": "https://example.org/context.jsonld", "@id": "http://e/a", "name": "x"},
        {
            "@context": ["https://example.org/c1.jsonld", {"name": "http://schema.org/name"}],
            "@id": "http://e/a",
        },
        {"@context": {"@import": "https://example.org/c.jsonld"}, "@id": "http://e/a"},
        {"@graph": [{"@context": "https://example.org/nested.jsonld", "@id": "http://e/a"}]},
    ],
)
def test_jsonld_remote_context_is_never_fetched(tmp_path: Path, no_network: list[str], document: Any) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(GraphInputError, match="never fetches"):
        load_graph_file(path)
    from actorgraph.store import open_store

    with pytest.raises(GraphInputError, match="never fetches"):
        open_store(path)
    assert no_network == []


def test_jsonld_with_inline_context_loads(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text(
        json.dumps({"@context": {"name": "http://schema.org/name"}, "@id": "http://e/a", "name": "x"}),
        encoding="utf-8",
    )
    loaded = load_graph_file(path)
    assert (URIRef("http://e/a"), URIRef("http://schema.org/name"), Literal("x")) in loaded
    assert no_network == []


def test_turtle_owl_imports_not_followed(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "imports.ttl"
    path.write_text(
        "@base <http://example.org/remote/> .\n"
        "<x> <http://www.w3.org/2002/07/owl#imports> <http://example.org/ontology.ttl> .\n",
        encoding="utf-8",
    )
    loaded = load_graph_file(path)
    assert len(loaded) == 1
    assert no_network == []


def test_build_accepts_rich_actor_objects() -> None:
    assertion = load_assertions()[0]
    rich = Actor("armenia", "State", "Armenia", ("Hayastan",), "ARM", "Q399")
    dataset = build_dataset(
        [assertion.__class__(**{**{f: getattr(assertion, f) for f in assertion.__slots__}, "subject": rich})]
    )
    assert (URIRef(rich.iri), URIRef("http://www.w3.org/2002/07/owl#sameAs"), None) in dataset
