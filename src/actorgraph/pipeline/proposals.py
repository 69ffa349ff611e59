"""Proposals beyond the rules: candidates for the trained decision to accept or reject.

The rules are precise: they propose a relation only where the parse links two actors through a trigger. A
trained decision can do more with more: this module proposes, for each sentence, the pairs of actors the
sentence names once for each relation a trigger word of the sentence can signal (``cooc``), unless the rules
already gave the pair that relation (a pair the rules found talking may still be proposed as supporting,
from another word). A word the rules read as a trigger only joins pairs with one of the actors they found
for it ("the partnership between A and B" says nothing of C and D), and a word of a means phrase ("supports
X *by providing funds*") signals nothing. A document's frame adds its parties: in a transcript turn the
speaker and the leader addressed (``frame-talk``: "Good to see you again", "thank you for the new defense
package", and "Welcome, Mr. Prime Minister", which names nobody), and in a readout every two parties of the
call or meeting (``frame-meet``: "The Vice President discussed ...", "They expressed their support ..."), once
for each signalled relation, each way round when the relation has a direction, and as talking when a subject
stands for two or more of them ("Both leaders underscored ..."); in a joint statement every two signatories,
for the mutual relations signalled (``frame-joint``: "our expanding trilateral cooperation"), and as
cooperating when a subject stands for two or more of them ("Both countries intend to ..."). The signatories
one "we" names are never proposed to each other from its mentions. Without the
classifier these proposals are never used, so the rule-only path is unchanged; with it, the model decides
from their features which hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..discourse import MAX_TABLE, DiscourseFrame
from ..gazetteer import Gazetteer
from ..model import Actor, RelationType
from .mentions import Mention
from .rules.arguments import stance_target
from .rules.base import Candidate, SentenceContext, lemma, pos_class, trigger_entries, valid_pair
from .rules.speech import in_disputed_claim, opinion_frame

__all__ = ["MAX_ACTORS", "frame_pairs", "joint_signatories", "meeting_parties", "propose"]

#: Sentences naming more distinct actors than this get no proposals (lists of participants, not relations).
MAX_ACTORS = 6


def meeting_parties(frame: DiscourseFrame | None) -> tuple[Actor, ...]:
    """The parties of the call or meeting a readout reports (none outside one, or for one party).

    Each two of them are proposed for what a sentence signals, even a sentence that names nobody. A
    statement that names a meeting in its title is mostly about something else: on the dev split its meeting
    proposals were kept at a precision of 0.19, so a statement's parties are not proposed to each other.
    """
    if frame is None or frame.kind != "readout":
        return ()
    return frame.group()


def frame_pairs(frame: DiscourseFrame | None) -> bool:
    """Whether the frame alone gives a pair to propose: a meeting's parties, or a speaker and addressee.

    Then a sentence that names nobody may still relate them ("The leaders discussed ...", "Welcome, Mr.
    Prime Minister"), so it is read for proposals.
    """
    if frame is None:
        return False
    return bool(meeting_parties(frame)) or bool(frame.speaker and frame.second_person())


def joint_signatories(frame: DiscourseFrame | None) -> tuple[Actor, ...]:
    """The signatories of a joint statement, proposed to each other for mutual relations (two to five).

    More than :data:`MAX_TABLE` governments state their positions side by side: none of them is proposed.
    """
    if frame is None or frame.kind != "joint" or not 2 <= len(frame.author) <= MAX_TABLE:
        return ()
    return frame.author


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


#: A relation a sentence signals: its type, its trigger token, and the actors it may join (None: any).
Signal = tuple[RelationType, int, frozenset[str] | None]


def _signalled(ctx: SentenceContext, found: list[Candidate]) -> dict[str, Signal]:
    """The relations the sentence's trigger words can signal, each with its first trigger token.

    A word the rules read as a trigger may only join pairs with one of the actors the rules found for it:
    "Saudi Arabia, the UAE and Egypt cut ties with Qatar" when the rules saw only Saudi Arabia, but "the
    partnership between A and B" says nothing of C and D. A word no rule read is preferred.
    """
    args: dict[int, set[str]] = {}
    for c in found:
        args.setdefault(c.trigger.i, set()).update((c.subject.key, c.object.key))
    out: dict[str, Signal] = {}
    for tok in ctx.sent:
        if tok.i in ctx.means_tokens:
            continue  # "supports X by providing funds": how a relation the rules found is carried out
        entries = trigger_entries(ctx, tok, pos_class(tok))  # a phrase's head alone is no trigger
        if not entries or opinion_frame(ctx, tok) or _opinion_topic(ctx, tok):
            continue  # "agreed on the importance of (global cooperation)": a view, no relation to propose
        if in_disputed_claim(ctx, tok):
            continue  # "phony claims that Ukraine attacked Russia": asserts nothing, proposes nothing
        within = frozenset(args[tok.i]) if tok.i in args else None
        for entry in entries:
            rtype = ctx.lex.relation_type(entry)
            old = out.get(rtype.name)
            if old is None or (old[2] is not None and within is None):
                out[rtype.name] = (rtype, tok.i, within)
    return out


#: How an event noun's owner attaches to it: "Russia's / its aggression", "Russian aggression".
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})


def _owners(ctx: SentenceContext, tok: Token) -> set[str]:
    """Who a trigger noun names as the actor of its act ("its / Russian aggression"); empty for other words.

    A noun with an actor as its possessor or its modifier names that actor's act: only that actor is proposed
    as its subject (either party, for a symmetric relation).
    """
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return set()
    return {m.key for c in tok.children if c.dep_ in _OWNER_DEPS for m in ctx.index.at(c.i)}


def _joins(signal: Signal, a: Mention, b: Mention) -> bool:
    within = signal[2]
    return within is None or a.key in within or b.key in within


def _opinion_topic(ctx: SentenceContext, tok: Token) -> bool:
    """Whether a word is what a shared view is about: "the importance of *cooperation*"."""
    for anc in tok.ancestors:
        if ctx.word("opinion_topic", anc) and anc.dep_ == "pobj" and opinion_frame(ctx, anc.head.head):
            return True
    return False


@dataclass(frozen=True)
class _Said:
    """What the rules said of each pair, both ways round: its relations, and the words they read for it.

    A pair gets no proposal of a relation the rules gave it, nor any from a word they read for it ("a
    partnership" is cooperation or a standing partnership, not both).
    """

    relations: frozenset[tuple[str, str, str]]
    words: frozenset[tuple[str, str, int]]

    @classmethod
    def of(cls, found: list[Candidate]) -> _Said:
        pairs = [(c, s, o) for c in found for s, o in ((c.subject, c.object), (c.object, c.subject))]
        return cls(
            frozenset((s.key, o.key, c.relation.name) for c, s, o in pairs),
            frozenset((s.key, o.key, c.trigger.i) for c, s, o in pairs),
        )

    def __call__(self, a: Mention, b: Mention, rtype: RelationType, trigger: int) -> bool:
        return (a.key, b.key, rtype.name) in self.relations or (a.key, b.key, trigger) in self.words


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
        The proposals, each with the rule name ``cooc``, ``frame-meet``, ``frame-joint`` or ``frame-talk``.
    """
    out: list[Candidate] = []
    actors = _representatives(ctx)
    pairable = 2 <= len(actors) <= MAX_ACTORS
    meeting, signatories = meeting_parties(frame), joint_signatories(frame)
    speaker = frame.speaker if frame is not None else ()
    if not (pairable or meeting or signatories or speaker):
        return out  # nobody to pair: the sentence's trigger words need not be read
    said = _Said.of(found)
    signalled = _signalled(ctx, found)
    if pairable:
        for signal in signalled.values():
            rtype, trigger, _ = signal
            owners = _owners(ctx, ctx.doc[trigger])
            for a in actors:
                for b in actors:
                    if a.head == b.head:
                        continue  # the signatories one "we" names do not relate to each other by it
                    if said(a, b, rtype, trigger) or not _joins(signal, a, b) or not valid_pair(a, b, rtype):
                        continue
                    if _listed_together(ctx, a, b):
                        continue  # "I thank A of X, B of Y and C of Z": a list relates no member to another
                    if owners and a.key not in owners and not (rtype.symmetric and b.key in owners):
                        continue  # "costs on Russia for its aggression": only Russia is the aggressor
                    if rtype.symmetric and b.key < a.key:
                        continue
                    out.append(Candidate(a, b, rtype, ctx.doc[trigger], "cooc", factor=0.5))
    # "The Vice President discussed ...", "The discussions focused on ...": the call's two parties talk;
    # what else the sentence signals ("expressed his support") may hold between them too; "Both leaders
    # underscored ...": what the parties do together in a call is talking, whatever the verb
    met = _acting_together(ctx, meeting, signalled, "consultsWith", date)
    out.extend(_pairwise(ctx, meeting, met, said, "frame-meet", date))
    # "We applaud our expanding trilateral security cooperation": a joint statement's signatories, for the
    # mutual relations the sentence signals (whether they act together or side by side is the model's call);
    # "Both countries intend to develop new exchanges": what they undertake together may be cooperation
    mutual = {name: signal for name, signal in signalled.items() if signal[0].symmetric}
    mutual = _acting_together(ctx, signatories, mutual, "cooperatesWith", date)
    out.extend(_pairwise(ctx, signatories, mutual, said, "frame-joint", date))
    you = frame.second_person() if frame is not None else ()
    if speaker and you:
        talker = _frame_mention(ctx.sent, speaker[0], ctx.gaz, date)
        addressee = _frame_mention(ctx.sent, you[0], ctx.gaz, date)
        # talking to a leader is consulting, whatever the words; "thank you for the new defense package"
        # may also say who aids whom
        consults = ctx.resources.relation_types.get("consultsWith")
        wanted = dict(signalled)
        if consults is not None:
            wanted.setdefault("consultsWith", (consults, ctx.sent.root.i, None))
        out.extend(_between(ctx, talker, addressee, wanted, said, "frame-talk"))
    return out


def _acting_together(
    ctx: SentenceContext,
    parties: tuple[Actor, ...],
    signalled: dict[str, Signal],
    relation: str,
    date: str | None,
) -> dict[str, Signal]:
    """``signalled``, plus ``relation`` when a subject of the sentence stands for two or more of the parties.

    "Both leaders underscored ...", "The two countries will convene ...", a joint statement's "we".
    """
    rtype = ctx.resources.relation_types.get(relation)
    if rtype is None or relation in signalled or len(parties) < 2:
        return signalled
    keys = {_frame_mention(ctx.sent, actor, ctx.gaz, date).key for actor in parties}
    for tok in ctx.sent:
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            named = {m.key for t in (tok, *tok.conjuncts) for m in ctx.index.at(t.i)}
            if len(named & keys) >= 2:
                return {**signalled, relation: (rtype, tok.head.i, None)}
    return signalled


def _pairwise(
    ctx: SentenceContext,
    actors: tuple[Actor, ...],
    signalled: dict[str, Signal],
    said: _Said,
    rule: str,
    date: str | None,
) -> list[Candidate]:
    """Every two of the frame's actors, related once per signalled relation (see :func:`_between`)."""
    parties = [_frame_mention(ctx.sent, actor, ctx.gaz, date) for actor in actors]
    return [
        c
        for i, a in enumerate(parties)
        for b in parties[i + 1 :]
        for c in _between(ctx, a, b, signalled, said, rule)
    ]


def _between(
    ctx: SentenceContext,
    a: Mention,
    b: Mention,
    signalled: dict[str, Signal],
    said: _Said,
    rule: str,
) -> list[Candidate]:
    """Two parties of the document's frame, related once per signalled relation (each way if directed)."""
    out: list[Candidate] = []
    for signal in signalled.values():
        rtype, trigger, _ = signal
        if not _joins(signal, a, b):
            continue
        for s, o in ((a, b),) if rtype.symmetric else ((a, b), (b, a)):
            if not said(s, o, rtype, trigger) and valid_pair(s, o, rtype):
                out.append(Candidate(s, o, rtype, ctx.doc[trigger], rule, factor=0.5))
    return out
