"""Score actorgraph's state-pair relations on the UniversalPetrarch GSR validation sentences.

Usage::

    .venv/bin/python bench/petrarch_score.py [GOLD] [--out bench/petrarch.md] [--model NAME]

GOLD defaults to ``../shared/benchmarks/petrarch/gold_gsr.jsonl`` relative to the repository root (see the
README there for the data's caveats: 78 sentences, labels bootstrapped from PETRARCH-2 output and hand-fixed).

What is compared, per sentence:

* gold: each event's source and target reduced to their first three characters when that is an ISO 3166-1
  alpha-3 code (``USAGOV`` -> ``USA``, ``RUSMIL`` -> ``RUS``). Events with a code we cannot map to a state
  (``IGO...``, ``IMG...``, ``---``) are left out and counted; so are intra-state events (``GEOOPP`` ->
  ``GEOGOV``), which our state-level keys cannot express.
* ours: every asserted or hedged, non-negated assertion whose subject and object both have a state code and
  whose relation is an event (standing relations such as ``alliedWith`` or ``memberOf`` are not CAMEO events).
  Its CAMEO quad class comes from the PLOVER type: verbal cooperation 1 (CONSULT, AGREE, SUPPORT, REQUEST,
  ``mediates``), material cooperation 2 (AID, COOPERATE), verbal conflict 3 (ACCUSE, REJECT, THREATEN,
  ``opposes``), material conflict 4 (ASSAULT, COERCE, SANCTION). A symmetric relation matches either
  direction.

Scores are micro-averaged over sentences with per-sentence sets: dyad (source, target), and dyad + quad.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / ".." / "shared" / "benchmarks" / "petrarch" / "gold_gsr.jsonl"

QUAD_BY_PLOVER = {
    "CONSULT": 1,
    "AGREE": 1,
    "SUPPORT": 1,
    "REQUEST": 1,
    "AID": 2,
    "COOPERATE": 2,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "ASSAULT": 4,
    "COERCE": 4,
    "SANCTION": 4,
}
QUAD_BY_NAME = {"mediates": 1, "opposes": 3}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
NON_ASSERTING = {"question", "conditional"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Group:
    records: int = 0
    dyad: Counts = field(default_factory=Counts)
    quad: Counts = field(default_factory=Counts)


def iso3_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def gold_dyads(
    record: dict[str, Any], iso: set[str], stats: dict[str, int]
) -> set[tuple[str, str, int | None]]:
    """The record's events as (source ISO3, target ISO3, quad), dropping those we cannot map."""
    out: set[tuple[str, str, int | None]] = set()
    for event in record.get("events", []):
        stats["gold events"] += 1
        source, target = str(event.get("source") or "")[:3], str(event.get("target") or "")[:3]
        if source not in iso or target not in iso:
            stats["gold events skipped: non-state code (IGO, IMG, ---...)"] += 1
            continue
        if source == target:
            stats["gold events skipped: intra-state (e.g. GEOOPP -> GEOGOV)"] += 1
            continue
        out.add((source, target, event.get("quad")))
    stats["gold events scored"] += len(out)
    return out


def quad_of(assertion: Any, types: dict[str, Any]) -> int | None:
    """CAMEO quad class of one of our assertions, or None when it is not an event we can score."""
    relation = types.get(assertion.relation.name)
    if relation is not None and relation.standing:
        return None
    quad = QUAD_BY_PLOVER.get(assertion.relation.plover or "")
    return quad if quad is not None else QUAD_BY_NAME.get(assertion.relation.name)


def predicted(
    assertions: Iterable[Any], gold: set[tuple[str, str, int | None]], types: dict[str, Any]
) -> tuple[set[tuple[str, str]], set[tuple[str, str, int | None]]]:
    """Our dyads and dyad+quad triples; a symmetric relation takes the direction(s) the gold has."""
    gold_pairs = {(s, t) for s, t, _ in gold}
    dyads: set[tuple[str, str]] = set()
    quads: set[tuple[str, str, int | None]] = set()
    for a in assertions:
        if a.negated or a.mood in NON_ASSERTING:
            continue
        source = a.subject_state or a.subject.state
        target = a.object_state or a.object.state
        quad = quad_of(a, types)
        if not source or not target or source == target or quad is None:
            continue
        options = [(source, target)]
        relation = types.get(a.relation.name)
        if relation is not None and relation.symmetric:
            options = [(source, target), (target, source)]
            matched = [o for o in options if o in gold_pairs]
            options = matched or [min(options)]
        for s, t in options:
            dyads.add((s, t))
            quads.add((s, t, quad))
    return dyads, quads


def score(gold_path: Path, model: str | None, show: int) -> tuple[str, dict[str, Any]]:
    sys.path.insert(0, str(REPO / "src"))
    from actorgraph.documents import document_from_text
    from actorgraph.extract import Extractor
    from actorgraph.ontology import load_relation_types

    types = load_relation_types()
    iso = iso3_codes()
    records = [
        json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    extractor = Extractor(model=model)
    started = time.perf_counter()
    docs = []
    for record in records:
        raw = str(record.get("date") or "")
        date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 and raw.isdigit() else None
        docs.append(document_from_text(record["text"], name=record["id"], date=date))
    results = {d.name: found for d, found in extractor.extract_documents(docs)}
    seconds = time.perf_counter() - started

    stats: dict[str, int] = defaultdict(int)
    groups: dict[str, Group] = defaultdict(Group)
    examples: list[str] = []
    for record in records:
        gold = gold_dyads(record, iso, stats)
        dyads, quads = predicted(results.get(record["id"], []), gold, types)
        for name in ("all", f"category {record.get('category', '?')}"):
            group = groups[name]
            group.records += 1
            group.dyad.add({(s, t) for s, t, _ in gold}, dyads)
            group.quad.add(gold, quads)
        if len(examples) < show and (dyads != {(s, t) for s, t, _ in gold}):
            examples.append(
                f"| {record['id']} | {sorted(f'{s}->{t} q{q}' for s, t, q in gold)} | "
                f"{sorted(f'{s}->{t} q{q}' for s, t, q in quads)} |"
            )

    lines = [
        "# PETRARCH GSR validation: state dyads",
        "",
        f"Command: `.venv/bin/python bench/petrarch_score.py` (gold: `{gold_path.name}`, "
        f"{len(records)} sentences; model {extractor.model_name} {extractor.model_version}; "
        f"extraction {seconds:.1f} s).",
        "",
        "Labels are PETRARCH-2 output, hand-fixed (see the data README); "
        "only events between two states are scored.",
        "",
        "| level | sentences | TP | FP | FN | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, group in sorted(groups.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        for level, counts in (("dyad", group.dyad), ("dyad + quad", group.quad)):
            if name != "all" and level != "dyad":
                continue
            label = level if name == "all" else f"dyad, {name}"
            lines.append(
                f"| {label} | {group.records} | {counts.tp} | {counts.fp} | {counts.fn} | {counts.p:.3f} | "
                f"{counts.r:.3f} | {counts.f1:.3f} |"
            )
    lines += ["", "| gold events | count |", "| --- | ---: |"]
    lines += [f"| {key} | {value} |" for key, value in sorted(stats.items())]
    lines += ["", "Quad classes: " + ", ".join(f"{k} = {v}" for k, v in QUAD_NAMES.items()) + "."]
    if examples:
        lines += [
            "",
            "First disagreements (the sentences are in the gold file, by id; their text is not copied here):",
            "",
            "| id | gold | ours |",
            "| --- | --- | --- |",
        ]
        lines += examples
    overall = groups["all"]
    data = {
        "records": len(records),
        "dyad": {
            "tp": overall.dyad.tp,
            "fp": overall.dyad.fp,
            "fn": overall.dyad.fn,
            "f1": round(overall.dyad.f1, 4),
        },
        "dyad_quad": {
            "tp": overall.quad.tp,
            "fp": overall.quad.fp,
            "fn": overall.quad.fn,
            "f1": round(overall.quad.f1, 4),
        },
        "stats": dict(stats),
    }
    return "\n".join(lines) + "\n", data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD, help="gold_gsr.jsonl")
    parser.add_argument(
        "--out", type=Path, default=None, help="also write the markdown here (bench/petrarch.md)"
    )
    parser.add_argument("--model", default=None, help="spaCy model (default: as actorgraph extract)")
    parser.add_argument("--examples", type=int, default=15, help="list this many disagreements")
    parser.add_argument(
        "--json", action="store_true", help="print the headline numbers as JSON after the table"
    )
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"gold file not found: {args.gold}")
    markdown, data = score(args.gold.resolve(), args.model, args.examples)
    sys.stdout.write(markdown)
    if args.json:
        print(json.dumps(data))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(markdown, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
