"""Light coreference inside one paragraph: pronouns and "the two countries" point back to actors.

Analysis prose names an actor once and then says "it", "its", "they", "the latter" or "the two sides". The
rules resolve each such phrase to the nearest compatible earlier mention of the same block (a paragraph) by
type (people for he/she, states and organisations for it, groups or conjoined pairs for they/the two
countries) and prefer subjects, which is what a reader does in most news sentences. First-person pronouns
inside a quote or in a sentence with a speech verb resolve to the speaker ("'We will defend our partners,' the
Chinese spokesperson said"). Anything unresolved stays unresolved: the rules then produce no assertion from
it, which is better than guessing an actor. The nouns that point back ("the two countries", "the alliance",
"the junta") are gazetteer data (``nouns.tsv``); pronouns are grammar and stay here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..bundle import Resources
from ..discourse import DiscourseFrame
from ..gazetteer import Gazetteer
from ..lexicon import Lexicon
from ..model import Actor
from .mentions import Mention, MentionFinder, MentionIndex

__all__ = ["resolve_coreference", "resolve_from_frame"]

_SINGULAR = frozenset({"it", "its", "itself"})
_PERSONAL = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_PLURAL = frozenset({"they", "them", "their", "themselves"})
_FIRST = frozenset({"we", "our", "us", "ours", "ourselves"})
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_QUOTES_OPEN = frozenset({"“", "«", "‘"})
_QUOTES_CLOSE = frozenset({"”", "»", "’"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_NONSTATE_OK = frozenset({"State", "InternationalOrganization", "StateBody", "NonStateGroup"})
_NUMERALS = {"three": 3, "four": 4, "five": 5}


def _definite(doc: Doc, tok: Token) -> bool:
    """Whether a noun is definite ("the (regional) bloc", "these countries"), so that it points back."""
    j = tok.i - 1
    while j >= tok.sent.start and doc[j].pos_ in {"ADJ", "NUM"} and tok.i - j <= 3:
        j -= 1
    return j >= tok.sent.start and doc[j].lower_ in {"the", "these", "those", "both", "all"}


def _owned(tok: Token) -> bool:
    """Whether a noun has an owner or modifier of its own ("Mali's junta", "the Syrian regime")."""
    return any(c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < tok.i for c in tok.children)


def _has_of(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _quoted(doc: Doc, tok: Token) -> bool:
    """Whether a noun opens a quoted slogan or name ('recalled the "two states, one nation" motto')."""
    return any(
        t.text in {"“", "‘", "«"} or t.tag_ == "``" for t in doc[max(tok.sent.start, tok.i - 3) : tok.i]
    )


def _is_subject(doc: Doc, mention: Mention) -> bool:
    return bool(doc[mention.head].dep_ in _SUBJ)


def _candidates(index: MentionIndex, before: int, lo: int) -> list[Mention]:
    """Mentions that may be antecedents: earlier in the block, acting (not mere modifiers of other nouns)."""
    return [m for m in index.mentions if lo <= m.start and m.end <= before and m.kind != "demonym"]


def _rank(doc: Doc, pronoun: Token, mention: Mention) -> tuple[int, int, int]:
    same = doc[mention.start].sent.start == pronoun.sent.start
    sent_distance = 0 if same else max(1, pronoun.sent.start - doc[mention.start].sent.start)
    # sentences back, then subjects first, then nearest
    return (
        0 if same else 1 + min(sent_distance, 50),
        0 if _is_subject(doc, mention) else 1,
        pronoun.i - mention.end,
    )


def _coargument(doc: Doc, pronoun: Token, mention: Mention, lexicon: Lexicon | None = None) -> bool:
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


def _for_its(tok: Token) -> bool:
    """Whether a possessive pronoun owns the object of a "for" phrase ("... for its support")."""
    return tok.dep_ == "poss" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "for"


def _speaker(sentence: Span, index: MentionIndex, lexicon: Lexicon, resolved: bool = False) -> list[Mention]:
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


class _Resolver:
    """Antecedents of the pointing words of one block (everything but first-person pronouns)."""

    def __init__(
        self, doc: Doc, index: MentionIndex, resources: Resources, frame: DiscourseFrame | None = None
    ) -> None:
        self.doc = doc
        self.index = index
        self.lexicon = resources.lexicon
        self.gaz: Gazetteer = resources.gazetteer
        self.locative = resources.words.words("locative_prep")
        self.frame = frame

    def __call__(self, tok: Token) -> tuple[list[Mention], bool]:
        """(antecedents, plural) of a token; no antecedents when it points nowhere."""
        low, doc, nouns = tok.lower_, self.doc, self.gaz
        if low in _SINGULAR and tok.pos_ == "PRON":
            return self._singular(tok), False
        if low in _PERSONAL and tok.pos_ == "PRON":
            return self._personal(tok), False
        if low in _PLURAL and tok.pos_ == "PRON":
            group = _plural_antecedent(doc, self.index, tok, self.locative)
            if self.frame is not None and self.frame.group() and not _acting(doc, group):
                # in a readout, "they" is the call's participants rather than a list they talked about
                return [], True
            return group, True
        if low in {"latter", "former"} and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            return self._latter_or_former(tok, low == "latter"), False
        if nouns.is_noun("country", low) and _definite(doc, tok) and tok.tag_ == "NN" and not _has_of(tok):
            return self._nearest(tok, [m for m in self._before(tok) if m.actor.type == "State"]), False
        if nouns.is_noun("organisation", low) and _definite(doc, tok) and tok.tag_ == "NN":
            return self._organisation(tok), False
        if nouns.is_noun("pair", low) and tok.i > 0 and tok.tag_ in {"NNS", "NNPS"}:
            return self._pair(tok, nouns.is_noun("pair_of_states", low)), True
        if nouns.is_noun("government", low) and _definite(doc, tok) and not _has_of(tok) and not _owned(tok):
            return self._government(tok), False
        return [], False

    def _before(self, tok: Token) -> list[Mention]:
        return _candidates(self.index, tok.i, 0)

    def _nearest(self, tok: Token, mentions: list[Mention]) -> list[Mention]:
        return [min(mentions, key=lambda m: _rank(self.doc, tok, m))] if mentions else []

    def _singular(self, tok: Token) -> list[Mention]:
        """Resolve "it", "its": the nearest state, organisation, body or group that is no co-argument."""
        cands = [
            m
            for m in self._before(tok)
            if m.actor.type in _NONSTATE_OK
            and not m.plural
            and not _coargument(self.doc, tok, m, self.lexicon)
        ]
        cands = [m for m in cands if m.kind not in {"capital"} or self.doc[m.head].dep_ in _SUBJ]
        if _for_its(tok):
            # "thanked Japan for its support", "raising the costs on Russia for its invasion": the one the
            # clause is about is the object just before "for", not the subject
            objects = [m for m in cands if m.start >= tok.sent.start and not _is_subject(self.doc, m)]
            if objects:
                return [max(objects, key=lambda m: m.end)]
        return self._nearest(tok, cands)

    def _personal(self, tok: Token) -> list[Mention]:
        """Resolve "he", "her": the nearest person (in prose calling a state "he": the last subject state)."""
        # "He urged him": an object pronoun is not the person its verb's subject pronoun names
        taken = {
            m.actor.id
            for c in tok.head.children
            if c.dep_ in _SUBJ and c.i < tok.i and c.i != tok.i
            for m in self.index.at(c.i)
        }
        cands = [
            m
            for m in self._before(tok)
            if not _coargument(self.doc, tok, m, self.lexicon)
            and (tok.dep_ in _SUBJ or m.actor.id not in taken)
        ]
        people = [m for m in cands if m.actor.type == "Person"]
        if people:
            return self._nearest(tok, people)
        if cands and tok.sent.start != 0:
            return self._nearest(
                tok, [m for m in cands if _is_subject(self.doc, m) and m.actor.type == "State"]
            )
        return []

    def _latter_or_former(self, tok: Token, latter: bool) -> list[Mention]:
        """A conjoined pair ("Germany and France") first, else the last two distinct actors."""
        pair = _plural_antecedent(self.doc, self.index, tok, self.locative)
        if len({m.key for m in pair}) == 2:
            ordered = sorted(pair, key=lambda m: m.start)
            return [ordered[-1] if latter else ordered[0]]
        distinct = _distinct_recent(self.index, tok.i, 2)
        if len(distinct) == 2:
            return [distinct[0] if latter else distinct[1]]
        return []

    def _organisation(self, tok: Token) -> list[Mention]:
        """Resolve "the alliance": the latest organisation or group."""
        orgs = [
            m
            for m in self._before(tok)
            if m.actor.type in {"InternationalOrganization", "NonStateGroup"}
            and not any(c.dep_ == "prep" for c in tok.children if c.lower_ == "of")
        ]
        return [max(orgs, key=lambda m: m.start)] if orgs else []

    def _pair(self, tok: Token, states_only: bool) -> list[Mention]:
        """Resolve "the two countries", "both sides", "the three sponsors": a group of that size before."""
        doc = self.doc
        before = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 3) : tok.i]]
        pointing = _definite(doc, tok) or any(b in {"two", "both", "three"} for b in before)
        size = max((_NUMERALS.get(b, 0) for b in before), default=0)
        if not (before and pointing and not _has_of(tok) and not _quoted(doc, tok)):
            return []
        participants = self.frame.group() if self.frame is not None else ()
        if participants and self.gaz.is_noun("participants", tok.lower_):
            # "the leaders", "both sides" of a readout or transcript: the parties of the call or meeting,
            # unless the paragraph itself joined a group with "and" ("Armenia and Azerbaijan ... both sides")
            group = _plural_antecedent(doc, self.index, tok, self.locative)
            if len({m.key for m in group}) < 2 or all(m.kind == "pronoun" for m in group):
                return []  # resolve_from_frame gives the participants
        if size >= 3:
            # "the three sponsors": a conjoined group of exactly that size, or nothing
            group = _plural_antecedent(doc, self.index, tok, self.locative)
            found = group if len({m.key for m in group}) == size else []
        else:
            found = _pair_antecedent(doc, self.index, tok, self.locative, states_only=states_only)
        if any(_coargument(doc, tok, m) for m in found):
            return []  # "Should Russia coerce the parties": the parties are not Russia
        return found

    def _government(self, tok: Token) -> list[Mention]:
        """Resolve "the junta", "the regime", "the military": the government of the state in focus."""
        states = [
            m
            for m in self._before(tok)
            if m.state
            and m.kind != "demonym"
            and m.actor.type != "NonStateGroup"
            and not _locative(self.doc, m, self.locative)
        ]
        return self._nearest(tok, states)


def resolve_coreference(
    doc: Doc, index: MentionIndex, resources: Resources, frame: DiscourseFrame | None = None
) -> None:
    """Add a resolved mention for each pronoun or "the two countries" phrase of the block.

    Args:
        doc: the parsed block.
        index: its mentions; resolved pronouns are added to it.
        resources: the lexicon (speech verbs, relation verbs), the gazetteer's actor nouns and word classes.
        frame: the document's discourse frame: with participants, "the leaders" and "both sides" are left
            to :func:`resolve_from_frame` unless the paragraph names a group of its own.
    """
    resolve = _Resolver(doc, index, resources, frame)
    lexicon = resources.lexicon
    last_speaker: list[Mention] = []
    for sent in doc.sents:
        speaker: list[Mention] | None = None
        for tok in sent:
            if index.at(tok.i):
                continue
            if tok.lower_ in _FIRST and tok.pos_ == "PRON":
                if speaker is None:
                    speaker = _speaker(sent, index, lexicon) or last_speaker
                found, plural = speaker, True
            else:
                found, plural = resolve(tok)
            for m in found:
                index.add(
                    Mention(
                        tok.i, tok.i + 1, tok.i, m.actor, "pronoun", m.state, plural, min(m.confidence, 0.8)
                    )
                )
        said = _speaker(sent, index, lexicon, resolved=True)
        if said:
            last_speaker = said


def _acting(doc: Doc, group: list[Mention]) -> bool:
    """Whether a group acted in its sentence: one of its members is (conjoined to) a subject."""
    return any(
        _is_subject(doc, o) or (doc[o.head].dep_ == "conj" and doc[o.head].head.dep_ in _SUBJ) for o in group
    )


def _distinct_recent(
    index: MentionIndex,
    before: int,
    n: int,
    states_only: bool = False,
    doc: Doc | None = None,
    locative: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The last ``n`` distinct actors before a token, nearest first (with ``doc``: acting ones only)."""
    out: list[Mention] = []
    for m in sorted(index.mentions, key=lambda m: -m.start):
        if m.end > before or (states_only and not m.state):
            continue
        if doc is not None and (m.kind == "demonym" or _locative(doc, m, locative)):
            continue
        if all(o.key != m.key for o in out):
            out.append(m)
        if len(out) == n:
            break
    return out


def _locative(doc: Doc, mention: Mention, locative: frozenset[str]) -> bool:
    """Whether a mention is a place in a locative phrase ("in Syria", "in Syria and Libya")."""
    tok = doc[mention.head]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return bool(tok.dep_ == "pobj" and tok.head.lower_ in locative)


def _plural_antecedent(doc: Doc, index: MentionIndex, tok: Token, locative: frozenset[str]) -> list[Mention]:
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
                if o.head in group
                and o.kind not in {"pronoun", "demonym"}
                and not _locative(doc, o, locative)
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


def _pair_antecedent(
    doc: Doc, index: MentionIndex, tok: Token, locative: frozenset[str], states_only: bool = False
) -> list[Mention]:
    """The most recent conjoined group, else the two most recent distinct actors ("the two countries")."""
    group = _plural_antecedent(doc, index, tok, locative)
    if states_only:
        group = [m for m in group if m.state]
    if len({m.key for m in group}) >= 2:
        return group
    recent = _distinct_recent(index, tok.i, 2, states_only, doc, locative)
    return recent if len(recent) == 2 else []


def _in_quote(doc: Doc, tok: Token) -> bool:
    """Whether a token stands inside quotation marks opened earlier in its block."""
    depth = 0
    straight = 0
    for t in doc[: tok.i]:
        if t.text in _QUOTES_OPEN:
            depth += 1
        elif t.text in _QUOTES_CLOSE and t.text != "’":
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight += 1
    return depth > 0 or straight % 2 == 1


def _frame_mention(
    tok: Token,
    actor: Actor,
    gaz: Gazetteer,
    date: str | None,
    plural: bool,
    end: int | None = None,
    kind: str = "pronoun",
) -> Mention:
    """A mention of a frame actor on a pointing word (lower confidence: it is not named there)."""
    stop = end if end is not None else tok.i + 1
    return Mention(tok.i, stop, stop - 1, actor, kind, gaz.state_code(actor, date), plural, 0.75)


def resolve_from_frame(
    doc: Doc,
    index: MentionIndex,
    resources: Resources,
    frame: DiscourseFrame,
    date: str | None,
    finder: MentionFinder,
) -> None:
    """Resolve what the paragraph left open against the document's discourse frame.

    "I", "we" and "our" outside quotes are the current speaker or the document's author ("we" also takes in
    the meeting's other parties, for mutual relations only); "you" is the leader addressed in a two-party
    transcript; "the leaders", "both sides" and an unresolved "they" are the
    participants of the call or meeting; "the President" without a name is the participant (or author)
    holding that title. Words the paragraph already resolved keep their antecedents.

    Args:
        doc: the parsed block.
        index: its mentions (after :func:`resolve_coreference`); frame mentions are added to it.
        resources: the gazetteer (titles, actor nouns).
        frame: the document's frame.
        date: the block's date, for the state an office holder acts for.
        finder: the mention finder (its title phrase table).
    """
    gaz = resources.gazetteer
    i = 0
    while i < len(doc):
        tok = doc[i]
        if index.at(i):
            i += 1
            continue
        low = tok.lower_
        found: tuple[Actor, ...] = ()
        plural = True
        end = i + 1
        kind = "pronoun"
        partner: tuple[Actor, ...] = ()
        if tok.pos_ == "PRON" and (low in _FIRST or low in _FIRST_SINGULAR):
            found = () if _in_quote(doc, tok) else frame.first_person()
            if len(found) > 1:
                kind = "signatory"  # "we" of a joint statement: each signatory on its own, never a pair
            elif low in _FIRST and found:
                # "we" across the table: the speaker, and the leader addressed where a relation is mutual;
                # at a meeting of three or more, every other party where the sentence says all act together
                others = frame.across_table()
                partner = frame.second_person() or (
                    others if len(others) >= 2 and _inclusive(tok, resources, len(others) + 1) else ()
                )
        elif tok.pos_ == "PRON" and low in _SECOND:
            found = () if _in_quote(doc, tok) else frame.second_person()
        elif (tok.pos_ == "PRON" and low in _PLURAL and not _people_before(doc, tok, resources)) or (
            gaz.is_noun("participants", low) and tok.tag_ in {"NNS", "NNPS"} and _pointing(doc, tok)
        ):
            found, kind = frame.group(), "participant"
        else:
            title = _bare_title(doc, i, finder)
            if title is not None:
                end, role = title
                found = frame.titled(role, _holds) or _publishers_holder(frame, gaz, role, date)
                plural = False
        for actor in found:
            # the leaders a readout lists as joining its host's call met the host, not each other
            each = "guest" if kind == "participant" and actor in frame.guests else kind
            index.add(_frame_mention(doc[i], actor, gaz, date, plural, end, each))
        for actor in partner:
            index.add(_frame_mention(doc[i], actor, gaz, date, plural, end, "partner"))
        i = end if found else i + 1


#: Words that count the parties of a meeting of three or more ("our three countries", "our trilateral
#: cooperation"; two parties need none: the leader addressed is the partner).
_PARTY_COUNTS = {
    "three": 3,
    "trilateral": 3,
    "four": 4,
    "quadrilateral": 4,
    "five": 5,
}


def _inclusive(tok: Token, resources: Resources, parties: int) -> bool:
    """Whether a speaker's "we" or "our" takes in every one of a meeting's ``parties`` (three or more).

    Only where the sentence says so: a joint word ("we will work together"), or a count that is the
    meeting's ("our trilateral cooperation", "our three countries" at a meeting of three, but not "our five
    treaty allies"). Elsewhere, as in most answers at a joint press conference, "we" is the speaker's side.
    """
    for t in tok.sent:
        if resources.words.has("joint", t.lower_):
            return True
        if _PARTY_COUNTS.get(t.lower_) == parties and t.dep_ in {"amod", "nummod", "compound"}:
            return True
    return False


def _people_before(doc: Doc, tok: Token, resources: Resources) -> bool:
    """Whether a people, civilians or protesters come before "they" in its sentence: "they" are those."""
    words = resources.words
    return any(
        (t.tag_ in {"NNS", "NNPS"} and words.has("populace", t.lemma_.lower()))
        or (t.lemma_.lower() == "people" and t.pos_ == "NOUN")
        for t in doc[tok.sent.start : tok.i]
    )


def _pointing(doc: Doc, tok: Token) -> bool:
    """Whether a plural noun points back: "the leaders", "both sides", "the two delegations"."""
    before = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 2) : tok.i]]
    return (
        bool(before) and (before[-1] in {"the", "both", "two"} or before[:1] == ["the"]) and not _has_of(tok)
    )


def _bare_title(doc: Doc, i: int, finder: MentionFinder) -> tuple[int, str] | None:
    """A definite title without a name or an owner ("The President", "the Prime Minister"): (end, role)."""
    if i == 0 or doc[i - 1].lower_ != "the":
        return None
    found = finder.match_phrase(doc, i, finder.titles, doc[i].sent.end)
    if found is None:
        return None
    end, phrase = found
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and (nxt.pos_ == "PROPN" or nxt.lower_ in {"of", "-", "–"} or nxt.text == "’s"):
        return None  # "the President of Egypt", "the Prime Minister Kishida": the finder's business
    if not doc[i].text[:1].isupper() and not doc[end - 1].text[:1].isupper():
        return None  # "the president" of some company or club
    return end, finder.gaz.titles[phrase]


def _publishers_holder(
    frame: DiscourseFrame, gaz: Gazetteer, role: str, date: str | None
) -> tuple[Actor, ...]:
    """Who "the Vice President" is in a government's own release: its holder of that office on the day."""
    if len(frame.author) != 1 or frame.author[0].type != "State":
        return ()
    holder = gaz.office_holder(frame.author[0].id, role, date)
    return (holder,) if holder is not None else ()


def _holds(actor: Actor, role: str) -> bool:
    """Whether an actor holds (or held) an office with this role."""
    wanted = role.lower()
    return any(a.role.lower() == wanted for a in actor.affiliations if a.role)
