"""The decision step: the rules' candidates of one sentence become assertions.

Rules propose :class:`~actorgraph.pipeline.rules.base.Candidate` objects; a decision turns them into
:class:`~actorgraph.model.Assertion` objects with evidence, date and confidence. :class:`RuleDecision` keeps
every candidate, scores it by its rule, mood and mentions, and keeps the most confident of candidates that say
the same thing. A trained relation classifier would be another decision: it receives the same candidates (with
:meth:`~actorgraph.pipeline.rules.base.Candidate.features`) and may drop or re-score them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from spacy.tokens import Span

from ..dates import event_date
from ..gazetteer import Gazetteer
from ..model import Actor, Assertion
from .mentions import Mention
from .modality import Modality
from .rules.base import Candidate, unique

__all__ = [
    "DECISIONS",
    "BlockContext",
    "Decision",
    "Draft",
    "RuleDecision",
    "drafts",
    "event_parties",
    "merge",
]

#: Base confidence per rule family (the part of the rule name before "-").
_BASE = {
    "svo": 0.9,
    "passive": 0.88,
    "nominal": 0.85,
    "between": 0.85,
    "role": 0.85,
    "linear": 0.7,
    "prefix": 0.7,
}


@dataclass(frozen=True)
class BlockContext:
    """Where a block comes from: document name, offset in the document, date and original text.

    Read from ``doc.user_data["actorgraph"]``; without it, offsets are relative to the Doc and the date is
    unknown.
    """

    doc: str = ""
    offset: int = 0
    date: str | None = None
    original: str | None = None

    @classmethod
    def from_user_data(cls, data: Mapping[str, Any] | None) -> BlockContext:
        """The context stored by :func:`actorgraph.pipeline.block_doc` (empty when absent)."""
        data = data or {}
        original = data.get("original")
        return cls(
            doc=str(data.get("doc", "")),
            offset=int(data.get("offset", 0)),
            date=data.get("date"),
            original=original if isinstance(original, str) else None,
        )


class Decision(Protocol):
    """Turns one sentence's candidates into assertions."""

    def __call__(
        self, candidates: list[Candidate], sent: Span, block: BlockContext, gazetteer: Gazetteer
    ) -> list[Assertion]:
        """The assertions of one sentence's candidates."""
        ...


def _full_date(date: str) -> str:
    """A comparable day for a month or year ("2004" -> "2004-07-01") when judging offices."""
    if len(date) == 4:
        return f"{date}-07-01"
    if len(date) == 7:
        return f"{date}-15"
    return date


def _restate(assertion: Assertion, gaz: Gazetteer, date: str) -> Assertion:
    """Re-judge the states of people on the event date, keeping the block date's answer when it has none."""
    day = _full_date(date)

    def state(actor: Actor, current: str | None) -> str | None:
        code = gaz.state_code(actor, day) if actor.type == "Person" else None
        return code or current

    return replace(
        assertion,
        subject_state=state(assertion.subject, assertion.subject_state),
        object_state=state(assertion.object, assertion.object_state),
    )


def _assertion(cand: Candidate, sent: Span, block: BlockContext, date: str | None) -> Assertion:
    """The assertion of one candidate, with the sentence as evidence and its confidence."""
    mod = cand.modality or Modality()
    conf = _BASE.get(cand.rule.split("-")[0], 0.8) * cand.factor * mod.factor
    conf *= min(cand.subject.confidence, cand.object.confidence, 1.0)
    start, end = sent.start_char, sent.end_char
    original = block.original
    text = original[start:end] if original is not None and len(original) >= end else sent.text
    return Assertion(
        doc=block.doc,
        start=block.offset + start,
        end=block.offset + end,
        sentence=text,
        subject=cand.subject.actor,
        relation=cand.relation,
        object=cand.object.actor,
        negated=mod.negated,
        hedged=mod.mood != "asserted",
        mood=mod.mood,
        date=date,
        confidence=round(max(0.05, min(conf, 0.99)), 3),
        means=cand.means,
        subject_state=cand.subject.state,
        object_state=cand.object.state,
        reported_by=cand.reporter.actor if cand.reporter else None,
        trigger=cand.trigger.text,
        rule=cand.rule,
    )


@dataclass(frozen=True)
class Draft:
    """One candidate made an assertion, before candidates saying the same thing are merged.

    Attributes:
        assertion: the assertion the candidate would give.
        key: what it says (subject key, relation, object key, negation, mood); symmetric relations sorted.
        candidate: the rule's candidate (its features feed a trained decision).
    """

    assertion: Assertion
    key: tuple[str, str, str, bool, str]
    candidate: Candidate


def drafts(candidates: list[Candidate], sent: Span, block: BlockContext, gazetteer: Gazetteer) -> list[Draft]:
    """Every candidate of one sentence as an assertion, with offices judged on the event date."""
    if not candidates:
        return []
    date = event_date(sent.text, block.date)
    out: list[Draft] = []
    for cand in candidates:
        assertion = _assertion(cand, sent, block, date)
        mod = cand.modality or Modality()
        s_key, o_key = cand.subject.key, cand.object.key
        if date and date != block.date:
            # an office is judged on the event's date ("had represented Baku since 2004")
            assertion = _restate(assertion, gazetteer, date)
            s_key = assertion.subject_state or cand.subject.actor.id
            o_key = assertion.object_state or cand.object.actor.id
            if s_key == o_key:
                continue
        if cand.relation.symmetric and o_key < s_key:
            s_key, o_key = o_key, s_key
        out.append(Draft(assertion, (s_key, cand.relation.name, o_key, mod.negated, mod.mood), cand))
    return out


class _Said(Protocol):
    """Anything with what it says (``key``) and its assertion: a :class:`Draft`, or a scored draft."""

    @property
    def key(self) -> tuple[str, str, str, bool, str]: ...

    @property
    def assertion(self) -> Assertion: ...


def merge(kept: Sequence[_Said]) -> list[Assertion]:
    """Of the drafts saying the same thing, the most confident (first one on ties), in first-seen order."""
    best: dict[tuple[str, str, str, bool, str], Assertion] = {}
    for draft in kept:
        old = best.get(draft.key)
        if old is None or draft.assertion.confidence > old.confidence:
            best[draft.key] = draft.assertion
    return list(best.values())


class RuleDecision:
    """Keep every candidate; of those saying the same (keys, relation, negation, mood), the most confident."""

    def __call__(
        self, candidates: list[Candidate], sent: Span, block: BlockContext, gazetteer: Gazetteer
    ) -> list[Assertion]:
        """The sentence's assertions (see the class docstring)."""
        return merge(drafts(candidates, sent, block, gazetteer))


#: Decisions by the name the component's ``decision`` setting uses.
DECISIONS: dict[str, Callable[[], Decision]] = {"rules": RuleDecision}


def event_parties(candidates: list[Candidate]) -> list[Mention]:
    """The two sides of a sentence's last two-sided event (clashes, talks, a truce; a mediation's parties).

    A later "both sides", "the warring parties" or a mediation without named parties ("Lavrov hosted the
    negotiations", "the Russian-brokered ceasefire") refers to them. Events are the relations hinted
    ``twoSided`` (symmetric) or ``mediation`` in the ontology.
    """
    for cand in reversed(candidates):
        if cand.modality is not None and cand.modality.mood in {"conditional", "question"}:
            continue
        if "mediation" in cand.relation.hints:
            same = [
                c.object
                for c in candidates
                if "mediation" in c.relation.hints and c.trigger.i == cand.trigger.i
            ]
            if len({m.key for m in same}) >= 2:
                return unique(same)
        elif cand.relation.symmetric and "twoSided" in cand.relation.hints:
            return [cand.subject, cand.object]
    return []
