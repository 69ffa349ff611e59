"""Gazetteer lookups with spaCy's PhraseMatcher: the known actors of a text, found fast.

spaCy's ``entity_ruler`` sends token-list patterns to the token ``Matcher``, whose cost grows with the number
of patterns; with the gazetteer's ~3,000 names it cost more than parsing the text. Every gazetteer pattern is
a plain phrase (one exact-case word, or a lower-cased word sequence), so two ``PhraseMatcher``s (ORTH and
LOWER) find the same spans in a fraction of the time. Overlaps resolve as in the entity ruler: the longest
span wins, then the earliest. Like the entity ruler, the component gets its patterns through
:meth:`GazetteerRuler.initialize` and keeps them in ``patterns.jsonl`` when the pipeline is saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans

from ..bundle import Resources

__all__ = ["GazetteerRuler", "make_gazetteer_ruler"]

_PATTERNS_FILE = "patterns.jsonl"


class GazetteerRuler:
    """Mark gazetteer actors as entities (label = mention kind, ``ent_id_`` = actor slug) before the NER."""

    def __init__(self, nlp: Language, name: str = "actorgraph_gazetteer") -> None:
        self.nlp = nlp
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[str, tuple[str, str]] = {}  # match key -> (label, actor id)
        self.patterns: list[dict[str, Any]] = []

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        resources: Resources | None = None,
        patterns: Iterable[dict[str, Any]] | None = None,
    ) -> None:
        """Replace the patterns with ``patterns``, or with those of the resources' gazetteer."""
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._keys = {}
        self.patterns = []
        if patterns is None and resources is not None:
            patterns = resources.gazetteer.patterns()
        self.add_patterns(patterns or [])

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add entity-ruler style patterns: one-token ``TEXT`` patterns or ``LOWER`` token sequences.

        Raises:
            ValueError: a pattern of another shape (the gazetteer makes none).
        """
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        for pattern in patterns:
            label, actor_id, tokens = pattern["label"], pattern["id"], pattern["pattern"]
            key = f"{label}\t{actor_id}"
            self._keys[key] = (label, actor_id)
            if isinstance(tokens, str):
                lower.setdefault(key, []).append(self.nlp.make_doc(tokens))
            elif len(tokens) == 1 and set(tokens[0]) == {"TEXT"}:
                exact.setdefault(key, []).append(self.nlp.make_doc(tokens[0]["TEXT"]))
            elif all(set(t) == {"LOWER"} for t in tokens):
                words = [t["LOWER"] for t in tokens]
                lower.setdefault(key, []).append(Doc(self.nlp.vocab, words=words))
            else:
                raise ValueError(f"unsupported gazetteer pattern: {pattern!r}")
            self.patterns.append(pattern)
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in lower.items():
            self.lower.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.ents`` to the gazetteer matches (longest first, no overlaps)."""
        spans = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                label, actor_id = self._keys[self.nlp.vocab.strings[match_id]]
                spans.append(Span(doc, start, end, label=label, span_id=actor_id))
        doc.ents = filter_spans(spans)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the patterns to ``path/patterns.jsonl``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        lines = (json.dumps(p, ensure_ascii=False) + "\n" for p in self.patterns)
        (folder / _PATTERNS_FILE).write_text("".join(lines), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerRuler:
        """Read the patterns written by :meth:`to_disk`."""
        file = Path(path) / _PATTERNS_FILE
        if file.is_file():
            lines = file.read_text(encoding="utf-8").splitlines()
            self.initialize(patterns=[json.loads(line) for line in lines if line.strip()])
        return self


@Language.factory(
    "actorgraph_gazetteer",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
)
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """Build the gazetteer ruler; its patterns come with :meth:`GazetteerRuler.initialize`."""
    return GazetteerRuler(nlp, name)
