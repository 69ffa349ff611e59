"""Generate a deterministic synthetic actorgraph knowledge graph of about N triples.

The graph has the real shape of docs/architecture.md ("Graph shape"): actors (states, organisations, state
bodies, people with positions, non-state groups) with their ``ag:rollsUpTo``, documents, sentences
(``<doc>#char=S,E``) and statement nodes with ``ag:subjectKey``/``ag:objectKey`` and their provenance
(``prov:wasDerivedFrom`` a sentence, ``prov:wasGeneratedBy`` an activity), plus the truthy
``<subject> ag:<relation> <object>`` triples of statements that are not negated and whose mood is asserted
or hedged, and the relation properties' own description (type, symmetry, label, polarity) as a build writes
it. Statements pick their actor pair from a fixed set of ``pairs`` pairs that covers every
actor: each pair gets one asserted statement first, then pairs are drawn with Zipf-like weights, so the
actor-level view has ``actors`` nodes and ``pairs`` actor pairs.

Triples are written directly as text (no RDF library in the loop), as Turtle (the union graph) and,
optionally, N-Quads (statements and sentences in the named graph of their document, everything else in the
default graph). The same seed always gives byte-identical files.

Usage::

    python bench/gen_graph.py --triples 1000000 --out bench/_work/graph
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import time
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

GAZETTEER = Path(__file__).resolve().parents[1] / "ontology" / "gazetteer"
BASE = "https://w3id.org/actorgraph/"
AG = BASE + "ontology#"
ACTOR = BASE + "actor/"
DOC = BASE + "doc/"
STATEMENT = BASE + "statement/"
ACTIVITY = BASE + "activity/"
POSITION = BASE + "position/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SCHEMA = "https://schema.org/"
WD = "http://www.wikidata.org/entity/"

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "ag": AG,
    "actor": ACTOR,
    "doc": DOC,
    "stmt": STATEMENT,
    "activity": ACTIVITY,
    "pos": POSITION,
    "xsd": XSD,
    "prov": PROV,
    "dcterms": DCT,
    "skos": SKOS,
    "owl": OWL,
    "rdfs": RDFS,
    "nif": NIF,
    "schema": SCHEMA,
    "wd": WD,
}

# (name, polarity, PLOVER type or None) -- the ontology's relation properties.
RELATIONS: tuple[tuple[str, int, str | None], ...] = (
    ("supports", 1, "SUPPORT"),
    ("aids", 1, "AID"),
    ("cooperatesWith", 1, "COOPERATE"),
    ("consultsWith", 1, "CONSULT"),
    ("agreesWith", 1, "AGREE"),
    ("mediates", 1, None),
    ("requests", 0, "REQUEST"),
    ("accuses", -1, "ACCUSE"),
    ("rejects", -1, "REJECT"),
    ("threatens", -1, "THREATEN"),
    ("pressures", -1, "COERCE"),
    ("sanctions", -1, "SANCTION"),
    ("attacks", -1, "ASSAULT"),
    ("clashesWith", -1, "ASSAULT"),
    ("opposes", -1, None),
    ("alliedWith", 1, None),
    ("partnerOf", 1, None),
    ("rivalOf", -1, None),
    ("memberOf", 0, None),
)
#: The symmetric relations (``owl:SymmetricProperty`` in ontology/actorgraph.ttl; a test keeps them in step).
SYMMETRIC = frozenset(
    {"cooperatesWith", "consultsWith", "agreesWith", "clashesWith", "alliedWith", "partnerOf", "rivalOf"}
)
RELATION_WEIGHTS = (12, 4, 8, 14, 6, 2, 6, 9, 4, 4, 5, 2, 6, 3, 4, 2, 2, 2, 1)
MOODS = (("asserted", 80), ("hedged", 10), ("conditional", 5), ("question", 5))
ACTOR_MIX = (("State", 200), ("InternationalOrganization", 300), ("StateBody", 1500), ("Person", 2500))
ROLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister", "Ambassador", "Spokesperson")
SOURCES = ("Reuters", "Al Jazeera", "TASS", "Anadolu Agency", "BBC", "Hurriyet Daily News", "Civilnet")
WORDS = [
    "ceasefire",
    "talks",
    "border",
    "region",
    "military",
    "agreement",
    "sanctions",
    "pipeline",
    "envoy",
    "ministry",
    "summit",
    "delegation",
    "monitoring",
    "centre",
    "humanitarian",
    "corridor",
    "airspace",
    "negotiations",
    "statement",
]


@dataclass(frozen=True)
class GraphStats:
    """What was generated."""

    triples: int
    actors: int
    documents: int
    statements: int
    sentences: int
    pairs: int
    truthy: int


def _lit(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


_PREFIXED = re.compile(
    "<(" + "|".join(re.escape(ns) for ns in PREFIXES.values()) + r")([A-Za-z0-9_][A-Za-z0-9_-]*)>"
)
_BY_NS = {ns: prefix for prefix, ns in PREFIXES.items()}


def _compact(match: re.Match[str]) -> str:
    return f"{_BY_NS[match.group(1)]}:{match.group(2)}"


class _Writer:
    """Writes triples as N-Quads lines and as Turtle subject blocks (same triples, same order)."""

    def __init__(self, ttl: Path | None, nq: Path | None) -> None:
        self.count = 0
        self._ttl = ttl.open("w", encoding="utf-8", newline="\n") if ttl else None
        self._nq = nq.open("w", encoding="utf-8", newline="\n") if nq else None
        if self._ttl:
            for prefix, ns in PREFIXES.items():
                self._ttl.write(f"@prefix {prefix}: <{ns}> .\n")
            self._ttl.write("\n")

    def subject(self, subj: str, pairs: list[tuple[str, str]], graph: str | None = None) -> None:
        """Write the predicate/object ``pairs`` of ``subj`` (full IRIs, objects already in N-Triples form)."""
        if not pairs:
            return
        self.count += len(pairs)
        if self._nq:
            suffix = f" <{graph}> .\n" if graph else " .\n"
            self._nq.write("".join(f"<{subj}> <{p}> {o}{suffix}" for p, o in pairs))
        if self._ttl:
            body = " ;\n    ".join(f"<{p}> {o}" for p, o in pairs)
            self._ttl.write(_PREFIXED.sub(_compact, f"<{subj}> {body} .\n"))

    def close(self) -> None:
        for handle in (self._ttl, self._nq):
            if handle:
                handle.close()


def _zipf_cum(n: int, exponent: float = 0.9) -> list[float]:
    """Cumulative Zipf-like weights of ``n`` ranks (for ``rng.choices(cum_weights=...)``)."""
    return list(accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


def _pick(rng: random.Random, items: Sequence[T], cum: list[float]) -> T:
    return items[bisect_right(cum, rng.random() * cum[-1])]


def _real_states(limit: int) -> list[tuple[str, str, str]]:
    """(slug, ISO3, name) of the first ``limit`` states of the shipped gazetteer (so actor names resolve)."""
    path = GAZETTEER / "states.tsv"
    found: list[tuple[str, str, str]] = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("#") or len(cells) < 3 or cells[0] == "id":
                continue
            found.append((cells[0], cells[1], cells[2]))
    return found[:limit]


def _actors(rng: random.Random, n_actors: int) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    """Yield (slug, type, label, state slug or None, state ISO3 or None) for ``n_actors`` actors.

    States are the gazetteer's real states (slug, ISO3, name), then synthetic ones if more are needed.
    """
    scale = n_actors / sum(count for _, count in ACTOR_MIX)
    counts = [(kind, max(1, round(count * scale))) for kind, count in ACTOR_MIX]
    n_states = counts[0][1]
    states = _real_states(n_states)
    states += [(f"state-{i:03d}", f"X{i:03d}", f"State {i}") for i in range(len(states), n_states)]
    made = 0
    for kind, count in counts:
        for i in range(count):
            if kind == "State":
                slug, iso, name = states[i]
                yield slug, kind, name, None, iso
            elif kind == "InternationalOrganization":
                yield f"org-{i:04d}", kind, f"Organisation {i}", None, None
            elif kind == "StateBody":
                slug, iso, name = rng.choice(states)
                yield f"{slug}-body-{i:04d}", kind, f"{name} body {i}", slug, iso
            else:
                slug, iso, _ = rng.choice(states)
                yield f"person-{i:05d}", kind, f"Person {i}", slug, iso
            made += 1
    for i in range(max(0, n_actors - made)):
        yield f"group-{i:04d}", "NonStateGroup", f"Group {i}", None, None


def generate_graph(
    out_stem: Path,
    *,
    triples: int = 1_000_000,
    actors: int = 5_000,
    pairs: int = 15_000,
    seed: int = 42,
    turtle: bool = True,
    nquads: bool = False,
) -> GraphStats:
    """Write ``out_stem``.ttl (and ``.nq``) holding about ``triples`` triples; return what was generated.

    Args:
        out_stem: path without suffix; ``.ttl``/``.nq`` are added.
        triples: target triple count (the generator stops at the first document boundary past it).
        actors: number of actors.
        pairs: number of distinct actor pairs statements are drawn from (edges of the aggregated view).
        seed: random seed; the same seed gives identical files.
        turtle: write Turtle.
        nquads: write N-Quads (named graph per document).

    Returns:
        A :class:`GraphStats`.
    """
    rng = random.Random(seed)
    out_stem.parent.mkdir(parents=True, exist_ok=True)
    ttl = out_stem.with_suffix(".ttl") if turtle else None
    nq = out_stem.with_suffix(".nq") if nquads else None
    writer = _Writer(ttl, nq)
    ag = AG
    try:
        # ---------------------------------------------------------------- actors
        slugs: list[str] = []
        roll_up: dict[str, str] = {}  # ag:rollsUpTo: the state a body or person acts for, else itself
        for slug, kind, label, state, code in _actors(rng, actors):
            iri = ACTOR + slug
            slugs.append(slug)
            roll_up[slug] = state or slug
            po = [
                (RDF_TYPE, f"<{ag}{kind}>"),
                (SKOS + "prefLabel", _lit(label) + "@en"),
                (ag + "rollsUpTo", f"<{ACTOR}{roll_up[slug]}>"),
            ]
            po.append((SKOS + "altLabel", _lit(label.upper()) + "@en"))
            if kind == "State" and code:
                po.append((ag + "isoCode", _lit(code)))
                po.append((ag + "stateCode", _lit(code)))
            if state is not None and code:
                po.append((ag + "stateCode", _lit(code)))
                po.append((ag + "actsFor", f"<{ACTOR}{state}>"))
            if rng.random() < 0.4:
                po.append((OWL + "sameAs", f"<{WD}Q{rng.randrange(1, 10_000_000)}>"))
            if kind == "Person":
                pos = f"{POSITION}{slug}-1"
                po.append((ag + "hasPosition", f"<{pos}>"))
                writer.subject(iri, po)
                start = f"{rng.randrange(1990, 2020)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                writer.subject(
                    pos,
                    [
                        (RDF_TYPE, f"<{ag}Position>"),
                        (ag + "positionIn", f"<{ACTOR}{state}>"),
                        (ag + "role", _lit(rng.choice(ROLES))),
                        (ag + "startDate", _typed(start, "date")),
                    ],
                )
            else:
                writer.subject(iri, po)

        # ---------------------------------------------------------------- actor pairs: every actor in one
        order = slugs[:]
        rng.shuffle(order)
        pair_set: set[tuple[str, str]] = set()
        pair_list: list[tuple[str, str]] = []
        for i in range(0, len(order) - 1, 2):
            key = (order[i], order[i + 1])
            pair_set.add(key)
            pair_list.append(key)
        actor_cum = _zipf_cum(len(slugs), 1.0)
        while len(pair_list) < pairs:
            a, b = _pick(rng, slugs, actor_cum), _pick(rng, slugs, actor_cum)
            key = (a, b) if a < b else (b, a)
            if a != b and key not in pair_set and (key[1], key[0]) not in pair_set:
                pair_set.add(key)
                pair_list.append(key)
        rng.shuffle(pair_list)
        pair_cum = _zipf_cum(len(pair_list), 0.6)

        # ---------------------------------------------------------------- activities
        activities = [f"{ACTIVITY}build-{i}" for i in range(3)]
        for i, act in enumerate(activities):
            writer.subject(
                act,
                [
                    (RDF_TYPE, f"<{ag}ExtractionActivity>"),
                    (ag + "toolVersion", _lit("0.1.0")),
                    (ag + "modelName", _lit("en_core_web_sm")),
                    (ag + "modelVersion", _lit("3.8.0")),
                    (PROV + "startedAtTime", _typed(f"2024-0{i + 1}-01T00:00:00Z", "dateTime")),
                ],
            )

        # ---------------------------------------------------------------- documents and statements
        rel_names = [r[0] for r in RELATIONS]
        rel_info = {r[0]: r for r in RELATIONS}
        moods = [m for m, _ in MOODS]
        mood_w = [w for _, w in MOODS]
        truthy: set[tuple[str, str, str]] = set()
        n_docs = n_statements = n_sentences = cursor = 0
        while writer.count < triples:
            name = f"article-{n_docs:06d}.md"
            doc = f"{DOC}article-{n_docs:06d}"
            n_docs += 1
            year = rng.randrange(2014, 2024)
            date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            writer.subject(
                doc,
                [
                    (RDF_TYPE, f"<{ag}Document>"),
                    (DCT + "identifier", _lit(name)),
                    (DCT + "title", _lit(" ".join(rng.choices(WORDS, k=6)).capitalize())),
                    (DCT + "date", _typed(date, "date")),
                    (DCT + "source", _lit(rng.choice(SOURCES))),
                    (SCHEMA + "url", f"<https://news.example.org/{year}/{n_docs}>"),
                ],
            )
            activity = rng.choice(activities)
            pos = rng.randrange(200, 600)
            for _ in range(rng.randrange(8, 24)):
                length = rng.randrange(80, 260)
                start, end = pos, pos + length
                pos = end + rng.randrange(1, 400)
                sentence = f"{doc}#char={start},{end}"
                text = " ".join(rng.choices(WORDS, k=length // 7))[:length]
                writer.subject(
                    sentence,
                    [
                        (RDF_TYPE, f"<{ag}Sentence>"),
                        (DCT + "isPartOf", f"<{doc}>"),
                        (NIF + "beginIndex", _typed(str(start), "integer")),
                        (NIF + "endIndex", _typed(str(end), "integer")),
                        (NIF + "anchorOf", _lit(text)),
                    ],
                    graph=doc,
                )
                n_sentences += 1
                for _ in range(rng.choices((1, 2, 3), weights=(70, 22, 8))[0]):
                    # every pair gets one asserted statement first, so the actor view has all pairs
                    first = cursor < len(pair_list)
                    if first:
                        a, b = pair_list[cursor]
                        cursor += 1
                    else:
                        a, b = _pick(rng, pair_list, pair_cum)
                    subj, obj = (a, b) if rng.random() < 0.5 else (b, a)
                    rel = rng.choices(rel_names, weights=RELATION_WEIGHTS)[0]
                    _, polarity, plover = rel_info[rel]
                    negated = not first and rng.random() < 0.08
                    mood = "asserted" if first else rng.choices(moods, weights=mood_w)[0]
                    hedged = mood != "asserted"
                    key = f"{name},{start},{end},{subj},{rel},{obj},{negated},{mood}"
                    stmt = STATEMENT + hashlib.sha1(key.encode()).hexdigest()
                    conf = 0.9 if mood == "asserted" else 0.6
                    month = rng.randrange(1, 13)
                    po = [
                        (RDF_TYPE, f"<{ag}Statement>"),
                        (ag + "statementSubject", f"<{ACTOR}{subj}>"),
                        (ag + "statementRelation", f"<{ag}{rel}>"),
                        (ag + "statementObject", f"<{ACTOR}{obj}>"),
                        (ag + "subjectKey", f"<{ACTOR}{roll_up[subj]}>"),
                        (ag + "objectKey", f"<{ACTOR}{roll_up[obj]}>"),
                        (ag + "polarity", _typed(str(polarity), "integer")),
                    ]
                    if plover:
                        po.append((ag + "ploverType", _lit(plover)))
                    po += [
                        (ag + "negated", _typed("true" if negated else "false", "boolean")),
                        (ag + "hedged", _typed("true" if hedged else "false", "boolean")),
                        (ag + "mood", _lit(mood)),
                        (ag + "confidence", _typed(f"{conf:.2f}", "decimal")),
                        (ag + "eventDate", _typed(f"{year}-{month:02d}", "gYearMonth")),
                        (ag + "trigger", _lit(rel.lower())),
                        (ag + "rule", _lit(rng.choice(("svo", "svo", "nominal", "copula", "passive")))),
                    ]
                    if rng.random() < 0.15:
                        po.append((ag + "means", _lit(" ".join(rng.choices(WORDS, k=2)))))
                    if rng.random() < 0.1:
                        po.append((ag + "reportedBy", f"<{ACTOR}{rng.choice(slugs)}>"))
                    po += [
                        (PROV + "wasDerivedFrom", f"<{sentence}>"),
                        (PROV + "wasGeneratedBy", f"<{activity}>"),
                    ]
                    writer.subject(stmt, po, graph=doc)
                    n_statements += 1
                    if not negated and mood in ("asserted", "hedged"):
                        fact = (subj, rel, obj)
                        if fact not in truthy:
                            truthy.add(fact)
                            writer.subject(ACTOR + subj, [(ag + rel, f"<{ACTOR}{obj}>")])
        # ---------------------------------------------------------------- relation descriptions (as a build)
        for rel, polarity, _ in RELATIONS:
            po = [(RDF_TYPE, f"<{OWL}ObjectProperty>")]
            if rel in SYMMETRIC:
                po.append((RDF_TYPE, f"<{OWL}SymmetricProperty>"))
            po.append((RDFS + "label", _lit(re.sub(r"(?<!^)([A-Z])", r" \1", rel).lower()) + "@en"))
            po.append((ag + "polarity", _typed(str(polarity), "integer")))
            writer.subject(ag + rel, po)
    finally:
        writer.close()
    return GraphStats(
        triples=writer.count,
        actors=len(slugs),
        documents=n_docs,
        statements=n_statements,
        sentences=n_sentences,
        pairs=len(pair_list),
        truthy=len(truthy),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--pairs", type=int, default=15_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--nquads", action="store_true", help="also write N-Quads")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "_work" / "graph")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stats = generate_graph(
        args.out,
        triples=args.triples,
        actors=args.actors,
        pairs=args.pairs,
        seed=args.seed,
        nquads=args.nquads,
    )
    print(f"{stats} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
