"""SHACL validation: built graphs conform; broken statements are reported readably."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Literal, URIRef

from actorgraph.cli import cli
from actorgraph.graph import write_graph
from actorgraph.namespaces import AG, NIF
from actorgraph.store import open_store, write_store
from actorgraph.triples import doc_iri, sentence_iri, statement_iri
from actorgraph.validate import validate_graph
from tiny_fixture import build_tiny_dataset, load_assertions


def test_fixture_graph_conforms(tmp_path: Path) -> None:
    dataset = build_tiny_dataset()
    report = validate_graph(open_store(dataset))
    assert report.conforms, report.render()
    assert report.violations == []
    with open_store(write_graph(dataset, tmp_path / "g.ttl")) as store:
        assert validate_graph(store).conforms
    with open_store(write_store(dataset, tmp_path / "store")) as store:
        assert validate_graph(store).conforms


def test_broken_statement_is_reported(tmp_path: Path) -> None:
    dataset = build_tiny_dataset()
    assertion = load_assertions()[1]
    stmt = statement_iri(assertion)
    named = dataset.graph(doc_iri(assertion.doc))
    named.remove((stmt, AG.statementObject, None))
    named.remove((stmt, AG.polarity, None))
    named.add((stmt, AG.polarity, Literal(5)))
    sentence = sentence_iri(assertion.doc, assertion.start, assertion.end)
    named.remove((sentence, NIF.endIndex, None))
    named.add((sentence, NIF.endIndex, Literal(assertion.start)))
    dataset.add((URIRef("https://w3id.org/actorgraph/actor/turkey"), AG.isoCode, Literal("tr")))
    report = validate_graph(open_store(dataset))
    assert not report.conforms
    paths = {(v.focus, v.path) for v in report.violations}
    assert (str(stmt), str(AG.statementObject)) in paths
    assert (str(stmt), str(AG.polarity)) in paths
    assert (str(sentence), str(NIF.beginIndex)) in paths
    assert ("https://w3id.org/actorgraph/actor/turkey", str(AG.isoCode)) in paths
    text = report.render()
    assert text.startswith("does not conform:")
    assert "polarity must be one of -1, 0, 1 (value: 5)" in text
    assert "exactly one object actor" in text

    path = write_graph(dataset, tmp_path / "broken.ttl")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "ag:statementObject" in result.output


def test_cli_validate_ok(tmp_path: Path) -> None:
    path = write_graph(build_tiny_dataset(), tmp_path / "g.ttl")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
