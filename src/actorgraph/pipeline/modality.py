"""Negation, hedging, conditionals and questions around a trigger word.

A relation read from "Turkey did not support Armenia" or "Russia may sanction Turkey" must not enter the
graph as a plain fact. This module walks from the trigger up its clause (through "refused to", "is expected
to", "is likely to", a light verb governing a noun) and reads the clause's markers: negation words and
negating verbs, modal auxiliaries, hedging adverbs and verbs, "if"/"unless" clauses and question marks.
The walk stops at clause boundaries (ccomp, advcl, relcl, parataxis), so "Armenia said Turkey did not ..." is
negated only inside the reported clause, and a speech verb's own negation does not leak into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CONDITIONAL_MARKS", "HEDGE_MODALS", "NEGATIONS", "Modality", "modality_of"]

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "none"})
HEDGE_MODALS = frozenset({"may", "might", "could", "should", "can"})
CONDITIONAL_MODALS = frozenset({"would"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
#: Verbs whose "that" clause states an agreed future ("agreed that X would ...").
_COMMIT_VERBS = frozenset({"agree", "decide", "resolve"})
#: First words of an inverted conditional clause ("Were X to strike Y, ...", "Had X known, ...").
_INVERTED = frozenset({"were", "had", "should"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "ROOT", "acl"})
_CLIMB_DEPS = frozenset(
    {"xcomp", "dobj", "pobj", "prep", "acomp", "attr", "compound", "amod", "nsubj", "nsubjpass"}
)

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


def _chain(trigger: Any) -> list[tuple[Any, str]]:
    """The trigger and the words above it in its clause, each with the dependency that led up to it."""
    out: list[tuple[Any, str]] = [(trigger, "self")]
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


def modality_of(trigger: Any, sentence: Any, lexicon: Any) -> Modality:
    """Read negation and mood for a trigger token.

    Args:
        trigger: the spaCy token of the trigger (verb, noun or participle).
        sentence: the sentence Span.
        lexicon: the :class:`~actorgraph.lexicon.Lexicon` (negator and hedge roles).

    Returns:
        The modality.
    """
    negated = False
    mood = "asserted"
    cue = ""

    def hedge(word: str, kind: str = "hedged") -> None:
        nonlocal mood, cue
        rank = {"asserted": 0, "hedged": 1, "conditional": 2, "question": 3}
        if rank[kind] > rank[mood]:
            mood, cue = kind, word

    if (
        trigger.pos_ in {"NOUN", "PROPN"}
        and trigger.dep_ == "pobj"
        and trigger.head.lower_ == "as"
        and trigger.head.i > sentence.start
        and trigger.doc[trigger.head.i - 1].text in {",", "—", "–", "("}
    ):
        # "X, as a member of Y, would ...": the aside states a standing fact whatever the clause's mood
        own_neg = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in trigger.children)
        return Modality(own_neg, "asserted", "no" if own_neg else "")
    chain = _chain(trigger)
    would = False
    for position, (tok, via) in enumerate(chain):
        own = position == 0 or via in {"xcomp", "dobj", "pobj", "prep", "acomp", "attr", "compound", "amod"}
        # an event noun as subject ("Turkey's support for X may backfire", "the strikes could have
        # triggered a war"): the event happened; only a condition or question on its clause changes that
        as_subject = position > 0 and via in {"nsubj", "nsubjpass"} and trigger.pos_ in {"NOUN", "PROPN"}
        if position > 0 and via in {"nsubj", "nsubjpass"}:
            # a nominal trigger as subject ("Turkey's support for X was not enough"): only its own words count
            own = False
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" and own:
                negated, cue = True, low
            elif child.dep_ in {"aux", "auxpass"} and as_subject:
                continue
            elif child.dep_ in {"aux", "auxpass"}:
                if low in HEDGE_MODALS or child.lemma_ in HEDGE_MODALS:
                    hedge(low)
                elif low in CONDITIONAL_MODALS:
                    would = True
            elif child.dep_ == "advmod" and (low == "never" or low == "no") and own:
                negated, cue = True, low
            elif child.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in child.children):
                negated, cue = True, "no longer"  # "is no longer a member of
            elif (
                child.dep_ in {"advmod", "npadvmod"}
                and not as_subject
                and lexicon.has_role(child.lemma_.lower(), "_hedge", "adv")
            ):
                hedge(low)
            elif (child.dep_ == "det" and low == "no" and own and tok.pos_ in {"NOUN", "PROPN"}) or (
                child.dep_ == "preconj" and low == "neither"
            ):
                negated, cue = True, low
            elif child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS for g in child.children
            ):
                hedge("if", "conditional")
            elif child.dep_ == "mark" and low in CONDITIONAL_MARKS:
                hedge(low, "conditional")
            elif child.dep_ == "mark" and low in {"until", "till"} and tok.tag_ in {"VBZ", "VBP"}:
                hedge(low, "conditional")  # "won't stop until X intervenes": a future that may not come
        if position > 0 and via == "xcomp":
            lemma = tok.lemma_.lower()
            if lexicon.has_role(lemma, "_negator", "verb"):
                negated, cue = True, lemma
            elif lexicon.has_role(lemma, "_hedge", "verb") or lexicon.has_role(lemma, "_hedge", "adj"):
                hedge(lemma)
            elif lemma == "say" and any(c.dep_ == "auxpass" for c in tok.children):
                hedge("is said to")
        if position > 0 and via == "pobj" and tok.lower_ == "without":
            negated, cue = True, "without"
        if position > 0 and via in {"prep", "pobj"} and tok.lower_ in {"lack", "absence"}:
            negated, cue = True, tok.lower_
        if tok.dep_ in _CLAUSE_DEPS:
            if tok.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS for g in tok.children
            ):
                hedge("if", "conditional")

            break
    head = chain[-1][0]
    if (
        head.dep_ == "ccomp"
        and head.head.i < head.i
        and lexicon.has_role(head.head.lemma_.lower(), "_negator", "verb")
    ):
        # only a denial that governs what follows ("denies that it sent"), not "X accuses Y, which Y denies"
        negated, cue = True, head.head.lemma_.lower()  # "The Kremlin denies that it has sent fighters"
    if head.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ == "no" for c in head.head.children):
        negated, cue = True, "no"  # "had no plans to meet Erdogan"
    if would:
        # "said that Turkey would stand by Azerbaijan" is a future in reported speech, not a condition
        governor = head.head.lemma_.lower()
        # "said / agreed that X would ..." is a reported or agreed future, not a condition
        reported = head.dep_ == "ccomp" and (
            lexicon.has_role(governor, "_speech", "verb") or governor in _COMMIT_VERBS
        )
        if not reported:
            hedge("would", "conditional")
    # "neither A nor B supports X": the negation sits on the subject
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in {"none", "nobody", "neither"}:
            negated, cue = True, child.lower_  # "none of the co-chairs can ignore X"
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(
            g.lower_ == "neither" for g in child.subtree if g.dep_ in {"preconj", "det", "cc"}
        ):
            negated, cue = True, "neither"
    first = sentence[0] if len(sentence) else None
    if first is not None and first.lower_ in _INVERTED and first.pos_ in {"AUX", "VERB"}:
        hedge(first.lower_, "conditional")  # "Were India to strike Pakistan, ..." (inverted condition)
    text = sentence.text.rstrip().rstrip("\"'”’»)").rstrip()
    if text.endswith("?"):
        hedge("?", "question")
    return Modality(negated, mood, cue)
