"""Property-based tests: random text into extraction, random graphs into every export format.

Extraction must never crash and every assertion's offsets must point at its evidence sentence; every
export must read back (RDF isomorphic to what was written, networks loadable, CSV parseable). The model
is loaded once per module and example counts are modest so the suite stays fast.
"""

from __future__ import annotations

import csv
import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from actorgraph.documents import blocks, document_from_text, masked_text
from actorgraph.export import EXPORT_FORMATS, RDF_FORMATS, to_edge_graph
from actorgraph.export import export_graph as export
from actorgraph.extract import Extractor
from actorgraph.graph import build_dataset, load_graph_file, union_graph
from actorgraph.model import ACTOR_TYPES, Activity, Actor, Assertion, Document
from actorgraph.ontology import load_relation_types
from actorgraph.store import open_store

EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ----------------------------------------------------------------------------- text strategies

ACTORS = [
    "Turkey",
    "Russia",
    "Ankara",
    "the Kremlin",
    "Azerbaijan",
    "Armenia",
    "NATO",
    "Sergey Lavrov",
    "Iran",
]
WORDS = [
    *ACTORS,
    "supports",
    "condemned",
    "did not attack",
    "may sanction",
    "met with",
    "accused",
    "said",
    "on July 13",
    "and",
    "the",
    "talks",
    "(",
    ")",
    ",",
    ".",
    '"',
    "\u201c",
    "\u00e9",
    "Çavuşoğlu",
    "\n",
    "\n\n",
]
MARKDOWN = [
    "# ",
    "## ",
    "**",
    "_",
    "`",
    "```\n",
    "[",
    "](https://example.org/x)",
    "![img](a.png)",
    "- ",
    "1. ",
    "> ",
    "[4]",
    "---\n",
    "| a | b |\n",
    "<b>",
    "</b>",
    "<script>",
    "&amp;",
    "https://example.org/a?b=c",
    "title: x\n",
    "Related posts\n",
    "By Jane Doe\n",
    "\n",
    "\n\n",
]

english = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
markdown = st.lists(st.sampled_from(WORDS + MARKDOWN), max_size=80).map("".join)
unicode_text = st.text(max_size=400)  # any code point but lone surrogates (which no decoded file contains)
mixed = st.lists(st.one_of(st.sampled_from(WORDS + MARKDOWN), st.text(max_size=8)), max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - load once for every example
    return extractor


def check_extraction(extractor: Extractor, text: str) -> None:
    doc = document_from_text(text, name="random.md", date="2020-07-17")
    masked = masked_text(doc)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    spans = blocks(doc)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(e1 <= s2 for (_s1, e1), (s2, _e2) in itertools.pairwise(spans))
    for assertion in extractor.extract_document(doc):
        assert 0 <= assertion.start < assertion.end <= len(text)
        assert assertion.sentence == text[assertion.start : assertion.end]
        assert assertion.doc == "random.md"
        assert any(s <= assertion.start and assertion.end <= e for s, e in spans), assertion


@pytest.mark.model
@EXAMPLES
@given(text=english)
def test_random_english_extracts_with_exact_offsets(extractor: Extractor, text: str) -> None:
    check_extraction(extractor, text)


@pytest.mark.model
@EXAMPLES
@given(text=markdown)
def test_random_markdown_extracts_with_exact_offsets(extractor: Extractor, text: str) -> None:
    check_extraction(extractor, text)


@pytest.mark.model
@EXAMPLES
@given(text=st.one_of(unicode_text, mixed))
def test_random_unicode_extracts_with_exact_offsets(extractor: Extractor, text: str) -> None:
    check_extraction(extractor, text)


# ----------------------------------------------------------------------------- graph strategies

RELATIONS = load_relation_types()
#: labels and sentences: any printable text plus quotes, markup, control-ish white space and emoji
hostile_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
dates = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.dates().map(lambda d: d.isoformat()[:4]),
)


@st.composite
def actors(draw: st.DrawFn) -> Actor:
    kind = draw(st.sampled_from(ACTOR_TYPES))
    state = draw(st.one_of(st.none(), st.from_regex(r"[A-Z]{3}", fullmatch=True)))
    return Actor(id=draw(slugs), type=kind, label=draw(hostile_text), state=state)


@st.composite
def assertions(draw: st.DrawFn, doc_names: list[str]) -> Assertion:
    sentence = draw(hostile_text)
    start = draw(st.integers(0, 10_000))
    mood = draw(st.sampled_from(["asserted", "hedged", "conditional", "question"]))
    subject, obj = draw(actors()), draw(actors())
    return Assertion(
        doc=draw(st.sampled_from(doc_names)),
        start=start,
        end=start + len(sentence),
        sentence=sentence,
        subject=subject,
        relation=draw(st.sampled_from(sorted(RELATIONS.values(), key=lambda r: r.name))),
        object=obj,
        negated=draw(st.booleans()),
        hedged=mood != "asserted",
        mood=mood,
        date=draw(dates),
        confidence=draw(st.floats(0.0, 1.0)),
        means=draw(st.one_of(st.none(), hostile_text)),
        subject_state=subject.state,
        object_state=obj.state,
        reported_by=draw(st.one_of(st.none(), actors())),
        trigger=draw(st.one_of(st.none(), hostile_text)),
        rule=draw(st.sampled_from([None, "svo", "nominal"])),
    )


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[Assertion], list[Document]]:
    names = draw(
        st.lists(
            st.one_of(st.from_regex(r"[\w .-]{1,12}\.(md|txt|html)", fullmatch=True), hostile_text),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    documents = [
        Document(
            name=name,
            text="",
            title=draw(st.one_of(st.none(), hostile_text)),
            date=draw(dates),
            source=draw(st.one_of(st.none(), hostile_text)),
        )
        for name in names
    ]
    return draw(st.lists(assertions(names), min_size=1, max_size=8)), documents


ACTIVITY = Activity("0.1.0", "en_core_web_sm", "3.8.0", "2024-01-01T00:00:00Z")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@settings(EXAMPLES, max_examples=8)  # each example writes and re-reads eight formats
@given(corpus=corpora())
def test_random_graphs_round_trip_through_every_export(
    workdir: Path, corpus: tuple[list[Assertion], list[Document]]
) -> None:
    items, documents = corpus
    dataset = build_dataset(items, documents, activity=ACTIVITY)
    expected = union_graph(dataset)
    # network exports read through Oxigraph, as the CLI does for stores (rdflib's SPARQL took minutes here)
    store = open_store(dataset, kind="oxigraph")
    edges = to_edge_graph(store)
    for fmt in EXPORT_FORMATS:
        out = export(open_store(dataset) if fmt in RDF_FORMATS else store, fmt, workdir / f"graph.{fmt}")
        if fmt in RDF_FORMATS:
            loaded = union_graph(load_graph_file(out))
            assert len(loaded) == len(expected), fmt
            assert isomorphic(loaded, expected), fmt
        elif fmt == "csv":
            with out.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            assert len(rows) == edges.number_of_edges()
        else:
            network = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
            assert network.number_of_nodes() == edges.number_of_nodes(), fmt
            assert network.number_of_edges() == edges.number_of_edges(), fmt
