"""Build the real-prose gold from two blind annotations and the adjudication; report their agreement.

Inputs (all in ``tests/gold/realprose/``): ``sentences.jsonl`` (shared file, offsets, genre, split; from
``tools/realprose_select.py``), ``annotations/A.jsonl`` and ``annotations/B.jsonl`` (two annotators working
alone: ids, relations, tags) and ``annotations/adjudication.json`` (for each sentence where they differ: ``A``,
``B``, ``I`` = the items both gave, ``U`` = the union, or an explicit list of items).

Outputs: ``dev.jsonl`` and ``test.jsonl`` (the gold records, no text) and, on stdout, the agreement between
the annotators (L1/L2 F1 with one annotator taken as gold, overall and per genre).

    python tools/realprose_gold.py            # writes dev.jsonl and test.jsonl, prints the agreement
    python tools/realprose_gold.py --check    # fails if dev.jsonl / test.jsonl are stale
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from actorgraph.evaluate import Counts, Item, _l1_exact, _l2_exact, _match
from actorgraph.ontology import load_relation_types

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "gold" / "realprose"
SYMMETRIC = {name for name, t in load_relation_types().items() if t.symmetric}
TYPES = load_relation_types()
FIELDS = ("subject", "relation", "object", "negated", "hedged", "mood", "subject_actor", "object_actor")


def load(path: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in (json.loads(line) for line in path.read_text("utf-8").splitlines() if line)}


def key(rel: dict[str, Any]) -> tuple[Any, ...]:
    s, o = rel["subject"], rel["object"]
    if rel["relation"] in SYMMETRIC and s > o:
        s, o = o, s
    return (s, rel["relation"], o, bool(rel.get("negated")), bool(rel.get("hedged")), rel.get("mood"))


def clean(rel: dict[str, Any]) -> dict[str, Any]:
    out = {k: rel[k] for k in FIELDS if k in rel and rel[k] is not None}
    out["negated"], out["hedged"] = bool(rel.get("negated")), bool(rel.get("hedged"))
    return out


def decide(a: list[dict[str, Any]], b: list[dict[str, Any]], how: Any) -> list[dict[str, Any]]:
    """The adjudicated items of one sentence."""
    if isinstance(how, list):
        return [clean(r) for r in how]
    ka, kb = Counter(key(r) for r in a), Counter(key(r) for r in b)
    if how == "A":
        return [clean(r) for r in a]
    if how == "B":
        return [clean(r) for r in b]
    want = ka & kb if how == "I" else ka | kb
    out = []
    for rel in a + b:
        k = key(rel)
        if want[k] > 0:
            want[k] -= 1
            out.append(clean(rel))
    return out


def items(rels: list[dict[str, Any]]) -> list[Item]:
    out = []
    for r in rels:
        t = TYPES[r["relation"]]
        mood = r.get("mood") or ("hedged" if r.get("hedged") else "asserted")
        out.append(
            Item(
                r["subject"],
                r["relation"],
                r["object"],
                t.polarity,
                t.symmetric,
                bool(r.get("negated")),
                mood,
            )
        )
    return [i for i in out if i.positive]


def agreement(sentences: dict[str, Any], a: dict[str, Any], b: dict[str, Any]) -> str:
    total = {"L1": Counts(), "L2": Counts()}
    genre: dict[str, Counts] = {}
    rounds: dict[int, Counts] = {}
    for sid, meta in sentences.items():
        ia, ib = items(a[sid]["relations"]), items(b[sid]["relations"])
        for level, k in (("L1", _l1_exact), ("L2", _l2_exact)):
            missed, extra = _match(ia, ib, k)
            c = Counts(tp=len(ib) - len(extra), fp=len(extra), fn=len(missed))
            total[level].add(c)
            if level == "L1":
                genre.setdefault(meta["genre"], Counts()).add(c)
                rounds.setdefault(int(meta.get("round", 1)), Counts()).add(c)
    lines = [f"agreement between annotators A and B on {len(sentences)} sentences (A as gold):"]
    for level, c in total.items():
        lines.append(f"  {level}: F1 {c.f1:.3f} (P {c.precision:.3f} R {c.recall:.3f}; {c.tp}/{c.fp}/{c.fn})")
    for r, c in sorted(rounds.items()):
        lines.append(f"  round {r:<11} L1 F1 {c.f1:.3f}  ({c.tp}/{c.fp}/{c.fn})")
    for g, c in sorted(genre.items()):
        lines.append(f"  {g:<17} L1 F1 {c.f1:.3f}  ({c.tp}/{c.fp}/{c.fn})")
    return "\n".join(lines)


def build(folder: Path) -> tuple[dict[str, str], str]:
    sentences = load(folder / "sentences.jsonl")
    a, b = load(folder / "annotations" / "A.jsonl"), load(folder / "annotations" / "B.jsonl")
    adjudication = json.loads((folder / "annotations" / "adjudication.json").read_text("utf-8"))
    missing = [s for s in sentences if s not in a or s not in b]
    if missing:
        raise SystemExit(f"sentences without two annotations: {missing[:5]}")
    out: dict[str, list[str]] = {"dev": [], "test": []}
    undecided = []
    for sid, meta in sentences.items():
        ra, rb = a[sid]["relations"], b[sid]["relations"]
        if Counter(map(key, ra)) == Counter(map(key, rb)):
            rels = [clean(r) for r in ra]
        elif sid in adjudication:
            rels = decide(ra, rb, adjudication[sid])
        else:
            undecided.append(sid)
            continue
        tags = sorted(set(a[sid].get("tags") or []) | set(b[sid].get("tags") or []))
        if rels:
            tags = [t for t in tags if t != "no-relation"]
        elif "no-relation" not in tags:
            tags.append("no-relation")
        record = {**meta, "tags": tags, "relations": rels}
        out[meta["split"]].append(json.dumps(record, ensure_ascii=False) + "\n")
    if undecided:
        raise SystemExit(f"{len(undecided)} disagreements without an adjudication, e.g. {undecided[:3]}")
    return {split: "".join(lines) for split, lines in out.items()}, agreement(sentences, a, b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if dev.jsonl / test.jsonl are stale")
    args = parser.parse_args()
    files, report = build(FOLDER)
    stale = [
        s
        for s, text in files.items()
        if not (FOLDER / f"{s}.jsonl").is_file() or (FOLDER / f"{s}.jsonl").read_text("utf-8") != text
    ]
    if args.check:
        if stale:
            sys.exit(f"stale real-prose gold: {', '.join(stale)} (run python tools/realprose_gold.py)")
        return
    for split, text in files.items():
        (FOLDER / f"{split}.jsonl").write_text(text, encoding="utf-8")
        n = text.count("\n")
        rels = sum(len(json.loads(line)["relations"]) for line in text.splitlines())
        print(f"wrote {split}.jsonl: {n} sentences, {rels} relations")
    print(report)


if __name__ == "__main__":
    main()
