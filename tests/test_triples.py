"""Pure triple functions: stable IRIs, typed dates, truthy rules, actor descriptions, no blank nodes."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import OWL, RDF, SKOS, XSD, BNode, Literal, URIRef

from actorgraph.model import Activity, Actor, Affiliation, Assertion, Document, RelationType
from actorgraph.namespaces import AG, WD
from actorgraph.triples import (
    activity_triples,
    actor_triples,
    assertion_triples,
    date_literal,
    doc_iri,
    document_triples,
    position_iri,
    relation_triples,
    sentence_iri,
    statement_iri,
    truthy_triple,
)
from tiny_fixture import ACTIVITY, ACTORS, DOCUMENTS, load_assertions

SUPPORTS = RelationType("supports", "supports", 1, plover="SUPPORT")
TURKEY = Actor("turkey", "State", "Turkey", state="TUR")
AZERBAIJAN = Actor("azerbaijan", "State", "Azerbaijan", state="AZE")


def make(**changes: object) -> Assertion:
    base = Assertion(
        "a.txt", 0, 26, "Turkey supports Azerbaijan", TURKEY, SUPPORTS, AZERBAIJAN, date="2020-07-17"
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "datatype", "lexical"),
    [
        ("2020-07-17", XSD.date, "2020-07-17"),
        ("2020-07", XSD.gYearMonth, "2020-07"),
        ("2020", XSD.gYear, "2020"),
    ],
)
def test_date_literal_by_granularity(value: str, datatype: URIRef, lexical: str) -> None:
    literal = date_literal(value)
    assert literal is not None
    assert literal.datatype == datatype
    assert str(literal) == lexical


@pytest.mark.parametrize("value", [None, "", "July 2020", "2020-7-1", "20200717"])
def test_date_literal_rejects_other_text(value: str | None) -> None:
    assert date_literal(value) is None


def test_statement_iri_is_stable_and_distinguishes_readings() -> None:
    assert statement_iri(make()) == statement_iri(make())
    others = {
        statement_iri(make(negated=True)),
        statement_iri(make(mood="hedged")),
        statement_iri(make(start=1)),
        statement_iri(make(object=Actor("armenia", "State", "Armenia"))),
    }
    assert statement_iri(make()) not in others
    assert len(others) == 4
    assert str(statement_iri(make())).startswith("https://w3id.org/actorgraph/statement/")


def test_sentence_and_document_iris() -> None:
    assert (
        str(sentence_iri("news/a b.txt", 3, 9)) == "https://w3id.org/actorgraph/doc/news/a%20b.txt#char=3,9"
    )
    # document names that differ never share an IRI (case, punctuation, non-Latin scripts)
    names = ["A.TXT", "a.txt", "report 1.txt", "report-1.txt", "Россия.txt", "Турция.txt", "a%20b", "a b"]
    assert len({doc_iri(name) for name in names}) == len(names)


@pytest.mark.parametrize(
    ("changes", "truthy"),
    [
        ({}, True),
        ({"mood": "hedged", "hedged": True}, True),
        ({"negated": True}, False),
        ({"mood": "conditional", "hedged": True}, False),
        ({"mood": "question", "hedged": True}, False),
    ],
)
def test_truthy_triple_only_for_asserted_or_hedged_non_negated(
    changes: dict[str, object], truthy: bool
) -> None:
    triple = truthy_triple(make(**changes))
    if truthy:
        assert triple == (URIRef(TURKEY.iri), AG.supports, URIRef(AZERBAIJAN.iri))
    else:
        assert triple is None


def test_assertion_triples_carry_statement_and_sentence() -> None:
    reporter = Actor("turkey", "State", "Turkey")
    triples = set(assertion_triples(make(means="drones", reported_by=reporter, trigger="supports"), ACTIVITY))
    stmt = statement_iri(make(means="drones", reported_by=reporter, trigger="supports"))
    sentence = sentence_iri("a.txt", 0, 26)
    expected = {
        (stmt, RDF.type, AG.Statement),
        (stmt, AG.statementSubject, URIRef(TURKEY.iri)),
        (stmt, AG.statementRelation, AG.supports),
        (stmt, AG.statementObject, URIRef(AZERBAIJAN.iri)),
        (stmt, AG.polarity, Literal(1)),
        (stmt, AG.ploverType, Literal("SUPPORT")),
        (stmt, AG.negated, Literal(False)),
        (stmt, AG.means, Literal("drones")),
        (stmt, AG.eventDate, Literal("2020-07-17", datatype=XSD.date)),
        (stmt, AG.reportedBy, URIRef(TURKEY.iri)),
        (sentence, RDF.type, AG.Sentence),
    }
    assert expected <= triples
    assert (
        sentence,
        URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex"),
        Literal(0),
    ) in triples
    assert any(p == URIRef("http://www.w3.org/ns/prov#wasGeneratedBy") for _s, p, _o in triples)


def test_actor_triples_state_person_and_organisation() -> None:
    by_id = {a.id: a for a in ACTORS}
    turkey = set(actor_triples(by_id["turkey"]))
    node = URIRef(by_id["turkey"].iri)
    assert (node, RDF.type, AG.State) in turkey
    assert (node, AG.isoCode, Literal("TUR")) in turkey
    assert (node, AG.stateCode, Literal("TUR")) in turkey
    assert (node, OWL.sameAs, WD.Q43) in turkey
    assert (node, SKOS.prefLabel, Literal("Turkey", lang="en")) in turkey
    assert (node, SKOS.altLabel, Literal("Türkiye", lang="en")) in turkey

    lavrov = set(actor_triples(by_id["sergey-lavrov"], acts_for=["russia"]))
    person = URIRef(by_id["sergey-lavrov"].iri)
    position = position_iri("sergey-lavrov", "russia", "Foreign Minister", "2004-03-09")
    assert (person, AG.actsFor, URIRef(by_id["russia"].iri)) in lavrov
    assert (person, AG.hasPosition, position) in lavrov
    assert (position, AG.startDate, Literal("2004-03-09", datatype=XSD.date)) in lavrov
    assert not any(p == AG.isoCode for _s, p, _o in lavrov)

    osce = set(actor_triples(by_id["osce-minsk-group"]))
    assert not any(p in (AG.isoCode, AG.stateCode) for _s, p, _o in osce)


def test_person_with_changed_office_keeps_every_state_code() -> None:
    person = Actor(
        "x", "Person", "X", state="AZE", affiliations=(Affiliation("azerbaijan", "FM", "2004", "2020"),)
    )
    codes = {o for _s, p, o in actor_triples(person, state_codes=["ARM"]) if p == AG.stateCode}
    assert codes == {Literal("ARM"), Literal("AZE")}


def test_document_activity_relation_triples() -> None:
    doc = set(document_triples(DOCUMENTS[0]))
    node = doc_iri(DOCUMENTS[0].name)
    dcterms = "http://purl.org/dc/terms/"
    assert (node, URIRef(dcterms + "identifier"), Literal("01-tavush-clashes.md")) in doc
    assert (node, URIRef(dcterms + "date"), Literal("2020-07-14", datatype=XSD.date)) in doc
    assert (node, URIRef("https://schema.org/url"), URIRef("https://example.org/news/tavush")) in doc
    assert not any(
        p == URIRef("https://schema.org/url")
        for _s, p, _o in document_triples(Document("b.txt", "", url="javascript:alert(1)"))
    )
    activity = set(activity_triples(Activity("1", "m", "2", "2024-01-01T00:00:00")))
    assert any(o == AG.ExtractionActivity for _s, _p, o in activity)
    sym = set(relation_triples(RelationType("rivalOf", "rival of", -1, symmetric=True)))
    assert (AG.rivalOf, RDF.type, OWL.SymmetricProperty) in sym


def test_no_blank_nodes_anywhere() -> None:
    triples = []
    for assertion in load_assertions():
        triples.extend(assertion_triples(assertion, ACTIVITY))
    for actor in ACTORS:
        triples.extend(actor_triples(actor))
    for document in DOCUMENTS:
        triples.extend(document_triples(document))
    assert triples
    assert not any(isinstance(term, BNode) for triple in triples for term in triple)
