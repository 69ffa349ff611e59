"""to_networkx and aggregate on the hand-written fixture graph (tests/data/views_fixture.ttl)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from actorgraph.netview import aggregate, date_bounds, to_networkx

FIXTURE = Path(__file__).parent / "data" / "views_fixture.ttl"
A = "https://w3id.org/actorgraph/actor/"


@pytest.fixture(scope="module")
def fixture_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module")
def multi(fixture_graph: Graph) -> nx.MultiDiGraph:
    return to_networkx(fixture_graph)


def labels(g: nx.Graph) -> set[str]:
    return {d["label"] for _, d in g.nodes(data=True)}


def test_state_level_counts_and_roll_up(multi: nx.MultiDiGraph) -> None:
    assert multi.number_of_edges() == 18  # 19 statements, the negated one left out
    assert multi.number_of_nodes() == 8
    assert "Sergey Lavrov" not in labels(multi) and "Russian Foreign Ministry" not in labels(multi)
    russia = multi.nodes[A + "russia"]
    assert russia["type"] == "State" and russia["state"] == "RUS"
    assert russia["actors"] == ["Russia", "Russian Foreign Ministry", "Sergey Lavrov"]
    # Lavrov's consultation became Russia -> Armenia, with the original actor kept for the evidence panel
    lavrov = [d for _, _, d in multi.edges(A + "russia", data=True) if d["relation"] == "consultsWith"]
    assert lavrov and lavrov[0]["subject_label"] == "Sergey Lavrov"
    # an organisation, a group and a person whose state is not in the graph stay themselves
    assert multi.nodes[A + "osce-minsk-group"]["type"] == "InternationalOrganization"
    assert multi.nodes[A + "syrian-national-army"]["type"] == "NonStateGroup"
    assert multi.nodes[A + "jean-dupont"]["type"] == "Person"


def test_actor_level_keeps_people_and_bodies(fixture_graph: Graph) -> None:
    g = to_networkx(fixture_graph, level="actor")
    assert g.number_of_nodes() == 10 and g.number_of_edges() == 18
    assert {"Sergey Lavrov", "Russian Foreign Ministry"} <= labels(g)


def test_edge_attributes(multi: nx.MultiDiGraph) -> None:
    key = "https://w3id.org/actorgraph/statement/s02"
    data = multi.edges[A + "turkey", A + "azerbaijan", key]
    assert data["relation"] == "aids" and data["polarity"] == 1 and data["plover"] == "AID"
    assert data["date"] == "2020-09"  # xsd:gYearMonth kept as written
    assert data["confidence"] == pytest.approx(0.9)
    assert data["sentence"] == "In September Turkey sent drones to Azerbaijan."
    assert data["doc"] == "corpus-01-tavush.md" and data["doc_title"] == "Clashes in Tavush"
    assert (data["start"], data["end"]) == (40, 86)
    assert data["symmetric"] is False and data["hedged"] is False and data["negated"] is False
    clash = multi.edges[A + "armenia", A + "azerbaijan", "https://w3id.org/actorgraph/statement/s03"]
    assert clash["symmetric"] is True
    undated = multi.edges[A + "jean-dupont", A + "russia", "https://w3id.org/actorgraph/statement/s19"]
    assert undated["date"] == "2020-10-10"  # falls back to the document date


def test_filters(fixture_graph: Graph) -> None:
    assert to_networkx(fixture_graph, include_negated=True).number_of_edges() == 19
    assert to_networkx(fixture_graph, min_confidence=0.5).number_of_edges() == 16
    october = to_networkx(fixture_graph, since="2020-10-01", until="2020-10-31")
    dates = sorted(d["date"] for _, _, d in october.edges(data=True))
    assert dates[0] >= "2020-10-01" and dates[-1] <= "2020-10-31"
    # the coarse date 2020-09 overlaps a range starting mid-September
    september = to_networkx(fixture_graph, since="2020-09-15", until="2020-09-20")
    assert [d["relation"] for _, _, d in september.edges(data=True)] == ["aids"]


def test_dataset_named_graphs_are_read(fixture_graph: Graph) -> None:
    ds = Dataset()
    named = ds.graph(URIRef("https://w3id.org/actorgraph/doc/d1"))
    for triple in fixture_graph:
        named.add(triple)
    assert to_networkx(ds).number_of_edges() == 18
    assert ds.default_union is False  # restored


def test_store_and_path_sources() -> None:
    from actorgraph.store import open_store

    with open_store(FIXTURE) as store:
        assert to_networkx(store).number_of_edges() == 18
    assert to_networkx(str(FIXTURE)).number_of_edges() == 18


def test_unknown_level(fixture_graph: Graph) -> None:
    with pytest.raises(ValueError):
        to_networkx(fixture_graph, level="planet")  # type: ignore[arg-type]


def test_aggregate_classification(multi: nx.MultiDiGraph) -> None:
    g = aggregate(multi)

    def pair(a: str, b: str) -> dict[str, object]:
        return g.edges[A + a, A + b]

    assert pair("turkey", "azerbaijan")["classification"] == "allied"
    assert pair("armenia", "azerbaijan")["classification"] == "rival"
    assert pair("russia", "armenia")["classification"] == "allied"
    rt = pair("russia", "turkey")
    assert rt["classification"] == "ambivalent"
    assert (rt["cooperative"], rt["conflictual"]) == (1, 2)
    assert rt["relations"] == ["accuses", "cooperatesWith", "pressures"]
    assert rt["first"] == "2020-10-01" and rt["last"] == "2020-11-12"
    assert pair("osce-minsk-group", "armenia")["classification"] == "neutral"
    # intensity-weighted: the alliance 0.9 * 6 + Lavrov's talks 0.9 * 1; mediation does not sign the pair
    ra = pair("russia", "armenia")
    assert ra["net"] == pytest.approx(6.3) and ra["mediation"] == 1 and ra["sign"] == 1
    # a question ("Will Iran mediate?") counts nowhere
    assert not g.has_edge(A + "iran", A + "azerbaijan")
    assert pair("iran", "armenia")["hedged_only"] is True


def test_aggregate_decay() -> None:
    m = nx.MultiDiGraph()
    m.add_edge("a", "b", relation="supports", polarity=1, confidence=1.0, date="2020-01-01")
    m.add_edge("a", "b", relation="opposes", polarity=-1, confidence=1.0, date="2021-01-01")
    plain = aggregate(m)
    decayed = aggregate(m, decay_half_life_days=30)
    assert plain.edges["a", "b"]["net"] == 0 and plain.edges["a", "b"]["classification"] == "ambivalent"
    assert decayed.edges["a", "b"]["net"] < -0.99
    assert decayed.edges["a", "b"]["classification"] == "rival"  # the old cooperation has faded below 25 %


def test_intensity_lets_rare_hostility_outweigh_routine_contacts() -> None:
    m = nx.MultiDiGraph()
    for i in range(6):
        m.add_edge(
            "rus", "tur", relation="consultsWith", polarity=1, confidence=0.9, date=f"2020-0{i + 1}-01"
        )
    m.add_edge("tur", "rus", relation="attacks", polarity=-1, confidence=0.9, date="2015-11-24")
    assert aggregate(m).edges["rus", "tur"]["classification"] == "ambivalent"


def test_date_bounds() -> None:
    assert date_bounds("2020-02") == ("2020-02-01", "2020-02-29")
    assert date_bounds("2020-12") == ("2020-12-01", "2020-12-31")
    assert date_bounds("not a date") is None
