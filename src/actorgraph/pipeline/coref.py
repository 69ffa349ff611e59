"""Light coreference inside one paragraph: pronouns and "the two countries" point back to actors.

Analysis prose names an actor once and then says "it", "its", "they", "the latter" or "the two sides". The
rules resolve each such phrase to the nearest compatible earlier mention of the same block (a paragraph) by
type (people for he/she, states and organisations for it, groups or conjoined pairs for they/the two
countries) and prefer subjects, which is what a reader does in most news sentences. First-person pronouns
inside a quote
or in a sentence with a speech verb resolve to the speaker ("'We will defend our partners,' the Chinese
spokesperson said"). Anything unresolved stays unresolved: the rules then produce no assertion from it, which
is better than guessing an actor.
"""

from __future__ import annotations

from typing import Any

from .mentions import LOCATIVE_PREPS, Mention, MentionIndex

__all__ = ["GROUP_NOUNS", "ORG_NOUNS", "resolve_coreference"]

_SINGULAR = frozenset({"it", "its", "itself"})
_PERSONAL = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_PLURAL = frozenset({"they", "them", "their", "themselves"})
_FIRST = frozenset({"we", "our", "us", "ours", "ourselves"})
_FIRST_SINGULAR = frozenset({"i", "my", "me"})
#: Nouns of "the two countries", "both sides", "the two nations" (a pair of earlier actors).
GROUP_NOUNS = frozenset(
    {
        "countries",
        "sides",
        "nations",
        "states",
        "parties",
        "governments",
        "capitals",
        "leaders",
        "presidents",
        "ministers",
        "powers",
        "neighbors",
        "neighbours",
        "allies",
        "sponsors",
        "participants",
        "guarantors",
        "mediators",
        "co-chairs",
        "belligerents",
        "rivals",
        "foes",
        "adversaries",
        "partners",
    }
)
#: Singular nouns that, after "the", point back to the nearest organisation or group ("the alliance").
ORG_NOUNS = frozenset(
    {"alliance", "bloc", "organisation", "organization", "group", "union", "coalition", "movement", "militia"}
)
_STATE_GROUP = frozenset({"countries", "nations", "states", "neighbors", "neighbours", "powers", "capitals"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_NONSTATE_OK = frozenset({"State", "InternationalOrganization", "StateBody", "NonStateGroup"})


_STATE_NOUNS_SG = frozenset({"kingdom", "country", "republic", "emirate", "island", "nation"})
#: Nouns for a state's ruling power that, definite and without an owner, point to the state in focus.
_GOV_NOUNS = frozenset({"junta", "regime", "military", "generals", "authorities"})
_NUMERALS = {"three": 3, "four": 4, "five": 5}


def _definite(doc: Any, tok: Any) -> bool:
    """Whether a noun is definite ("the (regional) bloc", "these countries"), so that it points back."""
    j = tok.i - 1
    while j >= tok.sent.start and doc[j].pos_ in {"ADJ", "NUM"} and tok.i - j <= 3:
        j -= 1
    return j >= tok.sent.start and doc[j].lower_ in {"the", "these", "those", "both", "all"}


def _owned(tok: Any) -> bool:
    """Whether a noun has an owner or modifier of its own ("Mali's junta", "the Syrian regime")."""
    return any(c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < tok.i for c in tok.children)


def _has_of(tok: Any) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _quoted(doc: Any, tok: Any) -> bool:
    """Whether a noun opens a quoted slogan or name ('recalled the "two states, one nation" motto')."""
    return any(
        t.text in {"“", "‘", "«"} or t.tag_ == "``" for t in doc[max(tok.sent.start, tok.i - 3) : tok.i]
    )


def _is_subject(doc: Any, mention: Mention) -> bool:
    return bool(doc[mention.head].dep_ in _SUBJ)


def _candidates(index: MentionIndex, before: int, lo: int) -> list[Mention]:
    """Mentions that may be antecedents: earlier in the block, acting (not mere modifiers of other nouns)."""
    return [m for m in index.mentions if lo <= m.start and m.end <= before and m.kind != "demonym"]


def _rank(doc: Any, pronoun: Any, mention: Mention) -> tuple[int, int, int]:
    same = doc[mention.start].sent.start == pronoun.sent.start
    sent_distance = 0 if same else max(1, pronoun.sent.start - doc[mention.start].sent.start)
    # sentences back, then subjects first, then nearest
    return (
        0 if same else 1 + min(sent_distance, 50),
        0 if _is_subject(doc, mention) else 1,
        pronoun.i - mention.end,
    )


def _coargument(doc: Any, pronoun: Any, mention: Mention, lexicon: Any = None) -> bool:
    """A pronoun cannot corefer with another argument of its own verb ("Turkey backs it").

    A possessive inside the object of a relation verb does not refer to that verb's subject either
    ("Azerbaijan attacked its positions" speaks of someone else's positions).
    """
    if pronoun.dep_ == "poss":
        np = pronoun.head
        verb = np.head if np.dep_ == "dobj" else (np.head.head if np.dep_ == "pobj" else None)
        if verb is None or lexicon is None or verb.pos_ != "VERB":
            return False
        if not any(not e.is_helper for e in lexicon.lookup(str(verb.lemma_).lower(), "verb")):
            return False
        return any(c.dep_ in _SUBJ and mention.start <= c.i < mention.end for c in verb.children)
    return bool(doc[mention.head].head.i == pronoun.head.i)


def _speaker(sentence: Any, index: MentionIndex, lexicon: Any, resolved: bool = False) -> list[Mention]:
    """The actor(s) speaking in a sentence: the subject of its speech verb.

    With ``resolved``, a pronoun already resolved counts too ("..., he said."), so that a following quote
    sentence without a speech verb of its own can take this speaker.
    """
    for tok in sentence:
        if tok.pos_ in {"VERB", "AUX"} and lexicon.has_role(tok.lemma_.lower(), "_speech", "verb"):
            for child in tok.children:
                if child.dep_ in _SUBJ:
                    found = [m for m in index.at(child.i) if resolved or m.kind != "pronoun"]
                    found = [m for m in found if m.actor.type != "Person" or m.state or m.kind != "pronoun"]
                    if found:
                        return found
    return []


def resolve_coreference(doc: Any, index: MentionIndex, lexicon: Any) -> None:
    """Add a resolved mention for each pronoun or "the two countries" phrase of the block.

    Args:
        doc: the parsed block.
        index: its mentions; resolved pronouns are added to it.
        lexicon: the relation lexicon (speech verbs for first-person pronouns).
    """
    last_speaker: list[Mention] = []
    for sent in doc.sents:
        speaker: list[Mention] | None = None
        for tok in sent:
            low = tok.lower_
            found: list[Mention] = []
            plural = False
            if index.at(tok.i):
                continue
            if low in _FIRST and tok.pos_ == "PRON":
                if speaker is None:
                    speaker = _speaker(sent, index, lexicon) or last_speaker
                found = speaker
                plural = True
            elif low in _SINGULAR and tok.pos_ == "PRON":
                cands = [
                    m
                    for m in _candidates(index, tok.i, doc[:].start)
                    if m.actor.type in _NONSTATE_OK and not m.plural and not _coargument(doc, tok, m, lexicon)
                ]
                cands = [m for m in cands if m.kind not in {"capital"} or doc[m.head].dep_ in _SUBJ]
                if cands:
                    found = [min(cands, key=lambda m: _rank(doc, tok, m))]
            elif low in _PERSONAL and tok.pos_ == "PRON":
                # "He urged him": an object pronoun is not the person its verb's subject pronoun names
                taken = {
                    m.actor.id
                    for c in tok.head.children
                    if c.dep_ in _SUBJ and c.i < tok.i and c.i != tok.i
                    for m in index.at(c.i)
                }
                cands = [
                    m
                    for m in _candidates(index, tok.i, 0)
                    if not _coargument(doc, tok, m, lexicon)
                    and (tok.dep_ in _SUBJ or m.actor.id not in taken)
                ]
                people = [m for m in cands if m.actor.type == "Person"]
                if people:
                    found = [min(people, key=lambda m: _rank(doc, tok, m))]
                elif cands and tok.sent.start != 0:
                    # translated analysis prose often calls a state "he"; take the previous sentence's subject
                    prev = [m for m in cands if _is_subject(doc, m) and m.actor.type == "State"]
                    if prev:
                        found = [min(prev, key=lambda m: _rank(doc, tok, m))]
            elif low in _PLURAL and tok.pos_ == "PRON":
                found = _plural_antecedent(doc, index, tok)
                plural = True
            elif low in {"latter", "former"} and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
                # a conjoined pair ("Germany and France") first, else the last two distinct actors
                pair = _plural_antecedent(doc, index, tok)
                if len({m.key for m in pair}) == 2:
                    ordered = sorted(pair, key=lambda m: m.start)
                    found = [ordered[-1] if low == "latter" else ordered[0]]
                else:
                    distinct = _distinct_recent(index, tok.i, 2)
                    if len(distinct) == 2:
                        found = [distinct[0] if low == "latter" else distinct[1]]
            elif low in _STATE_NOUNS_SG and _definite(doc, tok) and tok.tag_ == "NN" and not _has_of(tok):
                states = [m for m in _candidates(index, tok.i, 0) if m.actor.type == "State"]
                if states:
                    found = [min(states, key=lambda m: _rank(doc, tok, m))]
            elif low in ORG_NOUNS and _definite(doc, tok) and tok.tag_ == "NN":
                orgs = [
                    m
                    for m in _candidates(index, tok.i, 0)
                    if m.actor.type in {"InternationalOrganization", "NonStateGroup"}
                    and not any(c.dep_ == "prep" for c in tok.children if c.lower_ == "of")
                ]
                if orgs:
                    found = [max(orgs, key=lambda m: m.start)]
            elif low in GROUP_NOUNS and tok.i > 0 and tok.tag_ in {"NNS", "NNPS"}:
                before = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 3) : tok.i]]
                pointing = _definite(doc, tok) or any(b in {"two", "both", "three"} for b in before)
                size = max((_NUMERALS.get(b, 0) for b in before), default=0)
                if before and pointing and not _has_of(tok) and not _quoted(doc, tok):
                    if size >= 3:
                        # "the three sponsors": a conjoined group of exactly that size, or nothing
                        group = _plural_antecedent(doc, index, tok)
                        found = group if len({m.key for m in group}) == size else []
                    else:
                        found = _pair_antecedent(doc, index, tok, states_only=low in _STATE_GROUP)
                    if any(_coargument(doc, tok, m) for m in found):
                        found = []  # "Should Russia coerce the parties": the parties are not Russia
                    plural = True
            elif low in _GOV_NOUNS and _definite(doc, tok) and not _has_of(tok) and not _owned(tok):
                # "the junta", "the regime", "the military": the government of the state in focus
                states = [
                    m
                    for m in _candidates(index, tok.i, 0)
                    if m.state
                    and m.kind != "demonym"
                    and m.actor.type != "NonStateGroup"
                    and not _locative(doc, m)
                ]
                if states:
                    found = [min(states, key=lambda m: _rank(doc, tok, m))]
            if found:
                for m in found:
                    index.add(
                        Mention(
                            tok.i,
                            tok.i + 1,
                            tok.i,
                            m.actor,
                            "pronoun",
                            m.state,
                            plural,
                            min(m.confidence, 0.8),
                        )
                    )
        said = _speaker(sent, index, lexicon, resolved=True)
        if said:
            last_speaker = said


def _distinct_recent(
    index: MentionIndex, before: int, n: int, states_only: bool = False, doc: Any = None
) -> list[Mention]:
    """The last ``n`` distinct actors before a token, nearest first (with ``doc``: acting ones only)."""
    out: list[Mention] = []
    for m in sorted(index.mentions, key=lambda m: -m.start):
        if m.end > before or (states_only and not m.state):
            continue
        if doc is not None and (m.kind == "demonym" or _locative(doc, m)):
            continue
        if all(o.key != m.key for o in out):
            out.append(m)
        if len(out) == n:
            break
    return out


def _locative(doc: Any, mention: Mention) -> bool:
    """Whether a mention is a place in a locative phrase ("in Syria", "in Syria and Libya")."""
    tok = doc[mention.head]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return bool(tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS)


def _plural_antecedent(doc: Any, index: MentionIndex, tok: Any) -> list[Mention]:
    """A conjoined pair/group ("Russia and Turkey"), else the nearest plural mention."""
    best: list[Mention] = []
    groups: list[list[Mention]] = []
    for m in sorted(_candidates(index, tok.i, 0), key=lambda m: -m.start):
        head = doc[m.head]
        if head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children):
            group = {x.i for x in head.conjuncts} | {head.i}
            # demonyms ("the Libyan crisis") and places ("in Syria") are not a group that acts
            members = [
                o
                for o in index.mentions
                if o.head in group and o.kind not in {"pronoun", "demonym"} and not _locative(doc, o)
            ]
            independent = tok.dep_ in _SUBJ or not any(doc[o.head].head.i == tok.head.i for o in members)
            if len({o.key for o in members}) >= 2 and independent and members not in groups:
                groups.append(members)
        if m.plural and m.actor.type in {"State", "StateBody", "NonStateGroup"} and not best and not groups:
            best = [m]
    if groups:
        # the nearest group that acted (a subject) beats a nearer one that was merely mentioned
        acting = [
            g
            for g in groups
            if any(
                _is_subject(doc, o) or (doc[o.head].dep_ == "conj" and doc[o.head].head.dep_ in _SUBJ)
                for o in g
            )
        ]
        return (acting or groups)[0]
    return best


def _pair_antecedent(doc: Any, index: MentionIndex, tok: Any, states_only: bool = False) -> list[Mention]:
    """The most recent conjoined group, else the two most recent distinct actors ("the two countries")."""
    group = _plural_antecedent(doc, index, tok)
    if states_only:
        group = [m for m in group if m.state]
    if len({m.key for m in group}) >= 2:
        return group
    recent = _distinct_recent(index, tok.i, 2, states_only, doc)
    return recent if len(recent) == 2 else []
