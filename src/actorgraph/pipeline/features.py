"""The features a trained decision sees for one candidate: what the rules know, as strings.

A candidate is the rules' proposal of one relation between two mentions of one sentence. Its features say
which rule proposed it and through which word, how the two mentions hang together in the parse, what kind
of mention each one is (a name, a pronoun resolved in the paragraph, a participant of the document's meeting,
the leader addressed...), the modality, and where in the document it stands (a transcript turn, a joint
statement). They are plain strings, hashed by the model, so a new rule or a new word class needs no change
to the model's shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Span, Token

from ..discourse import DiscourseFrame
from .decision import Draft
from .rules.base import lemma

__all__ = ["SentenceFeatures", "draft_features"]

_QUOTES = frozenset({'"', "“", "”", "«", "»"})


def _bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 13, 21)) -> str:
    """A coarse size class for a count ("≤3", "≤5", ">21").

    Examples:
        >>> _bucket(4), _bucket(40)
        ('<=5', '>21')
    """
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _window(tok: Token, sent: Span, name: str) -> list[str]:
    """The lemmas just before and after a word, inside its sentence."""
    out = []
    for offset in (-2, -1, 1, 2):
        i = tok.i + offset
        if sent.start <= i < sent.end:
            out.append(f"{name}{offset:+d}={lemma(sent.doc[i])}")
    return out


@dataclass(frozen=True)
class SentenceFeatures:
    """What every draft of one sentence shares, read from the sentence once (not once per draft)."""

    sent: Span
    actors: int
    quote: bool
    question: bool

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The sentence's content lemmas, sorted: what a proposal the parse did not link is about.

        Read on first use: a sentence with rule drafts only never needs them.
        """
        lemmas = {lemma(t) for t in self.sent if t.pos_ in {"NOUN", "VERB", "ADJ", "ADV"} and t.is_alpha}
        return tuple(sorted(lemmas))

    @classmethod
    def of(cls, sent: Span, actors_in_sentence: int) -> SentenceFeatures:
        """Read a sentence once.

        Args:
            sent: the sentence.
            actors_in_sentence: how many distinct actors it mentions.
        """
        return cls(
            sent, actors_in_sentence, any(t.text in _QUOTES for t in sent), sent.text.rstrip().endswith("?")
        )


def draft_features(draft: Draft, sentence: SentenceFeatures, frame: DiscourseFrame | None) -> list[str]:
    """The feature strings of one draft (a candidate made an assertion) in its sentence.

    Args:
        draft: the draft, with its rule candidate.
        sentence: the sentence it comes from, read once (:meth:`SentenceFeatures.of`).
        frame: the document's discourse frame (None outside documents).

    Returns:
        Feature strings, such as ``rel=supports`` or ``path=^nsubj/vdobj``.
    """
    sent = sentence.sent
    cand = draft.candidate
    feats = cand.features()
    doc = sent.doc
    subj, obj = cand.subject, cand.object
    rel = feats.relation
    family = feats.rule.split("-")[0]
    out = [
        f"rel={rel}",
        f"rule={feats.rule}",
        f"fam={family}",
        f"fam={family}|rel={rel}",
        f"trig={feats.trigger_lemma}",
        f"trig={feats.trigger_lemma}|rel={rel}",
        f"tpos={feats.trigger_pos}|rel={rel}",
        f"plen={_bucket(len(feats.path))}",
        f"dist={_bucket(feats.distance)}",
        f"neg={feats.negated}",
        f"mood={feats.mood}",
        f"mood={feats.mood}|rel={rel}",
        f"kinds={subj.kind}/{obj.kind}",
        f"kinds={subj.kind}/{obj.kind}|rel={rel}",
        f"types={subj.actor.type}/{obj.actor.type}",
        f"types={subj.actor.type}/{obj.actor.type}|rel={rel}",
        f"sdep={doc[subj.head].dep_}",
        f"odep={doc[obj.head].dep_}",
        f"conf={_bucket(round(min(subj.confidence, obj.confidence) * 10))}",
        f"nment={_bucket(sentence.actors)}",
        f"quote={sentence.quote}",
        f"question={sentence.question}",
        f"means={cand.means is not None}",
        f"reported={cand.reporter is not None}",
    ]
    origin = "rule" if family not in {"cooc", "frame"} else family
    out.append(f"origin={origin}")
    out.append(f"origin={origin}|rel={rel}")
    if origin != "rule":
        # what the sentence is about, for proposals the parse did not link: its content words
        out.extend(f"lem={w}|rel={rel}" for w in sentence.words)
        s_tok, o_tok = doc[subj.head], doc[obj.head]
        out.append(f"order={'so' if s_tok.i < o_tok.i else 'os'}|rel={rel}")
        out.append(f"heads={s_tok.head.dep_}:{s_tok.dep_}/{o_tok.head.dep_}:{o_tok.dep_}|rel={rel}")
    if len(feats.path) <= 6:
        out.append(f"path={'/'.join(feats.path)}")
        out.append(f"path={'/'.join(feats.path)}|rel={rel}")
    out.extend(_window(cand.trigger, sent, "tw"))
    lo, hi = sorted((subj.head, obj.head))
    out.extend(f"btw={lemma(doc[i])}" for i in range(lo + 1, min(hi, lo + 8)) if doc[i].is_alpha)
    if frame is not None:
        kind = frame.kind or "prose"
        out.append(f"doc={kind}")
        out.append(f"doc={kind}|rel={rel}")
        out.append(f"turn={bool(frame.speaker)}")
        out.append(f"doc={kind}|kinds={subj.kind}/{obj.kind}")
        out.append(f"parties={_bucket(len(frame.group()))}|rel={rel}")
    return out
