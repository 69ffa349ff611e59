"""Selective parsing changes no output: the same assertions with and without it, on gold and corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from actorgraph.documents import document_from_text, load_document
from actorgraph.evaluate import find_shared_dir, load_gold, resolve_source
from actorgraph.model import Document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


def _documents() -> list[Document]:
    """Every document the gold files and the corpus hold: real-prose documents whole, records with context."""
    docs = [load_document(p) for p in sorted((ROOT / "corpus").glob("*.md"))]
    shared = find_shared_dir(near=[GOLD])
    sources: dict[str, None] = {}
    for path in sorted(GOLD.glob("*.jsonl")) + sorted((GOLD / "realprose").glob("*.jsonl")):
        for record in load_gold(path):
            if "source" in record:
                sources.setdefault(str(record["source"]), None)
            else:
                context = record.get("context") or ""
                text = f"{context} {record['text']}" if context else str(record["text"])
                docs.append(document_from_text(text, name=str(record["id"]), date=record.get("date")))
    docs.extend(load_document(resolve_source(shared, source)[0]) for source in sources)
    return docs


def _run(nlp: Any, docs: list[Document], selective: bool) -> list[str]:
    from actorgraph.extract import _block_tasks
    from actorgraph.pipeline import extract_blocks

    tasks = [task for doc in docs for task in _block_tasks(doc)]
    return [
        json.dumps([a.to_json() for a in found], sort_keys=True)
        for _task, found in extract_blocks(nlp, tasks, selective=selective)
    ]


@pytest.mark.model
@pytest.mark.slow
def test_selective_parsing_gives_the_same_assertions_on_every_gold_file_and_the_corpus() -> None:
    from actorgraph.extract import Extractor

    nlp = Extractor().nlp
    docs = _documents()
    full = _run(nlp, docs, selective=False)
    fast = _run(nlp, docs, selective=True)
    assert len(full) == len(fast) and sum(line != "[]" for line in full) > 500
    assert fast == full


@pytest.mark.model
def test_a_question_turn_and_a_paragraph_naming_one_actor_are_not_parsed() -> None:
    from actorgraph.extract import Extractor, _block_tasks
    from actorgraph.pipeline import extract_blocks
    from actorgraph.pipeline.selective import Preselector

    nlp = Extractor().nlp
    transcript = (
        "---\ntitle: Remarks by President Biden and Japanese Prime Minister Kishida\n---\n\n"
        "PRESIDENT BIDEN:  We had a good meeting.\n\n"
        "Q  Will Japan sanction Russia?\n"
    )
    statement = (
        "---\ntitle: Statement by the Press Secretary on roads\n"
        "source_url: https://www.whitehouse.gov/briefing-room/statements-releases/x/\n---\n\n"
        "The United States will invest in roads and bridges in Ohio.\n\n"
        "We will keep supporting Ukraine.\n"
    )
    docs = [document_from_text(transcript, name="t.md"), document_from_text(statement, name="s.md")]
    tasks = [task for doc in docs for task in _block_tasks(doc)]
    seen: list[bool] = []
    original = Preselector.needs_parse

    def spy(self: Preselector, *args: Any) -> bool:
        seen.append(original(self, *args))
        return seen[-1]

    Preselector.needs_parse = spy  # type: ignore[method-assign]
    try:
        list(extract_blocks(nlp, tasks))
    finally:
        Preselector.needs_parse = original  # type: ignore[method-assign]
    # the speaker's turn is parsed (Biden talks to Kishida), the question is not; in the statement the
    # domestic line names one actor only, the line about Ukraine two (we = the United States)
    assert seen == [True, False, False, True]
