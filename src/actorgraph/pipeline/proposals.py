"""Proposals beyond the rules: candidates for the trained decision to accept or reject.

The rules are precise: they propose a relation only where the parse links two actors through a trigger. A
trained decision can do more with more: this module proposes, for each sentence, the pairs of actors the
rules left unlinked, once for each relation a trigger word of the sentence can signal (``cooc``), and, in a
two-party transcript turn, the speaker and the leader addressed as consulting each other (``frame-talk``:
"Good to see you again", "Welcome to the White House"), and in a readout of a two-party call or meeting, its
two parties as consulting each other wherever a sentence speaks of talks (``frame-meet``: "The Vice President
discussed ...", "The discussions focused on ..."). Without the classifier these proposals are never
used, so the rule-only path is unchanged; with it, the model decides from their features which hold.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..discourse import DiscourseFrame
from ..gazetteer import Gazetteer
from ..model import Actor, RelationType
from .mentions import Mention
from .rules.arguments import stance_target
from .rules.base import Candidate, SentenceContext, lemma, pos_class, valid_pair
from .rules.speech import opinion_frame

__all__ = ["MAX_ACTORS", "propose"]

#: Sentences naming more distinct actors than this get no proposals (lists of participants, not relations).
MAX_ACTORS = 6


def _representatives(ctx: SentenceContext) -> list[Mention]:
    """One mention per actor key in the sentence: the first that acts, else the first at all."""
    by_key: dict[str, Mention] = {}
    for m in ctx.index.in_range(ctx.sent.start, ctx.sent.end):
        if stance_target(ctx, m) or _of_a_people(ctx, m) or _backer(ctx, m) or _venue(ctx, m):
            continue  # "pro-Pakistani groups" are not Pakistan, "the people of Iran" not Iran
        old = by_key.get(m.key)
        if old is None or (old.is_modifier and not m.is_modifier):
            by_key[m.key] = m
    return sorted(by_key.values(), key=lambda m: m.start)


def _venue(ctx: SentenceContext, m: Mention) -> bool:
    """Whether a capital is only where something happened ("met in Astana"), not an actor."""
    head = ctx.doc[m.head]
    return m.kind == "capital" and head.dep_ == "pobj" and ctx.word("locative_prep", head.head)


def _backer(ctx: SentenceContext, m: Mention) -> bool:
    """Whether a mention only says who backs a group ("*Iranian*-backed militias"): the group acts, not it."""
    doc = ctx.doc
    if m.end + 1 >= ctx.sent.end or doc[m.end].text not in {"-", "–"}:
        return False
    participle = doc[m.end + 1]
    return any(e.pos == "participle" for e in ctx.lex.relations(lemma(participle), "participle"))


def _of_a_people(ctx: SentenceContext, m: Mention) -> bool:
    """Whether a mention only says whose people, civilians or protesters a noun names ("Afghan civilians")."""
    head = ctx.doc[m.head]
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        head = head.head
    return head.dep_ in {"amod", "compound", "poss", "prep", "nmod"} and ctx.word("populace", head.head)


def _listed_together(ctx: SentenceContext, a: Mention, b: Mention) -> bool:
    """Whether two mentions are items of one list ("A, B and C") that is not a clause's subject.

    An item is the mention's word, or the phrase it ends ("President X *of Kenya*", "Kenya's envoy"); a list
    is items joined by "and", commas or appositions.
    """

    def item(m: Mention) -> Token:
        tok = ctx.doc[m.head]
        while tok.head is not tok:
            if tok.dep_ in {"poss", "compound", "amod", "nmod"}:
                tok = tok.head  # "Kenya's envoy", "Kenyan envoy"
            elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in {"NOUN", "PROPN"}:
                tok = tok.head.head  # "President Ruto of Kenya"
            else:
                break
        return tok

    def list_head(tok: Token) -> Token:
        while tok.dep_ in {"conj", "appos"} and tok.head is not tok:
            tok = tok.head
        return tok

    ta, tb = item(a), item(b)
    head = list_head(ta)
    # a list as the subject ("Japan and the United States share ...") may act together; addressees,
    # guests and objects ("I thank A, B and C", "attended by A, B and C") do not relate to each other
    return ta.i != tb.i and head.i == list_head(tb).i and head.dep_ not in {"nsubj", "nsubjpass"}


def _signalled(ctx: SentenceContext) -> dict[str, tuple[RelationType, int]]:
    """The relations the sentence's trigger words can signal, each with its first trigger token."""
    out: dict[str, tuple[RelationType, int]] = {}
    for tok in ctx.sent:
        if opinion_frame(ctx, tok) or _opinion_topic(ctx, tok):
            continue  # "agreed on the importance of (global cooperation)": a view, no relation to propose
        for entry in ctx.lex.relations(lemma(tok), pos_class(tok)):
            rtype = ctx.lex.relation_type(entry)
            out.setdefault(rtype.name, (rtype, tok.i))
    return out


def _opinion_topic(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a word is what a shared view is about: "the importance of *cooperation*"."""
    for anc in tok.ancestors:
        if ctx.word("opinion_topic", anc) and anc.dep_ == "pobj" and opinion_frame(ctx, anc.head.head):
            return True
    return False


def _covered(found: list[Candidate]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for c in found:
        pairs.add((c.subject.key, c.object.key))
        pairs.add((c.object.key, c.subject.key))
    return pairs


def _frame_mention(sent: Span, actor: Actor, gaz: Gazetteer, date: str | None) -> Mention:
    root = sent.root.i
    return Mention(root, root + 1, root, actor, "frame", gaz.state_code(actor, date), False, 0.6)


def propose(
    ctx: SentenceContext, found: list[Candidate], frame: DiscourseFrame | None, date: str | None
) -> list[Candidate]:
    """Candidates the rules did not propose, for a trained decision (see the module docstring).

    Args:
        ctx: the sentence, after the rules ran.
        found: the rules' candidates of the sentence.
        frame: the document's discourse frame (None outside documents).
        date: the block's date (the state an office holder acts for).

    Returns:
        The proposals, each with the rule name ``cooc``, ``frame-meet`` or ``frame-talk``.
    """
    out: list[Candidate] = []
    covered = _covered(found)
    actors = _representatives(ctx)
    signalled = _signalled(ctx)
    if 2 <= len(actors) <= MAX_ACTORS:
        for rtype, trigger in signalled.values():
            for a in actors:
                for b in actors:
                    if a is b or (a.key, b.key) in covered or not valid_pair(a, b, rtype):
                        continue
                    if _listed_together(ctx, a, b):
                        continue  # "I thank A of X, B of Y and C of Z": a list relates no member to another
                    if rtype.symmetric and b.key < a.key:
                        continue
                    out.append(Candidate(a, b, rtype, ctx.doc[trigger], "cooc", factor=0.5))
    talk = signalled.get("consultsWith")
    if frame is not None and talk is not None and frame.kind in {"readout", "statement"}:
        # "The Vice President discussed ...", "The discussions focused on ...": the call's two parties talk
        pair = frame.group()
        if len(pair) == 2:
            a, b = (_frame_mention(ctx.sent, actor, ctx.gaz, date) for actor in pair)
            if (a.key, b.key) not in covered and valid_pair(a, b, talk[0]):
                out.append(Candidate(a, b, talk[0], ctx.doc[talk[1]], "frame-meet", factor=0.5))
    if frame is not None and frame.turn is not None and frame.turn.speaker:
        you = frame.second_person()
        if you:
            speaker = _frame_mention(ctx.sent, frame.turn.speaker[0], ctx.gaz, date)
            addressee = _frame_mention(ctx.sent, you[0], ctx.gaz, date)
            consults = ctx.resources.relation_types.get("consultsWith")
            if (
                consults is not None
                and (speaker.key, addressee.key) not in covered
                and valid_pair(speaker, addressee, consults)
            ):
                out.append(Candidate(speaker, addressee, consults, ctx.sent.root, "frame-talk", factor=0.5))
    return out
