from __future__ import annotations

from rdflib import OWL, RDF

from actorgraph.namespaces import AG
from actorgraph.ontology import load_ontology, load_relation_types

REQUIRED = {
    "supports": (1, "SUPPORT"),
    "aids": (1, "AID"),
    "cooperatesWith": (1, "COOPERATE"),
    "consultsWith": (1, "CONSULT"),
    "agreesWith": (1, "AGREE"),
    "mediates": (1, None),
    "requests": (0, "REQUEST"),
    "accuses": (-1, "ACCUSE"),
    "rejects": (-1, "REJECT"),
    "threatens": (-1, "THREATEN"),
    "pressures": (-1, "COERCE"),
    "sanctions": (-1, "SANCTION"),
    "attacks": (-1, "ASSAULT"),
    "opposes": (-1, None),
    "alliedWith": (1, None),
    "rivalOf": (-1, None),
    "partnerOf": (1, None),
    "memberOf": (0, None),
    "coChairOf": (0, None),
}


def test_ontology_parses_with_every_actor_class() -> None:
    graph = load_ontology()
    for cls in (AG.State, AG.InternationalOrganization, AG.StateBody, AG.Person, AG.NonStateGroup):
        assert (cls, RDF.type, OWL.Class) in graph


def test_relation_properties_have_polarity_and_plover() -> None:
    types = load_relation_types()
    for name, (polarity, plover) in REQUIRED.items():
        assert types[name].polarity == polarity, name
        assert types[name].plover == plover, name


def test_symmetry_and_hierarchy() -> None:
    types = load_relation_types()
    assert {n for n, t in types.items() if t.symmetric} >= {
        "alliedWith",
        "rivalOf",
        "partnerOf",
        "cooperatesWith",
        "consultsWith",
        "agreesWith",
        "clashesWith",
    }
    assert not types["supports"].symmetric
    assert types["coChairOf"].parent == "memberOf"
    assert types["alliedWith"].standing and not types["supports"].standing
