"""The word-order fallback: ACTOR TRIGGER ACTOR inside one clause, for sentences the parser mis-tags.

The small English model often parses headline-like sentences wrongly ("Greece backs Cyprus." with "backs"
as a plural noun). For every word no other rule used, this rule looks for an actor just before and just
after a lexicon verb (a few adverbs, determiners or prepositions may sit in between), with "A and B" lists on
either side. Its candidates get a lower base confidence.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import LexiconEntry
from ..mentions import Mention
from .arguments import on_side, stance
from .base import SentenceContext, sentence_rule, trigger_entries

__all__ = ["linear"]


def _group(ctx: SentenceContext, start: Mention, step: int) -> list[Mention]:
    """A mention and the mentions joined to it by "and"/"," on one side (``step`` -1: before, 1: after)."""
    group = [start]
    doc, sent = ctx.doc, ctx.sent
    cur = start
    while True:
        j = cur.start - 1 if step < 0 else cur.end
        if step < 0 and sent.start <= j and doc[j].lower_ == "the":
            j -= 1
        if not (sent.start <= j < sent.end) or doc[j].lower_ not in {"and", ","}:
            break
        k = j + step
        if step > 0 and k < sent.end and doc[k].lower_ == "the":
            k += 1
        found = [m for m in ctx.index.at(k) if not m.is_modifier] if sent.start <= k < sent.end else []
        if not found:
            break
        cur = found[0]
        group.append(cur)
    return group


def _left(ctx: SentenceContext, tok: Token) -> Mention | None:
    """The actor right before the trigger (or its "X-" prefix), past adverbs and auxiliaries."""
    doc = ctx.doc
    first = tok.i - 2 if tok.i >= 2 and doc[tok.i - 1].text == "-" else tok.i
    j = first - 1
    while j >= ctx.sent.start and first - j <= 3:
        found = [m for m in ctx.index.at(j) if not m.is_modifier]
        if found:
            return found[0]
        if doc[j].pos_ not in {"ADV", "AUX", "PART"}:
            return None
        j -= 1
    return None


def _right(ctx: SentenceContext, tok: Token) -> tuple[Mention | None, str | None]:
    """The actor right after the trigger, past determiners, adjectives and "on"/"with"/"to", and that word."""
    doc = ctx.doc
    k = tok.i + 1
    prep: str | None = None
    while k < ctx.sent.end and k - tok.i <= 3:
        # "hosted the G20 summit": a name modifying a noun is not the object
        found = [
            m
            for m in ctx.index.at(k)
            if not m.is_modifier and doc[m.head].dep_ != "compound" and not on_side(ctx, doc[m.head])
        ]
        if found:
            return found[0], prep
        if doc[k].lower_ in {"on", "with", "to"}:
            prep = doc[k].lower_
        elif doc[k].pos_ not in {"DET", "ADJ"}:
            return None, None
        k += 1
    return None, None


def _means(ctx: SentenceContext, right: Mention) -> str | None:
    """A "via / through / with / by" phrase after the object, up to the clause's end."""
    doc, sent = ctx.doc, ctx.sent
    for m_tok in doc[right.end : sent.end]:
        if ctx.word("means_prep", m_tok) and m_tok.pos_ not in {"VERB", "AUX"}:  # not the verb "using"
            words = [t for t in doc[m_tok.i + 1 : sent.end] if not t.is_punct or t.text == "-"]
            end = m_tok.i + 1
            for t in doc[m_tok.i + 1 : sent.end]:
                if (t.is_punct and t.text != "-") or t.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ"}:
                    break
                end = t.i + 1
            if words and end > m_tok.i + 1:
                start = m_tok.i + 1
                while start < end and doc[start].pos_ == "DET":
                    start += 1
                return doc[start:end].text if start < end else None
            return None
        if m_tok.pos_ in {"VERB", "AUX"}:
            return None
    return None


def _co_chairs(ctx: SentenceContext, objects: list[Mention]) -> list[Mention]:
    """Read "France co-chairs the group with Russia and the United States": the with-partners."""
    doc, sent = ctx.doc, ctx.sent
    k = max(m.end for m in objects)
    if k + 1 < sent.end and doc[k].lower_ == "with":
        k += 1 + (doc[k + 1].lower_ == "the")
        partners = [m for m in ctx.index.at(k) if not m.is_modifier] if k < sent.end else []
        if partners:
            return _group(ctx, partners[0], 1)
    return []


def _linear_entries(ctx: SentenceContext, tok: Token) -> list[LexiconEntry]:
    """Verb entries usable in word order: single words, phrases with a preposition, reciprocal frames.

    Entries flagged ``negflip`` ("abandon": supports only in "did not abandon") are left out: word order
    cannot read their double negative, and unnegated they would assert the opposite of their relation.
    """
    objs = [c.dep_ for c in tok.children if c.dep_ in {"dobj", "oprd", "ccomp"}]
    if tok.pos_ == "VERB" and ("oprd" in objs or ("dobj" in objs and len(objs) > 1)):
        return []  # a parsed naming frame ("calls Azerbaijan its ally", "called Putin 'my friend'")
    return [
        e
        for e in trigger_entries(ctx, tok, "verb")
        if (len(e.words) == 1 or e.preps or "recip" in e.flags) and "negflip" not in e.flags
    ]


def _read(ctx: SentenceContext, tok: Token) -> None:
    """Read one unused word as ACTOR TRIGGER ACTOR."""
    entries = _linear_entries(ctx, tok)
    left = _left(ctx, tok) if entries else None
    if left is None:
        return
    right, prep = _right(ctx, tok)
    if prep is not None:
        # "launched strikes on X" attacks, "the initiative the United States launched with Canada" does not:
        # a preposition between the trigger and the actor must be one of the entry's
        fitting = [e for e in entries if prep in e.preps]
        if fitting:
            entries = fitting
        else:
            right = None
    entry = entries[0]
    rtype = ctx.lex.relation_type(entry)
    subjs = _group(ctx, left, -1)
    if right is None:
        if (
            rtype.symmetric
            and "recip" in entry.flags
            and len({m.key for m in subjs}) >= 2
            and not stance(ctx, tok)
        ):
            ctx.add_pairs(subjs, rtype, tok, "linear-recip")
        return
    objects = _group(ctx, right, 1)
    if "withPartners" in rtype.hints:
        subjs = subjs + _co_chairs(ctx, objects)
    ctx.add(subjs, objects, entry, tok, "linear", _means(ctx, right))


@sentence_rule("linear")
def linear(ctx: SentenceContext) -> None:
    """Read every word no rule used (and inside no actor's name or means phrase) in word order.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> ctx = sentence(
        ...     "Greece backs Cyprus",
        ...     heads=[1, 1, 1],
        ...     deps=["compound", "ROOT", "appos"],
        ...     pos=["PROPN", "NOUN", "PROPN"],
        ...     lemmas=["Greece", "back", "Cyprus"],
        ... )
        >>> linear(ctx); triples(ctx)
        [('GRC', 'supports', 'CYP', 'linear')]
    """
    for tok in ctx.sent:
        # a word inside an actor's name ("Rapid Support Forces") is never a trigger
        if tok.i not in ctx.used_triggers and tok.i not in ctx.means_tokens and not ctx.index.at(tok.i):
            _read(ctx, tok)
