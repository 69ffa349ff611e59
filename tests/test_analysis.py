"""Analyses on hand-built graphs and on the fixture graph; the report and the analyze command.

The acceptance checks on the corpus graph are in test_corpus_graph.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from actorgraph.analysis import (
    allies_and_rivals,
    ambivalent_pairs,
    blocs,
    brokers,
    mediators,
    resolve_actor,
    strongest_path,
    structural_balance,
)
from actorgraph.cli import cli
from actorgraph.errors import UnknownActorError
from actorgraph.netview import aggregate, to_networkx
from actorgraph.report import report
from actorgraph.store import open_store

FIXTURE = Path(__file__).parent / "data" / "views_fixture.ttl"


@pytest.fixture(scope="module")
def multi() -> nx.MultiDiGraph:
    return to_networkx(open_store(Graph().parse(FIXTURE, format="turtle")))


@pytest.fixture(scope="module")
def signed(multi: nx.MultiDiGraph) -> nx.Graph:
    return aggregate(multi)


def signed_graph(edges: list[tuple[str, str, int]]) -> nx.Graph:
    g = nx.Graph()
    for u, v, sign in edges:
        cls = {1: "allied", -1: "rival", 0: "neutral"}[sign]
        g.add_edge(u, v, sign=sign, classification=cls, net=float(sign), coop_weight=1.0 if sign > 0 else 0.0)
    for node in g.nodes:
        g.nodes[node]["label"] = node
    return g


def test_resolve_actor(signed: nx.Graph) -> None:
    russia = "https://w3id.org/actorgraph/actor/russia"
    assert resolve_actor(signed, "Russia") == russia
    assert resolve_actor(signed, "rus") == russia
    assert resolve_actor(signed, "RUSSIA") == russia
    assert resolve_actor(signed, russia) == russia
    with pytest.raises(UnknownActorError, match="Russia"):
        resolve_actor(signed, "Rusia")


def test_allies_and_rivals(signed: nx.Graph) -> None:
    result = allies_and_rivals(signed, "Turkey")
    assert [p.actor for p in result.allies] == ["Azerbaijan", "Syrian National Army"]
    assert [p.actor for p in result.rivals] == ["Armenia"]
    assert [p.actor for p in result.ambivalent] == ["Russia"]


def test_balance_on_hand_built_triads() -> None:
    balanced = structural_balance(signed_graph([("a", "b", 1), ("b", "c", -1), ("a", "c", -1)]))
    assert (balanced.triads, balanced.balanced, balanced.share_balanced) == (1, 1, 1.0)
    unbalanced = structural_balance(signed_graph([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]))
    assert unbalanced.unbalanced == 1
    triad = unbalanced.unbalanced_triads[0]
    assert triad.actors == ["a", "b", "c"]
    assert sorted(e.sign for e in triad.edges) == [-1, 1, 1]
    # all enemies: unbalanced under Heider's rule
    assert structural_balance(signed_graph([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])).unbalanced == 1
    # neutral pairs close no triad
    assert structural_balance(signed_graph([("a", "b", 1), ("b", "c", 1), ("a", "c", 0)])).triads == 0
    assert structural_balance(nx.Graph()).share_balanced is None


def test_balance_on_fixture(signed: nx.Graph) -> None:
    result = structural_balance(signed)
    assert result.triads == 2 and result.unbalanced == 1
    assert result.unbalanced_triads[0].actors == ["Armenia", "Azerbaijan", "Russia"]
    by_net = structural_balance(signed, ambivalent="net")
    assert by_net.triads > result.triads  # Russia-Turkey now counts, signed by its (negative) net


def test_ambivalent_pairs(signed: nx.Graph) -> None:
    pairs = ambivalent_pairs(signed)
    assert [p.actors for p in pairs] == [["Russia", "Turkey"]]


def test_mediators(multi: nx.MultiDiGraph) -> None:
    found = mediators(multi)
    assert [m.mediator for m in found] == ["Russia"]
    assert found[0].pairs == [["Armenia", "Azerbaijan"]]
    assert found[0].parties == ["Armenia", "Azerbaijan"]
    assert found[0].via == ["mediates"]
    with_questions = mediators(multi, include_unasserted=True)
    assert {m.mediator for m in with_questions} == {"Russia", "Iran"}


def test_mediator_inferred_from_agreement_with_two_rivals() -> None:
    m = nx.MultiDiGraph()
    for node in ("RUS", "ARM", "AZE"):
        m.add_node(node, label=node)
    m.add_edge("ARM", "AZE", relation="attacks", polarity=-1, confidence=0.9, doc="a", start=0, end=5)
    trilateral = {
        "doc": "b",
        "start": 0,
        "end": 50,
        "polarity": 1,
        "confidence": 0.9,
        "relation": "agreesWith",
    }
    m.add_edge("RUS", "ARM", **trilateral)
    m.add_edge("RUS", "AZE", **trilateral)
    m.add_edge("AZE", "ARM", **trilateral)
    found = mediators(m)
    assert [(e.mediator, e.pairs, e.via) for e in found] == [("RUS", [["ARM", "AZE"]], ["third party"])]
    assert mediators(m, infer=False) == []


def test_brokers(signed: nx.Graph) -> None:
    ranked = brokers(signed)
    assert ranked[0].actor == "Russia"
    sampled = brokers(signed, k=3)
    assert sampled == brokers(signed, k=3)  # seeded


def test_blocs_are_deterministic(signed: nx.Graph) -> None:
    first = blocs(signed)
    assert all(blocs(signed) == first for _ in range(3))
    assert ["Azerbaijan", "Syrian National Army", "Turkey"] in first.communities
    camps = first.signed_partition.camps
    armenia = next(c for c in camps if "Armenia" in c)
    assert "Azerbaijan" not in armenia and "Turkey" not in armenia
    assert first.signed_partition.frustration == len(first.signed_partition.frustrated_edges)


def test_signed_partition_hand_built() -> None:
    g = signed_graph([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1), ("a", "d", -1)])
    part = blocs(g).signed_partition
    assert part.camps == [["a", "b"], ["c", "d"]] and part.frustration == 0


def test_strongest_path(signed: nx.Graph) -> None:
    result = strongest_path(signed, "Armenia", "Turkey")
    assert result.path == ["Armenia", "Russia", "Turkey"]
    assert 0 < result.strength <= 1
    assert result.to_json()["from"] == "Armenia"
    assert strongest_path(signed, "Armenia", "OSCE Minsk Group").path is None
    assert strongest_path(signed, "Iran", "Iran").path == ["Iran"]


def test_report_and_render(multi: nx.MultiDiGraph) -> None:
    found = report(multi, actor="Russia")
    data = found.to_json()
    json.dumps(data)  # plain data
    assert data["statements"] == 18 and data["actors"] == 8
    assert data["focus"]["mediates"][0]["pairs"] == [["Armenia", "Azerbaijan"]]
    assert data["focus"]["unbalanced_triads"]
    omitted = data["omitted"]
    assert omitted["allied"] == omitted["mediators"] == 0 and set(omitted["focus"].values()) == {0}
    assert omitted["community_members"] == [0] * len(data["blocs"]["communities"])
    text = found.render()
    assert (
        "Russia – Turkey" in text and "Mediators" in text and "Russia: between Armenia and Azerbaijan" in text
    )
    assert "more" not in text  # nothing left out without a top
    assert "focus" not in report(multi).to_json()


def busy_graph(spokes: int = 25) -> nx.MultiDiGraph:
    """A hub allied with many actors, rivals among them, and two blocs: every section has many entries."""
    m = nx.MultiDiGraph(level="state")
    for i in range(spokes):
        m.add_node(f"s{i:02d}", label=f"Spoke {i:02d}")
        for k in range(1 + i % 3):
            m.add_edge("hub", f"s{i:02d}", key=f"c{i}-{k}", relation="supports", polarity=1, confidence=0.9)
        if i % 2:
            m.add_edge(
                f"s{i:02d}", f"s{i - 1:02d}", key=f"r{i}", relation="accuses", polarity=-1, confidence=0.9
            )
    m.add_node("hub", label="Hub")
    return m


def test_report_keeps_the_top_entries_and_counts_the_rest() -> None:
    m = busy_graph()
    everything = report(m)
    top = report(m, top=5)
    assert len(everything.allied) == 25 and [p.actors for p in top.allied] == [
        p.actors for p in everything.allied[:5]
    ]
    assert top.omitted["allied"] == 20
    assert len(top.rival) == 5 and top.omitted["rival"] == len(everything.rival) - 5 == 7
    assert len(top.balance.unbalanced_triads) <= 5
    assert top.omitted["unbalanced_triads"] == len(everything.balance.unbalanced_triads) - len(
        top.balance.unbalanced_triads
    )
    camps = everything.blocs.signed_partition.camps
    assert [len(c) for c in top.blocs.signed_partition.camps] == [min(len(c), 5) for c in camps]
    assert top.omitted["camp_members"] == [max(len(c) - 5, 0) for c in camps]
    assert top.balance.triads == everything.balance.triads  # counts stay complete
    text = top.render()
    assert "  … and 20 more" in text and "--all shows everything" in text
    assert text.count("Spoke") < everything.render().count("Spoke")
    data = top.to_json()
    assert len(data["allied"]) == 5 and data["omitted"]["allied"] == 20 and data["top"] == 5


def test_analyze_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["analyze", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "Ambivalent pairs" in result.output and "Russia – Turkey" in result.output
    result = runner.invoke(cli, ["analyze", str(FIXTURE), "--json", "--actor", "tur"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["focus"]["actor"] == "Turkey" and data["top"] == 10
    result = runner.invoke(cli, ["analyze", str(FIXTURE), "--json", "--top", "1"])
    data = json.loads(result.output)
    assert len(data["allied"]) == 1 and data["omitted"]["allied"] == 5
    result = runner.invoke(cli, ["analyze", str(FIXTURE), "--json", "--top", "1", "--all"])
    data = json.loads(result.output)
    assert len(data["allied"]) == 6 and data["omitted"]["allied"] == 0 and data["top"] is None
    result = runner.invoke(cli, ["analyze", str(FIXTURE), "--actor", "Narnia"])
    assert result.exit_code == 1 and "unknown actor" in result.output
    result = runner.invoke(cli, ["analyze", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 1
