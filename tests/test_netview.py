"""to_networkx and aggregate on the hand-written fixture graph (tests/data/views_fixture.ttl)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from actorgraph.netview import aggregate, date_bounds, to_networkx
from actorgraph.store import MemoryStore, open_store

FIXTURE = Path(__file__).parent / "data" / "views_fixture.ttl"
A = "https://w3id.org/actorgraph/actor/"


@pytest.fixture(scope="module")
def fixture_graph() -> MemoryStore:
    return MemoryStore(Graph().parse(FIXTURE, format="turtle"))


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


def test_actor_level_keeps_people_and_bodies(fixture_graph: MemoryStore) -> None:
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


def test_filters(fixture_graph: MemoryStore) -> None:
    assert to_networkx(fixture_graph, include_negated=True).number_of_edges() == 19
    assert to_networkx(fixture_graph, min_confidence=0.5).number_of_edges() == 16
    october = to_networkx(fixture_graph, since="2020-10-01", until="2020-10-31")
    dates = sorted(d["date"] for _, _, d in october.edges(data=True))
    assert dates[0] >= "2020-10-01" and dates[-1] <= "2020-10-31"
    # the coarse date 2020-09 overlaps a range starting mid-September
    september = to_networkx(fixture_graph, since="2020-09-15", until="2020-09-20")
    assert [d["relation"] for _, _, d in september.edges(data=True)] == ["aids"]


def test_dataset_named_graphs_are_read() -> None:
    ds = Dataset()
    named = ds.graph(URIRef("https://w3id.org/actorgraph/doc/d1"))
    for triple in Graph().parse(FIXTURE, format="turtle"):
        named.add(triple)
    assert to_networkx(open_store(ds)).number_of_edges() == 18


def test_every_backend_reads_the_same_graph() -> None:
    with open_store(FIXTURE) as oxigraph, open_store(FIXTURE, "memory") as memory:
        assert oxigraph.kind == "oxigraph" and memory.kind == "memory"
        a, b = to_networkx(oxigraph), to_networkx(memory)
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))


ROLL_UP = """@prefix ag: <https://w3id.org/actorgraph/ontology#> .
@prefix a: <https://w3id.org/actorgraph/actor/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
a:russia a ag:State ; skos:prefLabel "Russia" ; ag:isoCode "RUS" ; ag:stateCode "RUS" ;
    ag:rollsUpTo a:russia .
a:russian-federation a ag:State ; skos:prefLabel "Russian Federation" ; ag:isoCode "RUS" ;
    ag:stateCode "RUS" ; ag:rollsUpTo a:russian-federation .
a:armenia a ag:State ; skos:prefLabel "Armenia" ; ag:isoCode "ARM" ; ag:stateCode "ARM" ;
    ag:rollsUpTo a:armenia .
a:envoy a ag:Person ; skos:prefLabel "An envoy" ; ag:stateCode "FRA" ; ag:actsFor a:armenia ;
    ag:rollsUpTo a:armenia .
a:lavrov a ag:Person ; skos:prefLabel "Sergey Lavrov" ; ag:stateCode "RUS" ; ag:rollsUpTo a:russia .
<urn:s1> a ag:Statement ; ag:statementSubject a:envoy ; ag:statementRelation ag:consultsWith ;
    ag:statementObject a:russian-federation .
<urn:s2> a ag:Statement ; ag:statementSubject a:lavrov ; ag:statementRelation ag:supports ;
    ag:statementObject a:armenia .
"""


def test_roll_up_follows_rolls_up_to_not_state_codes() -> None:
    """The node is what ag:rollsUpTo names: two States sharing an ISO code stay apart, and a person whose
    own state is missing counts for the state the graph rolls them up to."""
    g = to_networkx(open_store(Graph().parse(data=ROLL_UP, format="turtle")))
    edges = sorted(
        (g.nodes[u]["label"], d["relation"], g.nodes[v]["label"]) for u, v, d in g.edges(data=True)
    )
    assert edges == [("Armenia", "consultsWith", "Russian Federation"), ("Russia", "supports", "Armenia")]
    assert g.nodes[A + "armenia"]["actors"] == ["An envoy", "Armenia"]
    assert to_networkx(open_store(Graph().parse(data=ROLL_UP, format="turtle")), level="actor").has_node(
        A + "envoy"
    )


def test_unknown_level(fixture_graph: MemoryStore) -> None:
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
