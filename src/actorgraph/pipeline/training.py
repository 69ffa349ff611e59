"""Training data for the relation classifier: gold files turned into spaCy ``Example`` objects.

``spacy train training/relation_classifier.cfg`` reads its corpora through the ``actorgraph.GoldDrafts.v1``
reader registered here. The reader runs the rule pipeline (model, gazetteer, rules: everything but the
classifier) over the gold documents once, so each example's predicted doc carries the rules' drafts, and puts
the gold relations of the block's sentences into the reference doc's ``user_data``. The classifier then only
learns which drafts hold.

Real-prose records are read from the shared folder and extracted whole, document by document, as at run
time; records with their own text (the older gold files) are extracted with their context. Only the **dev**
split of the real-prose gold is ever read for training: ``fold`` cuts its documents into a training part and
a validation part (one document in five, by a hash of its name) so that spaCy can pick the best epoch
without touching the test split.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from ..documents import document_from_text, load_document
from ..evaluate import find_shared_dir, load_gold, resolve_source
from ..model import Document
from ..ontology import load_relation_types
from . import BlockTask, block_doc, build_nlp, discourse_state
from .classifier import GOLD_KEY

__all__ = ["document_fold", "gold_drafts", "gold_examples"]

GoldSentences = list[tuple[int, int, list[tuple[str, str, str, bool, bool]]]]


def document_fold(name: str) -> str:
    """``val`` for one document in five (by a hash of its name), else ``train``.

    Examples:
        >>> document_fold("realworld/wh-statements/x.md") in {"train", "val"}
        True
    """
    return "val" if hashlib.sha1(name.encode("utf-8")).digest()[1] % 5 == 0 else "train"


def _items(record: Mapping[str, Any], symmetric: set[str]) -> list[tuple[str, str, str, bool, bool]]:
    out = []
    for rel in record.get("relations") or []:
        s, r, o = str(rel["subject"]), str(rel["relation"]), str(rel["object"])
        if r in symmetric and o < s:
            s, o = o, s
        positive = rel.get("mood") not in {"conditional", "question"}
        out.append((s, r, o, bool(rel.get("negated")), positive))
    return out


def _documents(
    paths: list[Path], split: str | None, fold: str, shared: Path | None
) -> Iterator[tuple[Document, GoldSentences]]:
    """The gold documents to read, each with its gold sentences in document offsets."""
    symmetric = {name for name, t in load_relation_types().items() if t.symmetric}
    for path in paths:
        records = load_gold(path)
        by_source: dict[str, list[Mapping[str, Any]]] = {}
        for record in records:
            if "source" in record:
                if split is None or record.get("split") == split:
                    by_source.setdefault(str(record["source"]), []).append(record)
            elif fold in {"train", "all"} and isinstance(record.get("text"), str):
                text, context = str(record["text"]), str(record.get("context") or "")
                full = f"{context} {text}" if context else text
                doc = document_from_text(full, name=str(record.get("id", "record")), date=record.get("date"))
                yield doc, [(len(full) - len(text), len(full), _items(record, symmetric))]
        if by_source:
            root = shared if shared is not None else find_shared_dir(near=[path])
            resolved = [(*resolve_source(root, source), group) for source, group in by_source.items()]
            # in path order (as before records named files by hash), so `make train` gives the same weights
            for file, relative, group in sorted(resolved, key=lambda item: item[1]):
                if fold != "all" and document_fold(relative) != fold:
                    continue
                doc = load_document(file)
                yield doc, [(int(r["start"]), int(r["end"]), _items(r, symmetric)) for r in group]


def gold_examples(
    nlp: Language, paths: list[Path], split: str | None = "dev", fold: str = "all", shared: Path | None = None
) -> Iterator[Example]:
    """Examples for the classifier: each prose block of each gold document, parsed by the rule pipeline.

    Args:
        nlp: a rule pipeline that keeps its drafts (:func:`~actorgraph.pipeline.build_nlp` with
            ``classifier=False, drafts=True``).
        paths: gold files.
        split: only real-prose records of this split (never pass ``test``).
        fold: ``train``, ``val`` or ``all`` documents of that split (the older gold files are all ``train``).
        shared: the shared folder (default: found as ``actorgraph evaluate`` finds it).

    Yields:
        One example per block: predicted = the parsed block with its drafts, reference = a copy with the gold
        of the block's sentences in ``user_data``.
    """
    from ..extract import _block_tasks

    if split == "test":
        raise ValueError("the classifier never trains on the test split")
    for document, gold in _documents(paths, split, fold, shared):
        tasks: list[BlockTask] = _block_tasks(document)
        state: dict[str, Any] = discourse_state(tasks[0]) if tasks else {}
        docs = nlp.pipe(block_doc(nlp, task, n, state) for n, task in enumerate(tasks))
        for task, doc in zip(tasks, docs, strict=True):
            lo, hi = task.offset, task.offset + len(task.text)
            # the reference holds the same words (not a copy: the predicted doc's drafts point at its tokens)
            reference = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
            reference.user_data[GOLD_KEY] = [(s, e, items) for s, e, items in gold if s < hi and lo < e]
            yield Example(doc, reference)


@registry.readers("actorgraph.GoldDrafts.v1")  # type: ignore[untyped-decorator]
def gold_drafts(
    gold: str,
    split: str | None = "dev",
    fold: str = "train",
    shared: str | None = None,
    model: str | None = None,
) -> Callable[[Language], Iterator[Example]]:
    """The ``spacy train`` corpus reader: examples of :func:`gold_examples`, computed once and kept.

    Args:
        gold: gold files, separated by spaces.
        split: the real-prose split to read (``dev``).
        fold: ``train``, ``val`` or ``all``.
        shared: the shared folder, or None to find it.
        model: the spaCy model of the rule pipeline (None: the default).
    """
    cache: list[Example] = []

    def read(nlp: Language) -> Iterator[Example]:
        if not cache:
            rules = build_nlp(model, classifier=False, drafts=True)
            paths = [Path(p) for p in gold.split()]
            cache.extend(gold_examples(rules, paths, split, fold, Path(shared) if shared else None))
        yield from cache

    return read
