"""Negation, hedging, conditionals and questions around a trigger word.

A relation read from "Turkey did not support Armenia" or "Russia may sanction Turkey" must not enter the
graph as a plain fact. This module walks from the trigger up its clause (through "refused to", "is expected
to", "is likely to", a light verb governing a noun) and reads the clause's markers: negation words and
negating verbs, modal auxiliaries, hedging adverbs and verbs, "if"/"unless" clauses and question marks.
The walk stops at clause boundaries (ccomp, advcl, relcl, parataxis), so "Armenia said Turkey did not ..." is
negated only inside the reported clause, and a speech verb's own negation does not leak into it. Negating
and hedging verbs, modals and adverbs are lexicon roles (``_negator``, ``_hedge``); the particles that mark
negation and conditions ("not", "if") are grammar and stay here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..bundle import Resources
from ..lexicon import Lexicon

__all__ = ["MOOD_FACTOR", "Modality", "modality_of"]

CONDITIONAL_MODALS = frozenset({"would"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
#: First words of an inverted conditional clause ("Were X to strike Y, ...", "Had X known, ...").
_INVERTED = frozenset({"were", "had", "should"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "ROOT", "acl"})
_CLIMB_DEPS = frozenset(
    {"xcomp", "dobj", "pobj", "prep", "acomp", "attr", "compound", "amod", "nsubj", "nsubjpass"}
)
_OWN_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "acomp", "attr", "compound", "amod"})
_MOOD_RANK = {"asserted": 0, "hedged": 1, "conditional": 2, "question": 3}

#: Confidence multipliers per mood.
MOOD_FACTOR = {"asserted": 1.0, "hedged": 0.65, "conditional": 0.45, "question": 0.4}


@dataclass(frozen=True, slots=True)
class Modality:
    """What the clause around a trigger says about the relation's truth.

    Attributes:
        negated: the relation is denied ("did not", "refused to", "no assistance").
        mood: ``asserted``, ``hedged``, ``conditional`` or ``question``.
        cue: the word that decided (for explanations), or "".
    """

    negated: bool = False
    mood: str = "asserted"
    cue: str = ""

    @property
    def factor(self) -> float:
        """Confidence multiplier for the mood."""
        return MOOD_FACTOR.get(self.mood, 1.0)


@dataclass
class _Reading:
    """The modality read so far while walking up the clause."""

    negated: bool = False
    mood: str = "asserted"
    cue: str = ""
    would: bool = False

    def negate(self, cue: str) -> None:
        self.negated, self.cue = True, cue

    def hedge(self, word: str, kind: str = "hedged") -> None:
        """Raise the mood to ``kind`` unless it is already at least as strong."""
        if _MOOD_RANK[kind] > _MOOD_RANK[self.mood]:
            self.mood, self.cue = kind, word


def _chain(trigger: Token) -> list[tuple[Token, str]]:
    """The trigger and the words above it in its clause, each with the dependency that led up to it."""
    out: list[tuple[Token, str]] = [(trigger, "self")]
    tok = trigger
    for _ in range(8):
        if tok.dep_ in _CLAUSE_DEPS or tok.head is tok:
            break
        dep = tok.dep_
        if dep == "conj":
            out.append((tok.head, "conj"))
        elif dep in _CLIMB_DEPS:
            out.append((tok.head, dep))
        else:
            break
        tok = tok.head
    return out


def _aside(trigger: Token, sentence: Span) -> Modality | None:
    """Read "X, as a member of Y, would ...": the aside states a standing fact whatever the clause's mood."""
    if (
        trigger.pos_ in {"NOUN", "PROPN"}
        and trigger.dep_ == "pobj"
        and trigger.head.lower_ == "as"
        and trigger.head.i > sentence.start
        and trigger.doc[trigger.head.i - 1].text in {",", "—", "–", "("}
    ):
        own_neg = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in trigger.children)
        return Modality(own_neg, "asserted", "no" if own_neg else "")
    return None


def _has_mark(tok: Token, marks: frozenset[str]) -> bool:
    return any(g.dep_ == "mark" and g.lower_ in marks for g in tok.children)


def _read_child(
    reading: _Reading, child: Token, tok: Token, own: bool, as_subject: bool, lex: Lexicon
) -> None:
    """Read one dependent of a word on the trigger's clause chain: negation, modal, hedge or condition."""
    low, dep = child.lower_, child.dep_
    if dep == "neg" and own:
        reading.negate(low)
    elif dep in {"aux", "auxpass"}:
        if as_subject:
            return
        if lex.has_role(low, "_hedge", "verb") or lex.has_role(child.lemma_, "_hedge", "verb"):
            reading.hedge(low)
        elif low in CONDITIONAL_MODALS:
            reading.would = True
    elif dep == "advmod" and (low == "never" or low == "no") and own:
        reading.negate(low)
    elif dep == "advmod" and low == "longer" and any(g.lower_ == "no" for g in child.children):
        reading.negate("no longer")  # "is no longer a member of"
    elif (
        dep in {"advmod", "npadvmod"}
        and not as_subject
        and lex.has_role(child.lemma_.lower(), "_hedge", "adv")
    ):
        reading.hedge(low)
    elif (dep == "det" and low == "no" and own and tok.pos_ in {"NOUN", "PROPN"}) or (
        dep == "preconj" and low == "neither"
    ):
        reading.negate(low)
    elif dep == "advcl" and _has_mark(child, CONDITIONAL_MARKS):
        reading.hedge("if", "conditional")
    elif dep == "mark" and low in CONDITIONAL_MARKS:
        reading.hedge(low, "conditional")
    elif dep == "mark" and low in {"until", "till"} and tok.tag_ in {"VBZ", "VBP"}:
        reading.hedge(low, "conditional")  # "won't stop until X intervenes": a future that may not come


def _read_governor(reading: _Reading, tok: Token, via: str, lex: Lexicon) -> None:
    """Read a word above the trigger: "refused to", "is expected to", "without", "the lack of"."""
    if via == "xcomp":
        lemma = tok.lemma_.lower()
        if lex.has_role(lemma, "_negator", "verb"):
            reading.negate(lemma)
        elif lex.has_role(lemma, "_hedge", "verb") or lex.has_role(lemma, "_hedge", "adj"):
            reading.hedge(lemma)
        elif lemma == "say" and any(c.dep_ == "auxpass" for c in tok.children):
            reading.hedge("is said to")
    if (
        via == "dobj"
        and lex.has_role(tok.lemma_.lower(), "_negator", "verb")
        and tok.lemma_.lower() != "stop"
    ):
        reading.negate(tok.lemma_.lower())  # "blocked EU sanctions against X", "denied the attack on Y"
    if via == "pobj" and tok.lower_ == "without":
        reading.negate("without")
    if via in {"prep", "pobj"} and lex.has_role(tok.lower_, "_negator", "noun"):
        reading.negate(tok.lower_)


def _read_clause(reading: _Reading, trigger: Token, chain: list[tuple[Token, str]], lex: Lexicon) -> None:
    """Walk the chain from the trigger to its clause head, reading each word and its dependents."""
    for position, (tok, via) in enumerate(chain):
        own = position == 0 or via in _OWN_DEPS
        # an event noun as subject ("Turkey's support for X may backfire", "the strikes could have
        # triggered a war"): the event happened; only a condition or question on its clause changes that
        as_subject = position > 0 and via in {"nsubj", "nsubjpass"} and trigger.pos_ in {"NOUN", "PROPN"}
        if position > 0 and via in {"nsubj", "nsubjpass"}:
            # a nominal trigger as subject ("Turkey's support for X was not enough"): only its own words count
            own = False
        for child in tok.children:
            _read_child(reading, child, tok, own, as_subject, lex)
        if position > 0:
            _read_governor(reading, tok, via, lex)
        if tok.dep_ in _CLAUSE_DEPS:
            if tok.dep_ == "advcl" and _has_mark(tok, CONDITIONAL_MARKS):
                reading.hedge("if", "conditional")
            break


def _read_clause_head(reading: _Reading, head: Token, resources: Resources) -> None:
    """Read what governs the clause: a denial, "no plans to", a reported "would", a negated subject."""
    lex = resources.lexicon
    if (
        head.dep_ == "ccomp"
        and head.head.i < head.i
        and lex.has_role(head.head.lemma_.lower(), "_negator", "verb")
    ):
        # only a denial that governs what follows ("denies that it sent"), not "X accuses Y, which Y denies"
        reading.negate(head.head.lemma_.lower())
    if (
        head.dep_ == "pcomp"
        and head.head.lower_ in {"against", "from"}
        and head.head.head.pos_ == "VERB"
        and head.tag_ == "VBG"
    ):
        # "warned Finland against joining NATO", "barred Iran from buying drones": it has not happened;
        # "refrained from supplying weapons": it was not done
        governor = head.head.head.lemma_.lower()
        if lex.has_role(governor, "_negator", "verb"):
            reading.negate(governor)
        else:
            reading.hedge(head.head.lower_)
    if (
        head.dep_ == "pcomp"
        and head.head.lower_ == "of"
        and head.head.head.pos_ == "VERB"
        and lex.has_role(head.head.head.lemma_.lower(), "_hedge", "verb")
    ):
        reading.hedge(head.head.head.lemma_.lower())  # "is suspected of harbouring X"
    if (
        head.dep_ == "acl"
        and head.head.dep_ == "dobj"
        and lex.has_role(head.head.head.lemma_.lower(), "_negator", "verb")
    ):
        reading.negate(head.head.head.lemma_.lower())  # "vetoed a resolution condemning X"
    if head.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ == "no" for c in head.head.children):
        reading.negate("no")  # "had no plans to meet Erdogan"
    if reading.would:
        # "said / agreed that X would ..." is a reported or agreed future, not a condition
        governor = head.head.lemma_.lower()
        reported = head.dep_ == "ccomp" and (
            lex.has_role(governor, "_speech", "verb") or resources.words.has("commitment", governor)
        )
        if not reported:
            reading.hedge("would", "conditional")
    # "neither A nor B supports X", "none of the co-chairs can ignore X": the negation sits on the subject
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in {"none", "nobody", "neither"}:
            reading.negate(child.lower_)
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(
            g.lower_ == "neither" for g in child.subtree if g.dep_ in {"preconj", "det", "cc"}
        ):
            reading.negate("neither")


def modality_of(trigger: Token, sentence: Span, resources: Resources) -> Modality:
    """Read negation and mood for a trigger token.

    Args:
        trigger: the spaCy token of the trigger (verb, noun or participle).
        sentence: the sentence Span.
        resources: the resources (the lexicon's negator, hedge and speech roles; commitment verbs).

    Returns:
        The modality.
    """
    aside = _aside(trigger, sentence)
    if aside is not None:
        return aside
    reading = _Reading()
    chain = _chain(trigger)
    _read_clause(reading, trigger, chain, resources.lexicon)
    _read_clause_head(reading, chain[-1][0], resources)
    first = sentence[0] if len(sentence) else None
    if first is not None and first.lower_ in _INVERTED and first.pos_ in {"AUX", "VERB"}:
        reading.hedge(
            first.lower_, "conditional"
        )  # "Were India to strike Pakistan, ..." (inverted condition)
    text = sentence.text.rstrip().rstrip("\"'”’»)").rstrip()
    if text.endswith("?"):
        reading.hedge("?", "question")
    return Modality(reading.negated, reading.mood, reading.cue)
