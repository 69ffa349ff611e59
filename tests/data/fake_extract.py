"""A stand-in for the spaCy extraction, for build tests that exercise the output folder, not the extractor.

``install()`` replaces :meth:`Extractor.extract_documents` with one that gives each document one assertion
(the first of ``tiny_assertions.jsonl``, moved to the document and citing its first characters), so a build
runs in a fraction of a second without loading a model; everything after extraction (cache, graph, Turtle,
JSONL, Oxigraph store, HTML, publishing) is the real code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from actorgraph.model import Assertion, Document

TEMPLATE = json.loads((Path(__file__).resolve().parent / "tiny_assertions.jsonl").read_text().splitlines()[0])


def fake_assertions(doc: Document) -> list[Assertion]:
    """One assertion per non-empty document, citing its first (up to 40) characters."""
    sentence = doc.text[:40]
    if not sentence.strip():
        return []
    data = dict(TEMPLATE, doc=doc.name, start=0, end=len(sentence), sentence=sentence)
    return [Assertion.from_json(data)]


def install() -> None:
    """Patch the extractor class (in this process)."""
    from actorgraph.extract import Extractor

    def extract_documents(
        self: Any, docs: Iterable[Document], workers: int = 1, scheduler: str | None = None
    ) -> Iterator[Any]:
        for doc in docs:
            yield doc, fake_assertions(doc)

    Extractor.extract_documents = extract_documents  # type: ignore[method-assign]
