"""Score the extractor against gold sentences: precision, recall and F1 at two levels.

Gold files are JSON Lines, one sentence per line (see ``docs/architecture.md``)::

    {"id": "x#3", "text": "...", "context": "...", "date": "2020-07-17", "tags": ["negation"],
     "region": "caucasus", "relations": [{"subject": "TUR", "relation": "supports", "object": "AZE",
                                          "negated": false, "hedged": false}]}

Real-prose records carry no text: they name a shared file (``"source"``: ``sha1:`` and a hash of its path
relative to the shared folder, :func:`source_key`, so that not even a file name echoing a title is kept; a
plain relative path works too) and
the sentence's character offsets (``"start"``, ``"end"``) into the file's decoded text, plus ``"sha1"`` of
that text. Their documents are read and extracted whole (so discourse context reaches across paragraphs), and
each assertion is scored against the gold sentence its evidence overlaps (preferring an overlapped sentence
whose gold has the same relation, so a sentence cut differently by the pipeline is not penalised).

Each predicted and gold relation becomes a key: actors are keyed by the ISO3 code of the state they are or
act for, else by their actor slug. **L1** matches (subject, object, polarity) and **L2** matches (subject,
relation, object); for symmetric relations the direction is ignored. Only asserted or hedged, non-negated
items are *positives*: a gold item that is negated, a question or a conditional must not come out as a
positive (if it does, that output is a false positive), and negated outputs are scored on their own line
(negation recall).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import InputError
from .model import ACTOR_BASE, Assertion, Document, RelationType

__all__ = [
    "NON_ASSERTING_MOODS",
    "Counts",
    "EvaluationReport",
    "Item",
    "LevelScores",
    "Mistake",
    "TextExtractor",
    "compare_reports",
    "evaluate_files",
    "evaluate_records",
    "find_shared_dir",
    "load_gold",
    "resolve_source",
    "sentence_sha1",
    "source_key",
]

#: Moods that do not assert a fact: such items are never positives.
NON_ASSERTING_MOODS = frozenset({"question", "conditional"})


class TextExtractor(Protocol):
    """Anything with the :meth:`actorgraph.extract.Extractor.extract_text` method (a fake in tests)."""

    def extract_text(self, text: str, name: str = ..., date: str | None = ...) -> list[Assertion]:
        """Extract the assertions of ``text``."""
        ...


class DocumentExtractor(TextExtractor, Protocol):
    """An extractor that also reads whole documents (needed for real-prose records)."""

    def extract_document(self, doc: Document) -> list[Assertion]:
        """Extract the assertions of a whole document."""
        ...


#: Environment variable naming the shared folder that real-prose gold records point into.
SHARED_ENV = "ACTORGRAPH_SHARED"


def find_shared_dir(near: Iterable[Path] = (), explicit: str | os.PathLike[str] | None = None) -> Path:
    """The shared folder real-prose gold records name their files in.

    Tried in order: ``explicit``, the ``ACTORGRAPH_SHARED`` environment variable, then a folder called
    ``shared`` beside any ancestor of the given paths or of the working directory (the checkout's
    ``../shared``).

    Raises:
        InputError: No such folder; the message lists what was tried.
    """
    tried: list[str] = []
    for given in (explicit, os.environ.get(SHARED_ENV)):
        if given:
            path = Path(given)
            if path.is_dir():
                return path
            tried.append(str(path))
    for start in [*near, Path.cwd()]:
        for ancestor in Path(start).resolve().parents:
            candidate = ancestor / "shared"
            if candidate.is_dir():
                return candidate
            tried.append(str(candidate))
            if len(tried) > 40:
                break
    raise InputError(
        "real-prose gold needs the shared folder (pass --shared DIR or set ACTORGRAPH_SHARED); tried "
        + ", ".join(dict.fromkeys(tried))
    )


def sentence_sha1(text: str) -> str:
    """The first 12 hex digits of the SHA-1 of a sentence: records check their offsets with it, no text kept.

    Examples:
        >>> sentence_sha1("Turkey supports Azerbaijan.")
        'dac2ae96d818'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


#: How a record names its shared file without spelling the name (which may echo the document's title).
SOURCE_PREFIX = "sha1:"


def source_key(relative: str) -> str:
    """The name a gold record gives a shared file: a hash of its path under the shared folder.

    Examples:
        >>> source_key("reference/000_99bccd594c229e2f.txt")
        'sha1:1718e45fe50c4207'
    """
    return SOURCE_PREFIX + hashlib.sha1(relative.encode("utf-8")).hexdigest()[:16]


@functools.lru_cache(maxsize=4)
def _source_index(root: str) -> dict[str, str]:
    """Every file under the shared folder by its :func:`source_key` (walked once per folder)."""
    out: dict[str, str] = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            relative = Path(folder, name).relative_to(root).as_posix()
            out[source_key(relative)] = relative
    return out


def resolve_source(root: Path, source: str) -> tuple[Path, str]:
    """The shared file a record names (a :func:`source_key`, or a plain relative path), and that path.

    Raises:
        InputError: no file under ``root`` has that name.
    """
    relative: str | None = source
    if source.startswith(SOURCE_PREFIX):
        relative = _source_index(str(root)).get(source)
        if relative is None:  # a file added since the folder was walked
            _source_index.cache_clear()
            relative = _source_index(str(root)).get(source)
    if relative is None or not (root / relative).is_file():
        raise InputError(f"{source}: shared file not found under {root}")
    return root / relative, relative


# ----------------------------------------------------------------------------- scores


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the derived ratios.

    Empty denominators count as perfect (nothing to find, nothing wrongly found), so a group of sentences
    without relations and without outputs scores 1.0.

    Examples:
        >>> c = Counts(tp=8, fp=2, fn=2)
        >>> round(c.precision, 2), round(c.recall, 2), round(c.f1, 2)
        (0.8, 0.8, 0.8)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of outputs that are right: tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold relations found: tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, Any]:
        """Counts and ratios (rounded to 4 places)."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class LevelScores:
    """L1 and L2 counts of a group of sentences, plus the negation line."""

    records: int = 0
    l1: Counts = field(default_factory=Counts)
    l2: Counts = field(default_factory=Counts)
    negated_gold: int = 0
    negated_recovered: int = 0
    negated_predicted: int = 0
    negated_correct: int = 0

    @property
    def negation_accuracy(self) -> float:
        """Share of gold negated items that came out negated (1.0 when there are none)."""
        return self.negated_recovered / self.negated_gold if self.negated_gold else 1.0

    def add(self, other: LevelScores) -> None:
        """Add another group's counts in place."""
        self.records += other.records
        self.l1.add(other.l1)
        self.l2.add(other.l2)
        self.negated_gold += other.negated_gold
        self.negated_recovered += other.negated_recovered
        self.negated_predicted += other.negated_predicted
        self.negated_correct += other.negated_correct

    def to_json(self) -> dict[str, Any]:
        """Both levels and the negation counts."""
        return {
            "records": self.records,
            "L1": self.l1.to_json(),
            "L2": self.l2.to_json(),
            "negation": {
                "gold": self.negated_gold,
                "recovered": self.negated_recovered,
                "accuracy": round(self.negation_accuracy, 4),
                "predicted": self.negated_predicted,
                "predicted_correct": self.negated_correct,
            },
        }


@dataclass(frozen=True)
class Item:
    """A gold or predicted relation reduced to its scoring keys."""

    subject: str
    relation: str
    object: str
    polarity: int
    symmetric: bool
    negated: bool = False
    mood: str = "asserted"

    @property
    def positive(self) -> bool:
        """Asserted or hedged, and not negated: the items precision and recall count."""
        return not self.negated and self.mood not in NON_ASSERTING_MOODS

    def describe(self) -> str:
        """``TUR supports AZE`` with ``not``/mood marks."""
        marks = (["negated"] if self.negated else []) + ([self.mood] if self.mood != "asserted" else [])
        suffix = f" ({', '.join(marks)})" if marks else ""
        return f"{self.subject} {self.relation} {self.object}{suffix}"


@dataclass(frozen=True)
class Mistake:
    """A miss (gold positive not found) or a false positive (output positive not in the gold) at one level."""

    kind: str  # "miss" or "false positive"
    level: str  # "L1" or "L2"
    record: str
    sentence: str
    item: Item
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """The mistake as plain data."""
        return {
            "kind": self.kind,
            "level": self.level,
            "record": self.record,
            "sentence": self.sentence,
            "triple": self.item.describe(),
            "note": self.note,
        }


def _l1_exact(item: Item) -> tuple[Any, ...]:
    return (item.subject, item.object, item.polarity)


def _l2_exact(item: Item) -> tuple[Any, ...]:
    return (item.subject, item.relation, item.object)


def _reverse(item: Item) -> Item:
    return Item(
        item.object, item.relation, item.subject, item.polarity, item.symmetric, item.negated, item.mood
    )


def _match(
    gold: Sequence[Item], pred: Sequence[Item], key: Callable[[Item], tuple[Any, ...]]
) -> tuple[list[int], list[int]]:
    """Multiset matching of gold against predicted items; returns the unmatched gold and predicted indexes.

    Same-direction pairs are matched first (preferring non-symmetric gold items, which could not match the
    other way round); then, when either side's relation is symmetric, pairs whose direction is reversed.
    """
    free_gold = sorted(range(len(gold)), key=lambda g: gold[g].symmetric)
    free_pred = list(range(len(pred)))
    for reverse in (False, True):
        for p in list(free_pred):
            want = key(_reverse(pred[p]) if reverse else pred[p])
            for g in free_gold:
                if reverse and not (gold[g].symmetric or pred[p].symmetric):
                    continue
                if key(gold[g]) == want:
                    free_gold.remove(g)
                    free_pred.remove(p)
                    break
    return free_gold, free_pred


# ----------------------------------------------------------------------------- keys


def _slug(iri: str) -> str:
    return iri[len(ACTOR_BASE) :] if iri.startswith(ACTOR_BASE) else iri.rstrip("/").rsplit("/", 1)[-1]


def _assertion_item(assertion: Assertion, types: Mapping[str, RelationType]) -> Item:
    subject = assertion.subject_state or assertion.subject.state or _slug(assertion.subject.id)
    obj = assertion.object_state or assertion.object.state or _slug(assertion.object.id)
    known = types.get(assertion.relation.name)
    return Item(
        subject=subject,
        relation=assertion.relation.name,
        object=obj,
        polarity=assertion.relation.polarity,
        symmetric=known.symmetric if known is not None else assertion.relation.symmetric,
        negated=assertion.negated,
        mood=assertion.mood or ("hedged" if assertion.hedged else "asserted"),
    )


def _gold_item(data: Mapping[str, Any], types: Mapping[str, RelationType], where: str) -> Item:
    try:
        name = str(data["relation"])
        subject, obj = str(data["subject"]), str(data["object"])
    except KeyError as exc:
        raise InputError(f"{where}: gold relation lacks {exc.args[0]!r}") from exc
    relation = types.get(name)
    if relation is None:
        raise InputError(f"{where}: unknown relation {name!r} (known: {', '.join(sorted(types))})")
    hedged = bool(data.get("hedged", False))
    return Item(
        subject=subject,
        relation=name,
        object=obj,
        polarity=relation.polarity,
        symmetric=relation.symmetric,
        negated=bool(data.get("negated", False)),
        mood=str(data.get("mood") or ("hedged" if hedged else "asserted")),
    )


# ----------------------------------------------------------------------------- report


@dataclass
class EvaluationReport:
    """Scores overall and by file, region and tag, and every mistake (for ``--detail``)."""

    overall: LevelScores = field(default_factory=LevelScores)
    by_file: dict[str, LevelScores] = field(default_factory=dict)
    by_region: dict[str, LevelScores] = field(default_factory=dict)
    by_tag: dict[str, LevelScores] = field(default_factory=dict)
    by_genre: dict[str, LevelScores] = field(default_factory=dict)
    by_split: dict[str, LevelScores] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)

    def _add(self, record_scores: LevelScores, file: str, record: Mapping[str, Any]) -> None:
        self.overall.add(record_scores)
        self.by_file.setdefault(file, LevelScores()).add(record_scores)
        for value, groups in (
            (record.get("region"), self.by_region),
            (record.get("genre"), self.by_genre),
            (record.get("split"), self.by_split),
        ):
            if value:
                groups.setdefault(str(value), LevelScores()).add(record_scores)
        for tag in dict.fromkeys(str(t) for t in record.get("tags") or []):
            self.by_tag.setdefault(tag, LevelScores()).add(record_scores)

    def groups(self) -> list[tuple[str, dict[str, LevelScores]]]:
        """The grouped scores, in the order the table shows them."""
        return [
            ("file", self.by_file),
            ("split", self.by_split),
            ("genre", self.by_genre),
            ("region", self.by_region),
            ("tag", self.by_tag),
        ]

    def to_json(self) -> dict[str, Any]:
        """All scores as plain data (mistakes included)."""
        return {
            "overall": self.overall.to_json(),
            "by_file": {k: v.to_json() for k, v in sorted(self.by_file.items())},
            "by_region": {k: v.to_json() for k, v in sorted(self.by_region.items())},
            "by_tag": {k: v.to_json() for k, v in sorted(self.by_tag.items())},
            "by_genre": {k: v.to_json() for k, v in sorted(self.by_genre.items())},
            "by_split": {k: v.to_json() for k, v in sorted(self.by_split.items())},
            "mistakes": [m.to_json() for m in self.mistakes],
        }

    def render(self, detail: bool = False) -> str:
        """A readable table of P/R/F1 per group; with ``detail``, every miss and false positive after it."""
        header = (
            f"{'group':<34} {'n':>5}  {'L1 P':>6} {'L1 R':>6} {'L1 F1':>6}"
            f"  {'L2 P':>6} {'L2 R':>6} {'L2 F1':>6}"
            f"  {'L1 tp/fp/fn':>13}"
        )
        lines = [header, "-" * len(header)]

        def row(label: str, s: LevelScores) -> None:
            lines.append(
                f"{label[:34]:<34} {s.records:>5}  {s.l1.precision:>6.3f} {s.l1.recall:>6.3f} {s.l1.f1:>6.3f}"
                f"  {s.l2.precision:>6.3f} {s.l2.recall:>6.3f} {s.l2.f1:>6.3f}"
                f"  {f'{s.l1.tp}/{s.l1.fp}/{s.l1.fn}':>13}"
            )

        row("overall", self.overall)
        for title, groups in self.groups():
            if groups:
                lines.append("")
                for name, scores in sorted(groups.items()):
                    row(f"{title}: {name}", scores)
        o = self.overall
        lines += [
            "",
            f"negation: {o.negated_recovered}/{o.negated_gold} gold negated relations came out negated "
            f"(accuracy {o.negation_accuracy:.3f}); "
            f"{o.negated_correct}/{o.negated_predicted} negated outputs match a gold negated relation",
        ]
        if detail and self.mistakes:
            lines += ["", "mistakes (record: triple -- sentence):"]
            for m in self.mistakes:
                note = f" [{m.note}]" if m.note else ""
                lines.append(f"  {m.level} {m.kind:<14} {m.record}: {m.item.describe()}{note}")
                lines.append(f"      {' '.join(m.sentence.split())}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- running


def _score_record(
    record_id: str, sentence: str, gold: list[Item], pred: list[Item], report: EvaluationReport
) -> LevelScores:
    scores = LevelScores(records=1)
    gold_pos = [g for g in gold if g.positive]
    gold_other = [g for g in gold if not g.positive]
    pred_pos = [p for p in pred if p.positive]
    for level, key, counts in (("L1", _l1_exact, scores.l1), ("L2", _l2_exact, scores.l2)):
        missed, extra = _match(gold_pos, pred_pos, key)
        counts.tp += len(pred_pos) - len(extra)
        counts.fp += len(extra)
        counts.fn += len(missed)
        report.mistakes.extend(
            Mistake("miss", level, record_id, sentence, gold_pos[g]) for g in sorted(missed)
        )
        extra_items = [pred_pos[p] for p in extra]
        if extra_items:
            # Say why: the gold has the relation, but negated or not asserted.
            _, unexplained = _match(gold_other, extra_items, key)
            for index, item in enumerate(extra_items):
                note = "" if index in unexplained else "gold is negated or not asserted"
                report.mistakes.append(Mistake("false positive", level, record_id, sentence, item, note))
    gold_neg = [g for g in gold if g.negated]
    pred_neg = [p for p in pred if p.negated]
    scores.negated_gold = len(gold_neg)
    scores.negated_predicted = len(pred_neg)
    missed_neg, extra_neg = _match(gold_neg, pred_neg, _l1_exact)
    scores.negated_recovered = len(gold_neg) - len(missed_neg)
    scores.negated_correct = len(pred_neg) - len(extra_neg)
    return scores


def evaluate_records(
    records: Iterable[Mapping[str, Any]],
    extractor: TextExtractor,
    file: str = "<records>",
    report: EvaluationReport | None = None,
    shared: Path | None = None,
) -> EvaluationReport:
    """Run the extractor on gold records and score it.

    A record with ``text`` is extracted on its own: its ``context`` (if any) is put before the text with one
    space, so pronouns can be resolved, and only assertions whose sentence reaches into the ``text`` part are
    scored. Records with ``source`` (real prose) are grouped by document and scored by
    :func:`_score_documents`.

    Args:
        records: Gold records (dicts in the gold format).
        extractor: Anything with ``extract_text(text, name=, date=)`` (and ``extract_document`` for
            real-prose records).
        file: The group name for the per-file scores.
        report: A report to add to (to score several files into one); a new one by default.
        shared: The shared folder real-prose records point into (found by :func:`find_shared_dir` if None).

    Returns:
        The report.

    Raises:
        InputError: A record lacks ``text`` or ``source``, names an unknown relation, or its offsets no longer
            match its shared file.
    """
    from .ontology import load_relation_types

    types = load_relation_types()
    report = report if report is not None else EvaluationReport()
    by_source: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for number, record in enumerate(records, 1):
        record_id = str(record.get("id") or f"{file}#{number}")
        where = f"{file}: record {record_id}"
        if "source" in record:
            by_source.setdefault(str(record["source"]), []).append((record_id, record))
            continue
        text = record.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: missing 'text' (or 'source' with offsets)")
        context = record.get("context") or ""
        full = f"{context} {text}" if context else text
        target_start = len(full) - len(text)
        gold = [_gold_item(rel, types, where) for rel in record.get("relations") or []]
        assertions = extractor.extract_text(full, name=record_id, date=record.get("date"))
        pred = [_assertion_item(a, types) for a in assertions if a.end > target_start]
        scores = _score_record(record_id, text, gold, pred, report)
        report._add(scores, file, record)
    if by_source:
        root = shared if shared is not None else find_shared_dir()
        for source, group in by_source.items():
            _score_document(root, source, group, extractor, types, file, report)
    return report


def _score_document(
    root: Path,
    source: str,
    group: list[tuple[str, Mapping[str, Any]]],
    extractor: TextExtractor,
    types: Mapping[str, RelationType],
    file: str,
    report: EvaluationReport,
) -> None:
    """Extract one shared document whole and score its gold sentences."""
    from .documents import load_document

    where = f"{file}: {source}"
    try:
        path, relative = resolve_source(root, source)
    except InputError as err:
        raise InputError(f"{file}: {err}") from None
    extract_document = getattr(extractor, "extract_document", None)
    if extract_document is None:
        raise InputError(f"{where}: real-prose records need an extractor with extract_document()")
    doc = load_document(path)
    spans: list[tuple[int, int]] = []
    golds: list[list[Item]] = []
    for record_id, record in group:
        start, end = int(record["start"]), int(record["end"])
        sentence = doc.text[start:end]
        if not 0 <= start < end <= len(doc.text) or (
            "sha1" in record and sentence_sha1(sentence) != record["sha1"]
        ):
            raise InputError(f"{file}: record {record_id}: offsets {start}-{end} no longer match {relative}")
        spans.append((start, end))
        golds.append(
            [_gold_item(rel, types, f"{file}: record {record_id}") for rel in record.get("relations") or []]
        )
    preds: list[list[Item]] = [[] for _ in group]
    for assertion in extract_document(doc):
        index = _sentence_for(assertion, spans, golds, types)
        if index is not None:
            preds[index].append(_assertion_item(assertion, types))
    for (record_id, record), (start, end), gold, pred in zip(group, spans, golds, preds, strict=True):
        scores = _score_record(record_id, doc.text[start:end], gold, pred, report)
        report._add(scores, file, record)


def _sentence_for(
    assertion: Assertion,
    spans: Sequence[tuple[int, int]],
    golds: Sequence[Sequence[Item]],
    types: Mapping[str, RelationType],
) -> int | None:
    """The gold sentence an assertion is scored against (None when it overlaps none, e.g. a title).

    An overlapped sentence whose gold has the same L1 key wins, else the one overlapped most.
    """
    item = _assertion_item(assertion, types)
    overlaps = [
        (min(end, assertion.end) - max(start, assertion.start), index)
        for index, (start, end) in enumerate(spans)
        if start < assertion.end and assertion.start < end
    ]
    if not overlaps:
        return None
    for _, index in sorted(overlaps, reverse=True):
        missed, _ = _match(golds[index], [item], _l1_exact)
        if len(missed) < len(golds[index]):
            return index
    return max(overlaps)[1]


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file (blank lines skipped).

    Raises:
        InputError: A line is not a JSON object; the message gives the file and line number.
    """
    records: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(data, dict):
                raise InputError(f"{path}:{number}: expected a JSON object")
            records.append(data)
    return records


def compare_reports(trained: EvaluationReport, rules: EvaluationReport) -> str:
    """Two paths side by side, group by group: L1 precision, recall and F1 of each, and the F1 change.

    Examples:
        >>> print(compare_reports(EvaluationReport(), EvaluationReport()).splitlines()[0].split())
        ['group', 'n', 'trained', 'P', 'R', 'F1', 'rules', 'P', 'R', 'F1', 'ΔF1']
    """
    header = (
        f"{'group':<34} {'n':>5}  {'trained P':>9} {'R':>6} {'F1':>6}  {'rules P':>9} {'R':>6} {'F1':>6}"
        f"  {'ΔF1':>6}"
    )
    lines = [header, "-" * len(header)]

    def row(label: str, a: LevelScores, b: LevelScores) -> None:
        lines.append(
            f"{label[:34]:<34} {a.records:>5}  {a.l1.precision:>9.3f} {a.l1.recall:>6.3f} {a.l1.f1:>6.3f}"
            f"  {b.l1.precision:>9.3f} {b.l1.recall:>6.3f} {b.l1.f1:>6.3f}  {a.l1.f1 - b.l1.f1:>+6.3f}"
        )

    row("overall", trained.overall, rules.overall)
    for (title, groups), (_, other) in zip(trained.groups(), rules.groups(), strict=True):
        if groups:
            lines.append("")
            for name, scores in sorted(groups.items()):
                row(f"{title}: {name}", scores, other.get(name, LevelScores()))
    return "\n".join(lines)


def evaluate_files(
    paths: Iterable[Path],
    extractor: TextExtractor,
    split: str | None = None,
    shared: str | os.PathLike[str] | None = None,
) -> EvaluationReport:
    """Score the extractor on gold JSONL files; per-file scores are keyed by file name.

    Args:
        paths: Gold files.
        extractor: Anything with ``extract_text(text, name=, date=)`` (normally an :class:`Extractor`).
        split: Only records of this split (``dev`` or ``test``); records without a split always count.
        shared: The shared folder of real-prose records (default: :func:`find_shared_dir`).

    Returns:
        The report over all files.
    """
    report = EvaluationReport()
    paths = [Path(p) for p in paths]
    for path in paths:
        records = load_gold(path)
        if split is not None:
            records = [r for r in records if r.get("split", split) == split]
        root = None
        if any("source" in r for r in records):
            root = find_shared_dir(near=[path], explicit=shared)
        evaluate_records(records, extractor, file=path.name, report=report, shared=root)
    return report
