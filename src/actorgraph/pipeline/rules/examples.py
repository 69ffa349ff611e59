"""Hand-built parses for the rules' doctests and the fast tests: words, heads and labels, no trained model.

:func:`sentence` builds ``Doc(vocab, words, heads, deps, ...)`` from a space-separated text, marks the
gazetteer's actors on it with the pipeline's own gazetteer ruler, finds the mentions and resolves
coreference, and returns the :class:`~actorgraph.pipeline.rules.base.SentenceContext` of its first sentence;
:func:`triples` lists what the rules proposed.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc

from ...bundle import Resources, load_resources
from ..coref import resolve_coreference
from ..mentions import Mention, find_mentions
from ..ruler import GazetteerRuler
from .base import SentenceContext

__all__ = ["sentence", "triples"]


def sentence(
    text: str,
    heads: Sequence[int],
    deps: Sequence[str],
    *,
    pos: Sequence[str] | None = None,
    lemmas: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    parties: Sequence[Mention] = (),
    resources: Resources | None = None,
) -> SentenceContext:
    """The rule context of the first sentence of ``Doc(vocab, words, heads, deps, ...)``.

    Args:
        text: the words, separated by single spaces.
        heads: the absolute index of each word's head.
        deps: each word's dependency label.
        pos: coarse parts of speech.
        lemmas: lemmas.
        tags: fine-grained tags.
        parties: the sides of an earlier two-sided event.
        resources: the resources (default: the shipped ones).

    Examples:
        >>> ctx = sentence("Turkey backs Baku", [1, 1, 1], ["nsubj", "ROOT", "dobj"])
        >>> [(m.actor.id, m.kind) for m in ctx.index.mentions]
        [('turkey', 'name'), ('azerbaijan', 'capital')]
    """
    res = resources if resources is not None else load_resources()
    nlp = spacy.blank("en")
    doc = Doc(
        nlp.vocab,
        words=text.split(" "),
        heads=list(heads),
        deps=list(deps),
        pos=list(pos) if pos is not None else None,
        lemmas=list(lemmas) if lemmas is not None else None,
        tags=list(tags) if tags is not None else None,
    )
    ruler = GazetteerRuler(nlp)
    ruler.initialize(resources=res)
    ruler(doc)
    index = find_mentions(doc, res, None)
    resolve_coreference(doc, index, res)
    return SentenceContext(next(iter(doc.sents)), index, res, list(parties))


def triples(ctx: SentenceContext) -> list[tuple[str, str, str, str]]:
    """The candidates of a context as (subject key, relation, object key, rule), for reading doctests."""
    return [(c.subject.key, c.relation.name, c.object.key, c.rule) for c in ctx.candidates]
