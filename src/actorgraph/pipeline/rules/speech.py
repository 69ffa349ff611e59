"""Reported speech and requests: who reports a relation, who accuses whom, what is only asked for.

"Armenia said Azerbaijan attacked Stepanakert": the relation is reported by Armenia (``reported_by``), and a
reporter who says another actor did something hostile accuses that actor. "Russia called on Turkey to end
its operation": the operation is what Turkey is asked to do, not something it did, so no relation is read
from inside a request.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..modality import modality_of
from .arguments import fan, subjects
from .base import Candidate, SentenceContext, lemma, sentence_rule, valid_pair

__all__ = ["in_disputed_claim", "reported_accusation", "reported_speech", "request_scope"]

_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def _under_request(ctx: SentenceContext, trigger: Token) -> bool:
    """Whether a trigger sits in what someone is asked to do ("called on X to end its occupation")."""
    tok = trigger
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        dep, tok = tok.dep_, tok.head
        if dep == "xcomp" and any(
            "directive" in ctx.lex.relation_type(e).hints for e in ctx.lex.relations(lemma(tok), "verb")
        ):
            return True
        if dep in {"ccomp", "advcl", "relcl", "parataxis"}:
            return False
    return False


@sentence_rule("request_scope")
def request_scope(ctx: SentenceContext) -> None:
    """Drop candidates inside what a directive verb (the ontology hint ``directive``) asks someone to do.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> from actorgraph.pipeline.rules.verbal import verb
        >>> ctx = sentence(
        ...     "Russia urged Turkey to attack Syria",
        ...     heads=[1, 1, 1, 4, 1, 4],
        ...     deps=["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj"],
        ...     pos=["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN"],
        ...     lemmas=["Russia", "urge", "Turkey", "to", "attack", "Syria"],
        ... )
        >>> for tok in ctx.sent:
        ...     _ = verb(ctx, tok)
        >>> sorted(c.relation.name for c in ctx.candidates)
        ['attacks', 'requests']
        >>> request_scope(ctx); [c.relation.name for c in ctx.candidates]
        ['requests']
    """
    ctx.candidates = [c for c in ctx.candidates if not _under_request(ctx, c.trigger)]


def _speech_verb(ctx: SentenceContext, tok: Token) -> bool:
    return ctx.lex.has_role(lemma(tok), "_speech", "verb")


def _reporter(ctx: SentenceContext, cand: Candidate) -> None:
    """Set the reporter of a relation inside "X said (that) ...", a quote, or "according to X"."""
    tok = cand.trigger
    for _ in range(10):
        if tok.head.i == tok.i:
            break
        dep = tok.dep_
        tok = tok.head
        if dep in {"ccomp", "parataxis", "dobj"} and _speech_verb(ctx, tok):
            found = [m for m in subjects(ctx, tok)[0] if m.key not in {cand.subject.key}]
            if found:
                cand.reporter = found[0]
            return
    doc = ctx.doc
    for t in ctx.sent:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            for p in doc[t.i + 1].children:
                if p.dep_ == "pobj":
                    found = fan(ctx, p)
                    if found:
                        cand.reporter = found[0]
                        return
    # a speech verb at the root with the trigger's clause in a quote ("'...,' the spokesperson said")
    root = ctx.sent.root
    quoted = any(t.text in _QUOTES for t in ctx.sent)
    if quoted and root.i != cand.trigger.i and _speech_verb(ctx, root):
        found = subjects(ctx, root)[0]
        if found and found[0].key != cand.subject.key:
            cand.reporter = found[0]


@sentence_rule("reported_speech")
def reported_speech(ctx: SentenceContext) -> None:
    """Give each candidate its reporter: the subject of a speech verb (lexicon role ``_speech``) above it.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> from actorgraph.pipeline.rules.verbal import verb
        >>> ctx = sentence(
        ...     "Armenia said Azerbaijan attacked Iran",
        ...     heads=[1, 1, 3, 1, 3],
        ...     deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj"],
        ...     pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN"],
        ...     lemmas=["Armenia", "say", "Azerbaijan", "attack", "Iran"],
        ... )
        >>> verb(ctx, ctx.doc[3]); reported_speech(ctx)
        False
        >>> [(c.subject.key, c.relation.name, c.object.key, c.reporter.key) for c in ctx.candidates]
        [('AZE', 'attacks', 'IRN', 'ARM')]
    """
    for cand in ctx.candidates:
        _reporter(ctx, cand)


def _hostile(cand: Candidate) -> bool:
    """Whether a reported relation blames its subject: a hostile act, or help hinted as blameworthy."""
    hints = cand.relation.hints
    return (
        cand.relation.polarity < 0
        or "reportedHostile" in hints
        or ("reportedHostileToGroups" in hints and cand.object.actor.type == "NonStateGroup")
    )


@sentence_rule("reported_accusation")
def reported_accusation(ctx: SentenceContext) -> None:
    """A reporter who says another actor did something hostile accuses that actor (the ``accusation`` hint).

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence, triples
        >>> from actorgraph.pipeline.rules.verbal import verb
        >>> ctx = sentence(
        ...     "According to Iran , Israel struck Syria",
        ...     heads=[5, 0, 1, 5, 5, 5, 5],
        ...     deps=["prep", "prep", "pobj", "punct", "nsubj", "ROOT", "dobj"],
        ...     pos=["VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PROPN"],
        ...     lemmas=["accord", "to", "Iran", ",", "Israel", "strike", "Syria"],
        ... )
        >>> verb(ctx, ctx.doc[5]); reported_speech(ctx); reported_accusation(ctx)
        False
        >>> triples(ctx)
        [('ISR', 'attacks', 'SYR', 'svo'), ('IRN', 'accuses', 'ISR', 'reported-accusation')]
    """
    accuses = ctx.lex.hinted("accusation")
    if accuses is None:
        return
    extra: list[Candidate] = []
    for cand in ctx.candidates:
        if cand.reporter is None or "accusation" in cand.relation.hints or not _hostile(cand):
            continue
        if cand.reporter.key == cand.object.key and cand.relation.polarity >= 0:
            continue
        if cand.relation.symmetric and cand.trigger.pos_ in {"NOUN", "PROPN"}:
            continue  # "we are following the A-B conflict": a topic named, nobody blamed
        mod = modality_of(cand.trigger, ctx.sent, ctx.resources)
        cand.modality = mod
        if mod.negated or mod.mood != "asserted":
            continue
        if valid_pair(cand.reporter, cand.subject, accuses):
            extra.append(
                Candidate(
                    cand.reporter, cand.subject, accuses, cand.trigger, "reported-accusation", factor=0.8
                )
            )
    ctx.candidates.extend(extra)


@sentence_rule("disputed_claims")
def disputed_claims(ctx: SentenceContext) -> None:
    """Drop candidates inside a claim the sentence calls untrue ("phony claims that Ukraine attacked Russia").

    The claim nouns and the words that dispute them are the word classes ``claim_noun`` and ``false_word``.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence
        >>> from actorgraph.pipeline.rules.verbal import verb
        >>> ctx = sentence(
        ...     "phony claims that Ukraine attacked Russia",
        ...     heads=[1, 1, 4, 4, 1, 4],
        ...     deps=["amod", "ROOT", "mark", "nsubj", "acl", "dobj"],
        ...     pos=["ADJ", "NOUN", "SCONJ", "PROPN", "VERB", "PROPN"],
        ...     lemmas=["phony", "claim", "that", "Ukraine", "attack", "Russia"],
        ... )
        >>> _ = verb(ctx, ctx.doc[4]); [c.relation.name for c in ctx.candidates]
        ['attacks']
        >>> disputed_claims(ctx); ctx.candidates
        []
    """
    ctx.candidates = [c for c in ctx.candidates if not in_disputed_claim(ctx, c.trigger)]


def in_disputed_claim(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a token stands in the content of a claim noun that a ``false_word`` modifies."""
    for _ in range(8):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if ctx.word("claim_noun", tok) and any(
            c.dep_ in {"amod", "compound"} and ctx.word("false_word", c) for c in tok.children
        ):
            return True
    return False


def opinion_frame(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a trigger states a view, not a relation: "agreed on the importance of X", "on the need for Y".

    The topics of a view ("importance", "need") are the word class ``opinion_topic``. A "that" clause is left
    alone: "agreed that A and B would develop their cooperation" commits them to what the clause says.
    """
    for child in tok.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in {"on", "upon", "about"}
            and any(p.dep_ == "pobj" and ctx.word("opinion_topic", p) for p in child.children)
        ):
            return True
    return False


@sentence_rule("opinion_scope")
def opinion_scope(ctx: SentenceContext) -> None:
    """Drop candidates of a trigger that states a shared view (:func:`opinion_frame`), not a relation.

    Examples:
        >>> from actorgraph.pipeline.rules.examples import sentence
        >>> from actorgraph.pipeline.rules.verbal import verb
        >>> ctx = sentence(
        ...     "Japan and India agreed on the importance of trade",
        ...     heads=[3, 0, 0, 3, 3, 6, 4, 6, 7],
        ...     deps=["nsubj", "cc", "conj", "ROOT", "prep", "det", "pobj", "prep", "pobj"],
        ...     pos=["PROPN", "CCONJ", "PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "NOUN"],
        ...     lemmas=["Japan", "and", "India", "agree", "on", "the", "importance", "of", "trade"],
        ... )
        >>> _ = verb(ctx, ctx.doc[3]); [c.relation.name for c in ctx.candidates]
        ['agreesWith']
        >>> opinion_scope(ctx); ctx.candidates
        []
    """
    ctx.candidates = [c for c in ctx.candidates if not opinion_frame(ctx, c.trigger)]
