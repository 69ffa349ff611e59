"""The trained decision: labels from the gold, what it keeps, its weights and the two paths side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from actorgraph.cli import cli
from actorgraph.model import Actor, Assertion
from actorgraph.ontology import load_relation_types

TYPES = load_relation_types()
TUR = Actor("turkey", "State", "Turkey", state="TUR")
AZE = Actor("azerbaijan", "State", "Azerbaijan", state="AZE")


def scored(relation: str, start: int, end: int, proposal: bool = False, sentence: int = 0) -> Any:
    from actorgraph.pipeline.relations import ScoredDraft

    assertion = Assertion(
        doc="d",
        start=start,
        end=end,
        sentence="x",
        subject=TUR,
        relation=TYPES[relation],
        object=AZE,
        subject_state="TUR",
        object_state="AZE",
    )
    s, o = ("AZE", "TUR") if TYPES[relation].symmetric else ("TUR", "AZE")
    return ScoredDraft(
        sentence, (s, relation, o, False, "asserted"), assertion, ("rel=" + relation,), proposal
    )


def test_a_draft_is_labelled_by_the_gold_sentence_it_overlaps() -> None:
    from actorgraph.pipeline.classifier import draft_label

    gold = [
        (0, 30, [("TUR", "supports", "AZE", False, True)]),
        (31, 60, [("AZE", "consultsWith", "TUR", False, True)]),
    ]
    assert draft_label(scored("supports", 0, 30), gold) == 1.0
    assert draft_label(scored("supports", 31, 60), gold) == 0.0  # right pair, wrong sentence
    assert draft_label(scored("consultsWith", 35, 50), gold) == 1.0  # symmetric: either direction
    assert draft_label(scored("attacks", 0, 30), gold) == 0.0


def test_the_rules_drafts_stay_and_proposals_need_the_threshold() -> None:
    import numpy
    import spacy
    from spacy.tokens import Doc

    from actorgraph.pipeline.classifier import RelationClassifier, build_draft_scorer
    from actorgraph.pipeline.relations import DRAFTS, EXTENSION, _ensure_extension

    _ensure_extension()
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["x"])
    doc._.set(
        DRAFTS,
        [
            scored("supports", 0, 1),
            scored("attacks", 0, 1, proposal=True),
            scored("aids", 0, 1, proposal=True),
        ],
    )
    component = RelationClassifier(nlp.vocab, build_draft_scorer(), threshold=0.8)
    component.set_annotations([doc], numpy.asarray([[0.1], [0.9], [0.5]], dtype="float32"))
    assert sorted(a.relation.name for a in doc._.get(EXTENSION)) == ["attacks", "supports"]


def _one_record_gold(folder: Path) -> Path:
    """A gold file of one sentence: Turkey supports Azerbaijan."""
    gold = folder / "g.jsonl"
    relation = {"subject": "TUR", "relation": "supports", "object": "AZE", "negated": False, "hedged": False}
    record = {"id": "a", "text": "Turkey supports Azerbaijan.", "relations": [relation]}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return gold


@pytest.mark.model
def test_the_shipped_weights_load_and_the_rules_only_path_leaves_them_out() -> None:
    from actorgraph.pipeline import build_nlp
    from actorgraph.pipeline.classifier import CLASSIFIER, shipped_classifier_dir

    assert (shipped_classifier_dir() / "model").is_file()
    assert json.loads((shipped_classifier_dir() / "cfg").read_text())["threshold"] == 0.8
    assert build_nlp().pipe_names[-1] == CLASSIFIER
    assert CLASSIFIER not in build_nlp(classifier=False).pipe_names


@pytest.mark.model
def test_training_examples_carry_drafts_and_gold(tmp_path: Path) -> None:
    from actorgraph.pipeline import build_nlp
    from actorgraph.pipeline.classifier import GOLD_KEY
    from actorgraph.pipeline.training import gold_examples

    gold = _one_record_gold(tmp_path)
    nlp = build_nlp(classifier=False, drafts=True)
    [example] = list(gold_examples(nlp, [gold], fold="train"))
    assert example.reference.user_data[GOLD_KEY][0][2] == [("TUR", "supports", "AZE", False, True)]
    assert example.predicted._.actorgraph_drafts
    with pytest.raises(ValueError, match="test split"):
        list(gold_examples(nlp, [gold], split="test"))


@pytest.mark.model
def test_evaluate_compare_prints_both_paths(tmp_path: Path) -> None:
    gold = _one_record_gold(tmp_path)
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--compare"])
    assert result.exit_code == 0, result.output
    header, _, overall = result.output.splitlines()[:3]
    assert "trained P" in header and "rules P" in header and overall.split()[0] == "overall"
    assert "+0.000" in overall


def test_a_proposal_holds_one_way_round() -> None:
    from dataclasses import replace

    import numpy

    from actorgraph.pipeline.classifier import _one_direction

    one = scored("aids", 0, 1, proposal=True)
    other = replace(one, key=("AZE", "aids", "TUR", False, "asserted"))
    rule = scored("supports", 0, 1)
    talks = scored("consultsWith", 0, 1, proposal=True)
    keep = _one_direction([one, other, rule, talks], numpy.asarray([0.85, 0.95, 0.0, 0.9]), 0.8)
    assert keep == [False, True, True, True]  # the likelier direction; rules and symmetric relations stay
    assert _one_direction([one, other], numpy.asarray([0.9, 0.5]), 0.8) == [True, False]
