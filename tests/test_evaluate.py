"""Gold scoring with a fake extractor: symmetry, negation, moods, context and the per-group numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.errors import InputError
from actorgraph.evaluate import Counts, EvaluationReport, evaluate_files, evaluate_records
from actorgraph.model import Actor, Assertion
from actorgraph.ontology import load_relation_types

TYPES = load_relation_types()
STATES = {
    "TUR": "turkey",
    "AZE": "azerbaijan",
    "ARM": "armenia",
    "RUS": "russia",
    "CHN": "china",
    "TWN": "taiwan",
}


def actor(key: str) -> Actor:
    if key in STATES:
        return Actor(STATES[key], "State", STATES[key].title(), state=key)
    if key == "sergey-lavrov":
        return Actor(key, "Person", "Sergey Lavrov", state="RUS")
    return Actor(key, "InternationalOrganization", key.upper())


def pred(
    text: str,
    subject: str,
    relation: str,
    obj: str,
    *,
    negated: bool = False,
    mood: str = "asserted",
    start: int | None = None,
    end: int | None = None,
) -> Assertion:
    """An assertion on the last sentence of ``text`` (or on ``text[start:end]``)."""
    begin = start if start is not None else max(text.rfind(". ", 0, len(text) - 1) + 2, 0)
    stop = end if end is not None else len(text)
    return Assertion(
        doc="x",
        start=begin,
        end=stop,
        sentence=text[begin:stop],
        subject=actor(subject),
        relation=TYPES[relation],
        object=actor(obj),
        negated=negated,
        hedged=mood != "asserted",
        mood=mood,
    )


class FakeExtractor:
    """Returns canned assertions per input text and records the calls."""

    def __init__(self, outputs: dict[str, list[tuple]]) -> None:  # type: ignore[type-arg]
        self.outputs = outputs
        self.calls: list[tuple[str, str, str | None]] = []

    def extract_text(self, text: str, name: str = "<text>", date: str | None = None) -> list[Assertion]:
        self.calls.append((text, name, date))
        result = []
        for spec in self.outputs.get(text, []):
            *args, kwargs = spec if isinstance(spec[-1], dict) else (*spec, {})
            result.append(pred(text, *args, **kwargs))
        return result


def record(rid: str, text: str, relations: list[dict], **extra: object) -> dict:  # type: ignore[type-arg]
    return {"id": rid, "text": text, "relations": relations, "tags": [], "region": "caucasus", **extra}


def rel(subject: str, relation: str, obj: str, **flags: object) -> dict:  # type: ignore[type-arg]
    return {
        "subject": subject,
        "relation": relation,
        "object": obj,
        "negated": False,
        "hedged": False,
        **flags,
    }


def test_counts_ratios_and_empty_groups() -> None:
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    assert Counts(fp=2).f1 == 0.0 and Counts(fn=1).f1 == 0.0
    assert Counts(tp=1, fp=1, fn=0).precision == 0.5


def test_exact_match_scores_both_levels() -> None:
    text = "Turkey supports Azerbaijan."
    report = evaluate_records(
        [record("r1", text, [rel("TUR", "supports", "AZE")], date="2020-07-17")],
        FakeExtractor({text: [("TUR", "supports", "AZE")]}),
    )
    assert (report.overall.l1.tp, report.overall.l1.fp, report.overall.l1.fn) == (1, 0, 0)
    assert (report.overall.l2.tp, report.overall.l2.fp, report.overall.l2.fn) == (1, 0, 0)
    assert report.mistakes == []


def test_symmetric_relation_ignores_direction_but_asymmetric_does_not() -> None:
    clash = "Armenia and Azerbaijan clashed."
    backs = "Turkey backs Azerbaijan."
    extractor = FakeExtractor({clash: [("AZE", "clashesWith", "ARM")], backs: [("AZE", "supports", "TUR")]})
    report = evaluate_records(
        [
            record("sym", clash, [rel("ARM", "clashesWith", "AZE")]),
            record("asym", backs, [rel("TUR", "supports", "AZE")]),
        ],
        extractor,
    )
    l1, l2 = report.overall.l1, report.overall.l2
    assert (l1.tp, l1.fp, l1.fn) == (1, 1, 1)
    assert (l2.tp, l2.fp, l2.fn) == (1, 1, 1)
    kinds = {(m.record, m.kind, m.level) for m in report.mistakes}
    assert kinds == {
        ("asym", "miss", "L1"),
        ("asym", "false positive", "L1"),
        ("asym", "miss", "L2"),
        ("asym", "false positive", "L2"),
    }


def test_l1_accepts_another_relation_of_the_same_polarity_l2_does_not() -> None:
    text = "Russia pressured Turkey with sanctions."
    report = evaluate_records(
        [record("r", text, [rel("RUS", "sanctions", "TUR")])],
        FakeExtractor({text: [("RUS", "pressures", "TUR")]}),
    )
    assert report.overall.l1.tp == 1
    assert (report.overall.l2.tp, report.overall.l2.fp, report.overall.l2.fn) == (0, 1, 1)


def test_symmetric_gold_matches_asymmetric_output_of_same_polarity_either_way_at_l1() -> None:
    text = "Armenian forces shelled Azerbaijani positions in clashes."
    report = evaluate_records(
        [record("r", text, [rel("AZE", "clashesWith", "ARM")])],
        FakeExtractor({text: [("ARM", "attacks", "AZE")]}),
    )
    assert report.overall.l1.tp == 1 and report.overall.l2.tp == 0


def test_positive_output_for_negated_gold_is_a_false_positive() -> None:
    text = "Russia did not support Armenia."
    report = evaluate_records(
        [record("neg", text, [rel("RUS", "supports", "ARM", negated=True)], tags=["negation"])],
        FakeExtractor({text: [("RUS", "supports", "ARM")]}),
    )
    o = report.overall
    assert (o.l1.tp, o.l1.fp, o.l1.fn) == (0, 1, 0)  # the negated gold item is not a positive to find
    assert (o.negated_gold, o.negated_recovered, o.negation_accuracy) == (1, 0, 0.0)
    [fp_l1] = [m for m in report.mistakes if m.level == "L1"]
    assert fp_l1.kind == "false positive" and fp_l1.note == "gold is negated or not asserted"


def test_negated_output_for_negated_gold_is_scored_on_the_negation_line() -> None:
    text = "Russia did not support Armenia."
    report = evaluate_records(
        [record("neg", text, [rel("RUS", "supports", "ARM", negated=True)])],
        FakeExtractor({text: [("RUS", "supports", "ARM", {"negated": True})]}),
    )
    o = report.overall
    assert (o.l1.tp, o.l1.fp, o.l1.fn) == (0, 0, 0) and o.l1.f1 == 1.0
    assert (o.negated_gold, o.negated_recovered, o.negated_predicted, o.negated_correct) == (1, 1, 1, 1)
    assert report.mistakes == []


def test_negated_output_for_positive_gold_is_a_miss_not_a_false_positive() -> None:
    text = "Turkey supports Azerbaijan."
    report = evaluate_records(
        [record("r", text, [rel("TUR", "supports", "AZE")])],
        FakeExtractor({text: [("TUR", "supports", "AZE", {"negated": True})]}),
    )
    o = report.overall
    assert (o.l1.tp, o.l1.fp, o.l1.fn) == (0, 0, 1)
    assert (o.negated_predicted, o.negated_correct) == (1, 0)


def test_questions_and_conditionals_are_not_positives_but_hedges_are() -> None:
    q = "Will China attack Taiwan?"
    c = "If Russia attacked, Turkey would support Azerbaijan."
    h = "Turkey may support Azerbaijan."
    extractor = FakeExtractor(
        {
            q: [("CHN", "attacks", "TWN", {"mood": "question"})],
            c: [("TUR", "supports", "AZE")],  # wrongly asserted
            h: [("TUR", "supports", "AZE", {"mood": "hedged"})],
        }
    )
    report = evaluate_records(
        [
            record("q", q, [rel("CHN", "attacks", "TWN", hedged=True, mood="question")]),
            record("c", c, [rel("TUR", "supports", "AZE", hedged=True, mood="conditional")]),
            record("h", h, [rel("TUR", "supports", "AZE", hedged=True)]),
        ],
        extractor,
    )
    o = report.overall
    assert (o.l1.tp, o.l1.fp, o.l1.fn) == (1, 1, 0)
    assert {m.record for m in report.mistakes} == {"c"}


def test_context_is_prepended_and_its_assertions_ignored() -> None:
    context = "Turkey backs Azerbaijan."
    text = "It also supports NATO."
    full = f"{context} {text}"
    extractor = FakeExtractor(
        {
            full: [
                ("TUR", "supports", "AZE", {"start": 0, "end": len(context)}),  # the context's own sentence
                ("TUR", "supports", "nato"),
            ]
        }
    )
    rec = record("ctx", text, [rel("TUR", "supports", "nato")], context=context, date="2021-01-02")
    report = evaluate_records([rec], extractor)
    assert extractor.calls == [(full, "ctx", "2021-01-02")]
    assert (report.overall.l1.tp, report.overall.l1.fp, report.overall.l1.fn) == (1, 0, 0)


def test_non_state_actors_are_keyed_by_slug_and_people_by_their_state() -> None:
    text = "Lavrov criticised NATO."
    report = evaluate_records(
        [record("r", text, [rel("RUS", "opposes", "nato")])],
        FakeExtractor({text: [("sergey-lavrov", "opposes", "nato")]}),
    )
    assert report.overall.l2.tp == 1


def test_multiset_matching_counts_duplicates() -> None:
    text = "Turkey and Turkey support Azerbaijan."
    report = evaluate_records(
        [record("r", text, [rel("TUR", "supports", "AZE")])],
        FakeExtractor({text: [("TUR", "supports", "AZE"), ("TUR", "supports", "AZE")]}),
    )
    assert (report.overall.l1.tp, report.overall.l1.fp) == (1, 1)


def test_per_tag_region_and_file_numbers(tmp_path: Path) -> None:
    a, b, c = "Turkey supports Azerbaijan.", "China threatens Taiwan.", "Nothing at all happens."
    extractor = FakeExtractor({a: [("TUR", "supports", "AZE")], b: [], c: [("RUS", "attacks", "TUR")]})
    gold1 = tmp_path / "one.jsonl"
    gold2 = tmp_path / "two.jsonl"
    gold1.write_text(
        json.dumps(record("a", a, [rel("TUR", "supports", "AZE")], tags=["svo", "caucasus-only"]))
        + "\n\n"
        + json.dumps(record("b", b, [rel("CHN", "threatens", "TWN")], tags=["svo"], region="other"))
        + "\n",
        encoding="utf-8",
    )
    gold2.write_text(
        json.dumps(record("c", c, [], tags=["no-relation"], region="other")) + "\n", encoding="utf-8"
    )
    report = evaluate_files([gold1, gold2], extractor)

    def tpfpfn(scores) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
        return scores.l1.tp, scores.l1.fp, scores.l1.fn

    assert tpfpfn(report.overall) == (1, 1, 1) and report.overall.records == 3
    assert tpfpfn(report.by_tag["svo"]) == (1, 0, 1) and report.by_tag["svo"].records == 2
    assert report.by_tag["svo"].l1.recall == 0.5 and report.by_tag["svo"].l1.precision == 1.0
    assert tpfpfn(report.by_tag["caucasus-only"]) == (1, 0, 0)
    assert tpfpfn(report.by_tag["no-relation"]) == (0, 1, 0)
    assert tpfpfn(report.by_region["caucasus"]) == (1, 0, 0)
    assert tpfpfn(report.by_region["other"]) == (0, 1, 1)
    assert set(report.by_file) == {"one.jsonl", "two.jsonl"}
    assert tpfpfn(report.by_file["one.jsonl"]) == (1, 0, 1)

    data = report.to_json()
    assert data["overall"]["L1"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["by_tag"]["svo"]["records"] == 2
    json.dumps(data)  # plain data

    table = report.render()
    assert (
        "overall" in table and "tag: svo" in table and "region: other" in table and "file: one.jsonl" in table
    )
    assert "mistakes" not in table
    detailed = report.render(detail=True)
    assert "b: CHN threatens TWN" in detailed and "China threatens Taiwan." in detailed
    assert "c: RUS attacks TUR" in detailed


def test_bad_gold_is_reported_with_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "A.", "relations": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        evaluate_files([bad], FakeExtractor({}))
    with pytest.raises(InputError, match="unknown relation 'befriends'"):
        evaluate_records([record("r", "A.", [rel("TUR", "befriends", "AZE")])], FakeExtractor({}))
    with pytest.raises(InputError, match="missing 'text'"):
        evaluate_records([{"id": "r", "relations": []}], FakeExtractor({}))


def test_reports_can_accumulate() -> None:
    text = "Turkey supports Azerbaijan."
    extractor = FakeExtractor({text: [("TUR", "supports", "AZE")]})
    report = EvaluationReport()
    evaluate_records(
        [record("a", text, [rel("TUR", "supports", "AZE")])], extractor, file="f1", report=report
    )
    evaluate_records(
        [record("b", text, [rel("TUR", "supports", "AZE")])], extractor, file="f2", report=report
    )
    assert report.overall.l1.tp == 2 and set(report.by_file) == {"f1", "f2"}


# ----------------------------------------------------------------------------- real-prose records


REAL_DOC = (
    "---\ntitle: A readout\ndate: '2022-03-01'\n---\n\n"
    "The President spoke today with the Prime Minister of Turkey.\n"
    "The leaders discussed\nthe war. They agreed to stay in touch.\n\n"
    "Russia struck Kharkiv again.\n"
)


class FakeDocumentExtractor(FakeExtractor):
    """Extracts whole documents: canned (sentence substring, subject, relation, object) outputs."""

    def __init__(self, found: list[tuple[str, str, str, str]]) -> None:
        super().__init__({})
        self.found = found
        self.documents: list[str] = []

    def extract_document(self, doc: object) -> list[Assertion]:
        text = doc.text  # type: ignore[attr-defined]
        self.documents.append(doc.name)  # type: ignore[attr-defined]
        out = []
        for piece, subject, relation, obj in self.found:
            start = text.index(piece)
            out.append(pred(text, subject, relation, obj, start=start, end=start + len(piece)))
        return out


def real_records(shared: Path) -> list[dict]:  # type: ignore[type-arg]
    from actorgraph.evaluate import sentence_sha1

    folder = shared / "realworld" / "demo"
    folder.mkdir(parents=True)
    (folder / "readout.md").write_text(REAL_DOC, encoding="utf-8")
    from actorgraph.documents import load_document

    text = load_document(folder / "readout.md").text
    sentences = [
        ("The President spoke today with the Prime Minister of Turkey.", [("CHN", "consultsWith", "TUR")]),
        ("The leaders discussed\nthe war.", [("TUR", "consultsWith", "CHN")]),
        ("They agreed to stay in touch.", [("CHN", "agreesWith", "TUR")]),
        ("Russia struck Kharkiv again.", []),
    ]
    records = []
    for n, (sentence, rels) in enumerate(sentences, 1):
        start = text.index(sentence)
        records.append(
            {
                "id": f"rp-demo#{n}",
                "source": "realworld/demo/readout.md",
                "start": start,
                "end": start + len(sentence),
                "sha1": sentence_sha1(sentence),
                "genre": "readout",
                "split": "dev" if n < 4 else "test",
                "tags": ["readout-discourse"] if n in (2, 3) else [],
                "relations": [
                    {"subject": s, "relation": r, "object": o, "negated": False, "hedged": False}
                    for s, r, o in rels
                ],
            }
        )
    return records


def test_real_prose_records_read_the_shared_file_and_score_by_offsets(tmp_path: Path) -> None:
    records = real_records(tmp_path)
    extractor = FakeDocumentExtractor(
        [
            ("The President spoke today with the Prime Minister of Turkey.", "CHN", "consultsWith", "TUR"),
            # evidence spanning two gold sentences (the pipeline cut them otherwise): scored where it matches
            ("The leaders discussed\nthe war. They agreed to stay in touch.", "TUR", "agreesWith", "CHN"),
            ("Russia struck Kharkiv again.", "RUS", "attacks", "TUR"),
        ]
    )
    report = evaluate_records(records, extractor, file="real.jsonl", shared=tmp_path)
    assert extractor.documents == ["readout.md"]  # one whole document, extracted once
    assert (report.overall.l1.tp, report.overall.l1.fp, report.overall.l1.fn) == (2, 1, 1)
    assert report.by_genre["readout"].records == 4
    assert report.by_split["test"].l1.fp == 1 and report.by_split["dev"].l1.fn == 1
    assert report.by_tag["readout-discourse"].l1.tp == 1
    assert "genre: readout" in report.render()


def test_real_prose_split_filter_and_shared_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    records = real_records(shared)
    gold = tmp_path / "repo" / "gold.jsonl"
    gold.parent.mkdir()
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    monkeypatch.chdir(gold.parent)  # the checkout's ../shared is found
    monkeypatch.delenv("ACTORGRAPH_SHARED", raising=False)
    extractor = FakeDocumentExtractor([])
    report = evaluate_files([gold], extractor, split="test")
    assert report.overall.records == 1 and set(report.by_split) == {"test"}


def test_real_prose_records_may_name_their_file_by_a_hash_of_its_path(tmp_path: Path) -> None:
    """``sha1:…`` names the same file as its relative path and scores the same; an unknown one is an error."""
    from actorgraph.evaluate import source_key

    records = real_records(tmp_path)
    plain = evaluate_records(records, FakeDocumentExtractor([]), file="real.jsonl", shared=tmp_path)
    for record in records:
        record["source"] = source_key("realworld/demo/readout.md")
    hashed = evaluate_records(records, FakeDocumentExtractor([]), file="real.jsonl", shared=tmp_path)
    assert hashed.render() == plain.render() and hashed.overall.records == 4
    for record in records:
        record["source"] = source_key("realworld/demo/other.md")
    with pytest.raises(InputError, match="shared file not found"):
        evaluate_records(records, FakeDocumentExtractor([]), file="real.jsonl", shared=tmp_path)


def test_real_prose_offsets_that_drifted_are_an_error(tmp_path: Path) -> None:
    records = real_records(tmp_path)
    records[1]["start"] += 1
    with pytest.raises(InputError, match=r"rp-demo#2: offsets .* no longer match realworld/demo/readout.md"):
        evaluate_records(records, FakeDocumentExtractor([]), file="real.jsonl", shared=tmp_path)


def test_real_prose_without_shared_folder_says_what_it_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.evaluate import find_shared_dir

    monkeypatch.setenv("ACTORGRAPH_SHARED", str(tmp_path / "nowhere"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="nowhere"):
        find_shared_dir(near=[tmp_path / "x.jsonl"])
