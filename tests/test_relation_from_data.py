"""Adding a relation type from data only: a property in the ontology and lines in the lexicon, no code.

This walks through what docs/architecture.md describes under "Add a relation type": copy the ontology
folder, declare ``ag:investsIn`` as a sub-property of ``ag:relation`` with its polarity, add its triggers to
the lexicon, and the extractor reads it from a verb and from a noun. The model test goes on to the graph.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from actorgraph import bundle, resources
from actorgraph.pipeline.relations import RelationExtractor
from actorgraph.pipeline.ruler import GazetteerRuler

NEW_PROPERTY = """
ag:investsIn a owl:ObjectProperty ; rdfs:subPropertyOf ag:relation ;
    rdfs:label "invests in"@en ; ag:polarity 1 ;
    skos:definition "Puts money into the other actor's economy."@en .
"""
NEW_TRIGGERS = "invest\tverb\tinvestsIn\tprep:in\ninvestment\tnoun\tinvestsIn\tprep:in\n"


@pytest.fixture
def ontology_with_investment(tmp_path: Path) -> Path:
    folder = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), folder)
    with (folder / "actorgraph.ttl").open("a", encoding="utf-8") as ttl:
        ttl.write(NEW_PROPERTY)
    with (folder / "lexicon.tsv").open("a", encoding="utf-8") as lexicon:
        lexicon.write(NEW_TRIGGERS)
    return folder


def _extract(
    res: bundle.Resources,
    words: list[str],
    heads: list[int],
    deps: list[str],
    pos: list[str],
    lemmas: list[str],
) -> list[Any]:
    nlp = spacy.blank("en")
    ruler, component = GazetteerRuler(nlp), RelationExtractor(nlp, "actorgraph_relations")
    ruler.initialize(resources=res)
    component.initialize(resources=res)
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    return list(component(ruler(doc))._.actorgraph_relations)


def test_a_relation_added_as_data_is_extracted(ontology_with_investment: Path) -> None:
    res = bundle.load_resources(ontology_with_investment)
    assert res.relation_types["investsIn"].polarity == 1 and not res.relation_types["investsIn"].hints
    verbal = _extract(
        res,
        ["China", "invests", "in", "Pakistan", "."],
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
        ["China", "invest", "in", "Pakistan", "."],
    )
    nominal = _extract(
        res,
        ["China", "'s", "investment", "in", "Pakistan", "grew", "."],
        [2, 0, 5, 2, 3, 5, 5],
        ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["China", "'s", "investment", "in", "Pakistan", "grow", "."],
    )
    for found, rule in ((verbal, "svo"), (nominal, "nominal")):
        assert [(a.subject_state, a.relation.name, a.object_state, a.rule) for a in found] == [
            ("CHN", "investsIn", "PAK", rule)
        ]
        assert found[0].relation.polarity == 1 and found[0].relation.iri.endswith("#investsIn")


def test_without_the_data_there_is_no_such_relation() -> None:
    found = _extract(
        bundle.load_resources(),
        ["China", "invests", "in", "Pakistan", "."],
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
        ["China", "invest", "in", "Pakistan", "."],
    )
    assert found == []


@pytest.mark.model
def test_a_relation_added_as_data_reaches_the_graph(
    ontology_with_investment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rdflib import URIRef

    from actorgraph.extract import Extractor
    from actorgraph.graph import build_dataset
    from actorgraph.model import ONTOLOGY_NS

    monkeypatch.setenv(resources.ENV_VAR, str(ontology_with_investment))
    extractor = Extractor()
    found = extractor.extract_text("China invests heavily in Pakistan.", name="news.txt")
    assert [(a.subject_state, a.relation.name, a.object_state) for a in found] == [
        ("CHN", "investsIn", "PAK")
    ]
    dataset = build_dataset(found, gazetteer=extractor.gazetteer)
    china, pakistan = (URIRef(f"https://w3id.org/actorgraph/actor/{s}") for s in ("china", "pakistan"))
    assert (china, URIRef(ONTOLOGY_NS + "investsIn"), pakistan) in dataset.default_graph  # type: ignore[attr-defined]
