"""Every export format reads back: RDF parses to the same graph, GraphML/GEXF load in networkx, CSV in csv."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from actorgraph.cli import cli
from actorgraph.errors import GraphInputError
from actorgraph.export import (
    EXPORT_FORMATS,
    NETWORK_FORMATS,
    RDF_FORMATS,
    export_graph,
    render_export,
    to_edge_graph,
)
from actorgraph.graph import load_graph_file, union_graph, write_graph
from actorgraph.store import open_store, write_store
from actorgraph.triples import doc_iri
from tiny_fixture import DOCUMENTS, build_tiny_dataset

A = "https://w3id.org/actorgraph/actor/"


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("export")
    dataset = build_tiny_dataset()
    return {
        "dataset": dataset,
        "ttl": write_graph(dataset, root / "g.ttl"),
        "store": write_store(dataset, root / "store"),
    }


@pytest.mark.parametrize("source", ["dataset", "ttl", "store"])
@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_exports_parse_back(sources: dict[str, object], tmp_path: Path, source: str, fmt: str) -> None:
    with open_store(sources[source]) as store:  # type: ignore[arg-type]
        out = export_graph(store, fmt, tmp_path / f"g.{fmt}")
    loaded = load_graph_file(out)
    assert isomorphic(union_graph(loaded), union_graph(build_tiny_dataset()))
    if fmt in ("nq", "trig", "jsonld") and source != "ttl":
        names = {str(g.identifier) for g in loaded.graphs()}
        assert {str(doc_iri(d.name)) for d in DOCUMENTS} <= names


def test_export_from_open_store(sources: dict[str, object], tmp_path: Path) -> None:
    with open_store(sources["store"]) as store:  # type: ignore[arg-type]
        out = export_graph(store, "ttl", tmp_path / "g.ttl")
    assert "actor:turkey a ag:State" in out.read_text(encoding="utf-8")


def check_network(graph: nx.Graph) -> None:
    edges = {(u, v, d["relation"]): d for u, v, d in graph.edges(data=True)}
    supports = edges[(A + "turkey", A + "azerbaijan", "supports")]
    assert int(supports["polarity"]) == 1
    assert int(supports["evidence"]) == 1
    assert supports["first_date"] == supports["last_date"] == "2020-07-14"
    assert (A + "russia", A + "turkey", "consultsWith") in edges  # Lavrov rolled up to Russia
    assert not any(
        r in ("attacks", "aids", "sanctions") for _u, _v, r in edges
    )  # negated, conditional, question
    assert graph.nodes[A + "turkey"]["label"] == "Turkey"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_load_in_networkx(sources: dict[str, object], tmp_path: Path, fmt: str) -> None:
    with open_store(sources["store"]) as store:  # type: ignore[arg-type]
        out = export_graph(store, fmt, tmp_path / f"g.{fmt}")
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    check_network(graph)


def test_csv_export(sources: dict[str, object], tmp_path: Path) -> None:
    with open_store(sources["ttl"]) as store:  # type: ignore[arg-type]
        out = export_graph(store, "csv", tmp_path / "edges.csv")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0].keys() >= {
        "source",
        "target",
        "relation",
        "polarity",
        "evidence",
        "first_date",
        "last_date",
    }
    assert len(rows) == 13
    row = next(r for r in rows if r["relation"] == "partnerOf")
    assert (row["source_label"], row["target_label"], row["first_date"]) == ("Turkey", "Azerbaijan", "2020")


def test_actor_level_keeps_people(sources: dict[str, object]) -> None:
    edges = to_edge_graph(open_store(sources["dataset"]), level="actor")  # type: ignore[arg-type]
    assert edges.has_edge(A + "sergey-lavrov", A + "turkey")


def test_unknown_format_and_atomic_output(sources: dict[str, object], tmp_path: Path) -> None:
    target = tmp_path / "g.xyz"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(GraphInputError, match="unknown export format"):
        export_graph(open_store(sources["dataset"]), "xyz", target)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"


def test_format_registry_feeds_the_cli(sources: dict[str, object], tmp_path: Path) -> None:
    """One registry: every format the library knows is a --format choice, and nothing else is."""
    option = next(p for p in cli.commands["export"].params if p.name == "fmt")
    assert list(option.type.choices) == list(EXPORT_FORMATS)  # type: ignore[attr-defined]
    assert set(RDF_FORMATS) | set(NETWORK_FORMATS) == set(EXPORT_FORMATS)
    with open_store(sources["dataset"]) as store:  # type: ignore[arg-type]
        assert render_export(store, "turtle") == render_export(store, "ttl")  # RDF aliases still work


def test_cli_export(sources: dict[str, object], tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "g.gexf"
    result = runner.invoke(cli, ["export", str(sources["store"]), "--format", "gexf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    check_network(nx.read_gexf(out))
    out = tmp_path / "g.trig"
    result = runner.invoke(cli, ["export", str(sources["ttl"]), "--format", "trig", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_graph_file(out)
    result = runner.invoke(cli, ["export", str(tmp_path / "missing.ttl"), "--format", "ttl", "-o", str(out)])
    assert result.exit_code == 1
