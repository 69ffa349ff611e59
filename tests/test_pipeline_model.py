"""The relation extractor on real parses: every phenomenon of issue 3 and the two acceptance statements."""

from __future__ import annotations

from typing import Any

import pytest

from actorgraph.model import Assertion
from actorgraph.pipeline import BlockTask, build_nlp, extract_blocks, model_info

pytestmark = pytest.mark.model

Triple = tuple[str, str, str]


@pytest.fixture(scope="session")
def pipeline_nlp() -> Any:
    return build_nlp()


def run(nlp: Any, text: str, date: str | None = "2020-08-01") -> list[Assertion]:
    task = BlockTask("probe.txt", 0, text, text, date)
    return [a for _, found in extract_blocks(nlp, [task]) for a in found]


SYMMETRIC = {
    "cooperatesWith",
    "consultsWith",
    "agreesWith",
    "clashesWith",
    "alliedWith",
    "partnerOf",
    "rivalOf",
}


def norm(triple: Triple) -> Triple:
    s, r, o = triple
    return (o, r, s) if r in SYMMETRIC and o < s else (s, r, o)


def key(a: Assertion) -> Triple:
    return norm((a.subject_state or a.subject.id, a.relation.name, a.object_state or a.object.id))


def positives(found: list[Assertion]) -> set[Triple]:
    return {key(a) for a in found if not a.negated and a.mood in {"asserted", "hedged"}}


def test_acceptance_turkey_supports_azerbaijan(pipeline_nlp: Any) -> None:
    found = run(pipeline_nlp, "Turkey supports Azerbaijan.")
    assert len(found) == 1
    data = found[0].to_json()
    assert data["subject"]["id"].endswith("/turkey") and data["subject"]["state"] == "TUR"
    assert data["object"]["state"] == "AZE"
    assert data["relation"]["name"] == "supports" and data["relation"]["plover"] == "SUPPORT"
    assert data["relation"]["polarity"] == 1 and data["means"] is None and data["negated"] is False


def test_acceptance_russia_pressures_turkey_via_idlib_strikes(pipeline_nlp: Any) -> None:
    found = run(pipeline_nlp, "Russia pressures Turkey via Idlib strikes.")
    assert len(found) == 1
    data = found[0].to_json()
    assert (data["subject"]["state"], data["relation"]["name"], data["object"]["state"]) == (
        "RUS",
        "pressures",
        "TUR",
    )
    assert data["relation"]["plover"] == "COERCE" and data["means"] == "Idlib strikes"


CASES: list[tuple[str, str, set[Triple]]] = [
    # trigger words the parser mis-tags
    ("trigger-pos", "Greece backs Cyprus.", {("GRC", "supports", "CYP")}),
    ("trigger-pos", "US presses Turkey.", {("USA", "pressures", "TUR")}),
    ("trigger-pos", "Armenia, Azerbaijan trade fire.", {("ARM", "clashesWith", "AZE")}),
    # means
    ("means", "Iran pressures Iraq through militia attacks.", {("IRN", "pressures", "IRQ")}),
    # passives and agentive nominals
    ("passive", "Kuwait was invaded by Iraq.", {("IRQ", "attacks", "KWT")}),
    (
        "passive",
        "Talks between Hamas and Israel were mediated by Egypt.",
        {("EGY", "mediates", "ISR"), ("EGY", "mediates", "hamas"), ("ISR", "consultsWith", "hamas")},
    ),
    ("agentive", "The bombing of Belgrade by NATO lasted weeks.", {("nato", "attacks", "SRB")}),
    ("agentive", "The blockade of Qatar by Saudi Arabia ended in 2021.", {("SAU", "sanctions", "QAT")}),
    # nominal and adjectival forms
    ("nominal", "Iran's support for Syria angered Israel.", {("IRN", "supports", "SYR")}),
    ("nominal", "The alliance between Russia and Belarus is strong.", {("RUS", "alliedWith", "BLR")}),
    ("nominal", "Saudi-led strikes on Yemen continued.", {("SAU", "attacks", "YEM")}),
    (
        "nominal",
        "A Qatar-brokered deal between the United States and the Taliban was signed.",
        {("USA", "agreesWith", "taliban"), ("QAT", "mediates", "USA"), ("QAT", "mediates", "taliban")},
    ),
    ("nominal", "Clashes between Armenia and Azerbaijan erupted in July.", {("ARM", "clashesWith", "AZE")}),
    ("nominal", "Erdogan held a phone call with Putin on Tuesday.", {("TUR", "consultsWith", "RUS")}),
    ("nominal", "Turkey has openly pursued a pro-Azerbaijani policy.", {("TUR", "supports", "AZE")}),
    (
        "nominal",
        "Joint Russian-Turkish patrols along the road will begin.",
        {("RUS", "cooperatesWith", "TUR")},
    ),
    # standing relations
    ("standing", "Belarus, Russia's closest ally, condemned the move.", {("BLR", "alliedWith", "RUS")}),
    ("standing", "Turkey is a member of NATO.", {("TUR", "memberOf", "nato")}),
    ("standing", "Finland joined NATO in 2023.", {("FIN", "memberOf", "nato")}),
    ("standing", "China and Brazil are major trade partners.", {("CHN", "partnerOf", "BRA")}),
    ("standing", "The rivalry between India and Pakistan persists.", {("IND", "rivalOf", "PAK")}),
    ("standing", "Iran is Saudi Arabia's main adversary.", {("IRN", "rivalOf", "SAU")}),
    # metonymy
    ("metonymy", "Beijing warned Taipei.", {("CHN", "threatens", "TWN")}),
    ("metonymy", "A conference in Vienna discussed the crisis.", set()),
    # people
    ("people", "The Russian Foreign Ministry criticized Turkey.", {("RUS", "accuses", "TUR")}),
    ("people", "Lavrov called on Ankara to show restraint.", {("RUS", "requests", "TUR")}),
    (
        "people",
        "French Foreign Minister Jean Dupont met Kenya's defence minister.",
        {("FRA", "consultsWith", "KEN")},
    ),
    ("people", "Turkish forces shelled Syrian army positions.", {("TUR", "attacks", "SYR")}),
    # conjunctions
    (
        "conjunction",
        "Russia and Turkey condemned Armenia and France.",
        {
            ("RUS", "accuses", "ARM"),
            ("RUS", "accuses", "FRA"),
            ("TUR", "accuses", "ARM"),
            ("TUR", "accuses", "FRA"),
        },
    ),
    # coreference
    (
        "coreference",
        "Turkey condemned Armenia. It also supports Azerbaijan.",
        {("TUR", "accuses", "ARM"), ("TUR", "supports", "AZE")},
    ),
    # reported speech
    (
        "reported",
        "Washington said China was arming Russia.",
        {("CHN", "aids", "RUS"), ("USA", "accuses", "CHN")},
    ),
    # mediation
    (
        "mediation",
        "Qatar mediated between Iran and the United States.",
        {("QAT", "mediates", "IRN"), ("QAT", "mediates", "USA")},
    ),
    (
        "mediation",
        "Talks between Armenia and Azerbaijan hosted by Russia ended.",
        {("ARM", "consultsWith", "AZE"), ("RUS", "mediates", "ARM"), ("RUS", "mediates", "AZE")},
    ),
]


@pytest.mark.parametrize(("tag", "text", "expected"), CASES, ids=[f"{c[0]}:{c[1][:40]}" for c in CASES])
def test_phenomenon(pipeline_nlp: Any, tag: str, text: str, expected: set[Triple]) -> None:
    assert positives(run(pipeline_nlp, text)) == {norm(t) for t in expected}


NEGATED = [
    "Turkey did not support Armenia.",
    "Russia refused to recognize Kosovo.",
    "Iran provided no assistance to Iraq.",
    "Armenia never attacked Turkey.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negation_is_kept_negated(pipeline_nlp: Any, text: str) -> None:
    found = run(pipeline_nlp, text)
    assert found and all(a.negated for a in found)
    assert positives(found) == set()


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("Russia may sanction Turkey.", "hedged"),
        ("Turkey reportedly armed Azerbaijan.", "hedged"),
        ("Russia is expected to pressure Georgia.", "hedged"),
        ("If Turkey attacks Armenia, Russia would defend Armenia.", "conditional"),
        ("Will China invade Taiwan?", "question"),
    ],
)
def test_moods(pipeline_nlp: Any, text: str, mood: str) -> None:
    found = run(pipeline_nlp, text)
    assert found and all(a.mood == mood and a.hedged for a in found)
    assert all(a.confidence < 0.8 for a in found)


def test_reported_speech_names_the_reporter(pipeline_nlp: Any) -> None:
    found = run(pipeline_nlp, "Armenia said that Azerbaijan attacked its positions.")
    by_key = {key(a): a for a in found}
    assert ("AZE", "attacks", "ARM") in by_key and ("ARM", "accuses", "AZE") in by_key
    assert by_key[("AZE", "attacks", "ARM")].reported_by is not None
    assert by_key[("AZE", "attacks", "ARM")].reported_by.id == "armenia"


def test_people_roll_up_on_the_date(pipeline_nlp: Any) -> None:
    before = run(pipeline_nlp, "Mammadyarov criticized Turkey.", "2020-07-01")
    after = run(pipeline_nlp, "Mammadyarov criticized Turkey.", "2020-08-01")
    assert positives(before) == {("AZE", "accuses", "TUR")}
    assert before[0].subject.id == "elmar-mammadyarov"
    # out of office: the person speaks for no state any more
    assert positives(after) == {("elmar-mammadyarov", "accuses", "TUR")}


def test_extract_blocks_offsets_evidence_and_dates(pipeline_nlp: Any) -> None:
    original = "Intro text here. On July 12, Armenia accused Azerbaijan."
    task = BlockTask("doc.md", 40, original, original, "2020-08-31", index=2)
    ((got_task, found),) = list(extract_blocks(pipeline_nlp, [task]))
    assert got_task is task
    (assertion,) = found
    assert assertion.sentence == "On July 12, Armenia accused Azerbaijan."
    assert assertion.start == 40 + original.index("On July")
    assert assertion.end == 40 + len(original)
    assert assertion.date == "2020-07-12" and assertion.doc == "doc.md"


def test_extract_blocks_keeps_order_across_batches(pipeline_nlp: Any) -> None:
    texts = [f"Turkey supports Azerbaijan. Block {i}." for i in range(5)]
    tasks = [BlockTask("d", i * 100, t, t, None, index=i) for i, t in enumerate(texts)]
    out = list(extract_blocks(pipeline_nlp, tasks, batch_size=2))
    assert [t.index for t, _ in out] == list(range(5))
    assert all(len(found) == 1 for _, found in out)


def test_model_info_names_the_model(pipeline_nlp: Any) -> None:
    name, version = model_info(pipeline_nlp)
    assert name.startswith("en_core_web_sm") and version.startswith("3.8")


def test_pipeline_components(pipeline_nlp: Any) -> None:
    names = pipeline_nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner") and names[-1] == "actorgraph_relations"
