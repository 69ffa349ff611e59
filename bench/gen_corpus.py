"""Generate a deterministic benchmark corpus: ``corpus/`` replicated, plus long reference-style articles.

One "unit" (the 1x corpus of the benchmarks) is every document of ``corpus/`` (short news items with front
matter, ~1.1 KB each) plus ``long_articles`` long analytical articles of 8-12 KB in the layout of the
reference articles (a title line, a "N m. | date" line, long paragraphs, photo captions; or one paragraph
per line). The long articles are assembled from the sentences of our own corpus and from sentence templates
filled with actor names; no reference text is copied. ``N``x is N units: copy ``i`` of a corpus document
gets its own name, a shifted date and its sentences rotated within each paragraph (same parse cost,
different content hash), and every long article is generated anew from the seed.

The same arguments always give byte-identical files.

Usage::

    python bench/gen_corpus.py --scale 20 --out bench/_work/corpus_20x
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

#: Long articles per unit: 8 articles of ~10 KB next to the ~25 KB of corpus/ make a unit of ~105 KB,
#: so 20x is over 2 MB.
LONG_ARTICLES = 8

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")

STATES = (
    ("Russia", "Russian", "Moscow"),
    ("Turkey", "Turkish", "Ankara"),
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Iran", "Iranian", "Tehran"),
    ("Syria", "Syrian", "Damascus"),
    ("France", "French", "Paris"),
    ("the United States", "American", "Washington"),
    ("Georgia", "Georgian", "Tbilisi"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Germany", "German", "Berlin"),
    ("Libya", "Libyan", "Tripoli"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Israel", "Israeli", "Jerusalem"),
)
PEOPLE = (
    ("President", "Vladimir Putin", 0),
    ("Foreign Minister", "Sergey Lavrov", 0),
    ("Defence Minister", "Sergei Shoigu", 0),
    ("President", "Recep Tayyip Erdoğan", 1),
    ("Foreign Minister", "Mevlüt Çavuşoğlu", 1),
    ("Defence Minister", "Hulusi Akar", 1),
    ("President", "Ilham Aliyev", 2),
    ("Foreign Minister", "Jeyhun Bayramov", 2),
    ("Prime Minister", "Nikol Pashinyan", 3),
    ("President", "Emmanuel Macron", 6),
)
FIRST = ("Anna", "Giorgi", "David", "Irina", "Marc", "Levan", "Yusuf", "Olena", "Ahmad", "Peter")
LAST = ("Keller", "Beridze", "Martin", "Bondar", "Haddad", "Nurlanov", "Levi", "Schmidt", "Tahir", "Morel")
ORGS = ("NATO", "the OSCE Minsk Group", "the United Nations", "the European Union", "the CSTO")
TOPICS = (
    "the Nagorno-Karabakh settlement",
    "the situation in Idlib",
    "the ceasefire regime",
    "energy transit through the South Caucasus",
    "the war in Libya",
    "regional security",
    "the transport corridors of the region",
    "the return of refugees",
    "the joint monitoring centre",
    "arms deliveries",
)
TEMPLATES = (
    "{A} openly supported {B} in the dispute over {T}, which {C} regarded as a direct challenge.",
    "{pA} {nA} held a telephone conversation with his {dB} counterpart {nB} to discuss {T}.",
    "According to the {dA} foreign ministry, {A} and {B} agreed to continue consultations on {T}.",
    "{A} accused {B} of violating the ceasefire and of sending mercenaries to the conflict zone.",
    "The {dA} side stressed that {B} should refrain from statements that could raise tensions.",
    "{C} called on {A} and {B} to show restraint and to return to the negotiating table.",
    "Observers in {capA} read the remark as a message to {capB}, although {B} was not named.",
    "{A} imposed new sanctions on {B} after months of pressure over {T}.",
    "{A} and {B} held joint military exercises near the border, despite objections from {C}.",
    "{O} urged both sides to respect the ceasefire and to resume talks on {T}.",
    "The implementation of such goals is dangerous for {A}, which has long considered the region its "
    "sphere of influence.",
    "{pA} {nA} said that {A} would stand by {B} with all its means.",
    "{A} rejected the proposal of {B} to hold an enlarged meeting on {T}.",
    "Despite these differences, {A} and {B} managed to keep a working dialogue, and {C} welcomed it.",
    "{dA} drones struck positions of the {dB} army, and {B} threatened to retaliate.",
    "In the post-Soviet period the conflict of interests of {A} and {B} has been of a strategic nature.",
    "{A} is a member of {O}, while {B} has only observer status.",
    "Experts in {capC} believe that {A} is trying to use {T} to strengthen its position in talks with {B}.",
)
CAPTIONS = (
    "The Ministry of Foreign Affairs of {A} building",
    "{pA} {nA} at a press conference",
    "A meeting of the delegations of {A} and {B}",
    "Military equipment at a parade in {capA}",
)


@dataclass(frozen=True)
class CorpusStats:
    """What was generated."""

    files: int
    bytes: int


def _split_front(text: str) -> tuple[str, str]:
    match = _FRONT.match(text)
    return (match.group(0), text[match.end() :]) if match else ("", text)


def _sentences(text: str) -> list[str]:
    """Prose sentences of a corpus document (front matter, headings and bylines dropped)."""
    _, body = _split_front(text)
    found: list[str] = []
    for para in body.split("\n\n"):
        para = " ".join(para.split())
        if not para or para.startswith("#") or para.startswith("By ") or len(para) < 40:
            continue
        found.extend(s for s in _SENTENCE.split(para) if len(s) > 30)
    return found


def _shift_date(front: str, days: int) -> str:
    def repl(match: re.Match[str]) -> str:
        try:
            day = date.fromisoformat(match.group(1)) + timedelta(days=days)
        except ValueError:
            return match.group(0)
        return f"date: {day.isoformat()}"

    return re.sub(r"date: (\d{4}-\d{2}-\d{2})", repl, front)


def _rotate_paragraphs(body: str, shift: int) -> str:
    """Rotate the sentences of each prose paragraph by ``shift`` (same words, different text)."""
    out = []
    for para in body.split("\n\n"):
        if para.startswith("#") or "\n" in para.strip():
            out.append(para)
            continue
        parts = _SENTENCE.split(para.strip())
        if len(parts) > 1:
            k = shift % len(parts)
            para = " ".join(parts[k:] + parts[:k]) + ("\n" if para.endswith("\n") else "")
        out.append(para)
    return "\n\n".join(out)


def _fill(rng: random.Random, template: str) -> str:
    a, b, c = rng.sample(range(len(STATES)), 3)
    invented = ("Foreign Minister", f"{FIRST[(a + b) % len(FIRST)]} {LAST[(a * 3 + c) % len(LAST)]}", a)
    people_a = [p for p in PEOPLE if p[2] == a] or [invented]
    people_b = [p for p in PEOPLE if p[2] == b] or [(*invented[:2], b)]
    pa, pb = rng.choice(people_a), rng.choice(people_b)
    text = template.format(
        A=STATES[a][0],
        B=STATES[b][0],
        C=STATES[c][0],
        dA=STATES[a][1],
        dB=STATES[b][1],
        capA=STATES[a][2],
        capB=STATES[b][2],
        capC=STATES[c][2],
        pA=pa[0],
        nA=pa[1],
        nB=pb[1],
        O=rng.choice(ORGS),
        T=rng.choice(TOPICS),
    )
    return text[0].upper() + text[1:]


def long_article(rng: random.Random, pool: list[str], number: int) -> str:
    """One long analytical article (8-12 KB) in one of two reference layouts."""
    target = rng.randrange(8_000, 12_000)
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 2_500))
    a, b = rng.sample(range(len(STATES)), 2)
    title = f"{STATES[a][1]}-{STATES[b][1]} relations in the context of {rng.choice(TOPICS)}"
    blank_lines = number % 2 == 0
    parts = [title, "", f"{rng.randrange(5, 15)} m.   |  {day.isoformat()}", ""] if blank_lines else [title]
    size = sum(len(p) + 1 for p in parts)
    while size < target:
        para_len = rng.randrange(250, 650)
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < para_len:
            if rng.random() < 0.5:
                sentences.append(rng.choice(pool))
            else:
                sentences.append(_fill(rng, rng.choice(TEMPLATES)))
        para = " ".join(sentences)
        parts.append(para)
        if blank_lines:
            parts.append("")
            if rng.random() < 0.12:
                parts += ["", _fill(rng, rng.choice(CAPTIONS)), ""]
        size += len(para) + 2
    if not blank_lines:
        parts += ["", f"By {rng.choice(PEOPLE)[1].split()[-1]} Analyst", ""]
    return "\n".join(parts).rstrip() + "\n"


def generate_corpus(
    out_dir: Path,
    scale: int = 1,
    *,
    long_articles: int = LONG_ARTICLES,
    seed: int = 7,
    source: Path = CORPUS,
) -> CorpusStats:
    """Write ``scale`` units of the benchmark corpus into ``out_dir`` (replaced if present).

    Args:
        out_dir: the folder to (re)create.
        scale: number of units (1 = corpus/ once plus ``long_articles`` long articles).
        long_articles: long reference-style articles per unit.
        seed: random seed.
        source: the corpus folder to replicate.

    Returns:
        File count and total bytes.
    """
    rng = random.Random(seed)
    files = sorted(p for p in source.iterdir() if p.is_file() and p.suffix in (".md", ".txt"))
    texts = [(p, p.read_text(encoding="utf-8")) for p in files]
    pool = [s for _, text in texts for s in _sentences(text)] or [_fill(rng, t) for t in TEMPLATES]
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    count = total = 0
    for copy in range(scale):
        for path, text in texts:
            if copy:
                front, body = _split_front(text)
                text = _shift_date(front, copy) + _rotate_paragraphs(body, copy)
            name = f"u{copy:03d}-{path.name}"
            data = text.encode("utf-8")
            (out_dir / name).write_bytes(data)
            count += 1
            total += len(data)
        for number in range(long_articles):
            data = long_article(rng, pool, number).encode("utf-8")
            (out_dir / f"u{copy:03d}-long-{number:02d}.txt").write_bytes(data)
            count += 1
            total += len(data)
    return CorpusStats(files=count, bytes=total)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--long-articles", type=int, default=LONG_ARTICLES)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).parent / "_work" / f"corpus_{args.scale}x"
    stats = generate_corpus(out, args.scale, long_articles=args.long_articles, seed=args.seed)
    print(f"{stats.files} files, {stats.bytes / 1e6:.2f} MB in {out}")


if __name__ == "__main__":
    main()
