"""Actor mentions in a parsed block: gazetteer entities, titled people, state bodies, demonyms and capitals.

The gazetteer ruler marks every gazetteer surface form; this module turns those spans (and the statistical
NER's unknown people) into :class:`Mention` objects the relation rules work with. It composes the phrases news
text uses for actors that are not in the gazetteer: a title plus a state ("French Foreign Minister Jean
Dupont", "Kenya's defence minister", "the President of Azerbaijan"), a body plus a state ("the Russian Foreign
Ministry", "Turkish forces", "the Armed Forces of Turkey and Azerbaijan") and a state noun plus a demonym
("the Russian side", "the Azeri brothers"). A mention knows its actor, the state that actor acts for on the
block's date and what kind of phrase it came from, because the rules treat kinds differently: a capital in "a
conference in Vienna" is a place, not an actor; a demonym in "Turkish strikes" is the agent of a nominal
trigger only. Everything English or actor-specific comes from the :class:`~actorgraph.resources.Resources`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..bundle import Resources
from ..gazetteer import Gazetteer
from ..model import Actor

__all__ = ["Mention", "MentionFinder", "MentionIndex", "acting_for", "find_mentions"]

_RULER_KINDS = {
    "AG_NAME": "name",
    "AG_CAPITAL": "capital",
    "AG_DEMONYM": "demonym",
    "AG_PERSON": "person",
    "AG_BODY": "body",
}
_MAX_PHRASE = 6
#: Dependencies of a demonym noun that acts ("Turks", "the Azeris said"): then it is the state itself.
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT"})


@dataclass
class Mention:
    """One actor mention: a token span of the block's Doc, the actor and the state it acts for.

    Attributes:
        start: index of the first token (Doc-level).
        end: index after the last token.
        head: the token the parse hangs the phrase on (the noun of "the Russian Foreign Ministry").
        actor: the actor named.
        kind: ``name``, ``capital``, ``demonym`` (a modifier: "Turkish strikes"), ``person``, ``body``,
            ``state`` (a state noun: "the Russian side", "Turks"), ``city`` (an attack target) or ``pronoun``
            (resolved by coreference).
        state: the ISO3 code the actor acts for on the block's date, or None.
        plural: whether the phrase is plural (for "they").
        confidence: how sure the mention is (lower for coreference).
        tokens: extra token indexes that point to this mention (a resolved pronoun's own token).
    """

    start: int
    end: int
    head: int
    actor: Actor
    kind: str
    state: str | None
    plural: bool = False
    confidence: float = 1.0
    tokens: tuple[int, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        """The L1 key: the state the actor acts for, else its slug."""
        return self.state or self.actor.id

    @property
    def is_modifier(self) -> bool:
        """Whether the mention only modifies a noun ("Turkish" in "Turkish strikes")."""
        return self.kind == "demonym"


class MentionIndex:
    """Mentions of one block, indexed by token so the rules can ask "which actors does this token name?"."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions: list[Mention] = sorted(mentions, key=lambda m: (m.start, m.end))
        self._by_token: dict[int, list[Mention]] = {}
        for mention in self.mentions:
            for i in (*range(mention.start, mention.end), *mention.tokens):
                self._by_token.setdefault(i, []).append(mention)

    def at(self, i: int) -> list[Mention]:
        """Mentions covering token ``i``."""
        return self._by_token.get(i, [])

    def add(self, mention: Mention) -> None:
        """Add a mention (coreference adds resolved pronouns)."""
        self.mentions.append(mention)
        for i in (*range(mention.start, mention.end), *mention.tokens):
            self._by_token.setdefault(i, []).append(mention)

    def in_range(self, start: int, end: int) -> list[Mention]:
        """Mentions that start inside ``[start, end)``, in text order."""
        return [m for m in self.mentions if start <= m.start < end]


def _phrase_table(phrases: Iterable[str]) -> dict[tuple[str, ...], str]:
    return {tuple(p.lower().replace("-", " - ").split()): p.lower() for p in phrases}


@dataclass
class _Found:
    """The mentions of one Doc while they are being found."""

    mentions: list[Mention] = field(default_factory=list)  # every mention so far, in finding order
    base: dict[int, Mention] = field(default_factory=dict)  # token -> the named mention covering it
    composed: list[Mention] = field(default_factory=list)  # titled people, bodies and state nouns
    consumed: set[int] = field(default_factory=set)  # ids of mentions absorbed by a composed one

    def put(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.base[i] = mention


class MentionFinder:
    """Finds the mentions of a Doc; holds the gazetteer's phrase tables so they are built once per pipeline.

    Args:
        resources: the gazetteer (actors, titles, bodies, actor nouns) and word classes.
    """

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.gaz: Gazetteer = resources.gazetteer
        self.bodies = _phrase_table(self.gaz.body_types)
        self.titles = _phrase_table(self.gaz.titles)

    def __call__(self, doc: Doc, date: str | None, known: Mapping[str, Actor] | None = None) -> MentionIndex:
        """The mentions of one parsed block (``doc.ents`` set by the gazetteer ruler and the NER).

        ``known`` maps names (lower case: full name and surname) to the people an earlier paragraph of the
        document introduced with their office ("President Alejandro Giammattei of Guatemala"), so that a
        later "President Giammattei" is that person.
        """
        found = _Found()
        for ent in doc.ents:
            self._entity(ent, date, found)
        if any(_homonym(doc, m, self.gaz) for m in found.mentions):
            # namesakes that are no actor ("Atlanta, Georgia") go before titles and bodies are composed
            kept = [m for m in found.mentions if not _homonym(doc, m, self.gaz)]
            found = _Found()
            for m in kept:
                found.put(m)
        self._combining_forms(doc, date, found)
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                i = self._compose_at(doc, sent, i, found)
        result = [m for m in found.mentions if id(m) not in found.consumed and m.kind != "unknown-person"]
        result.extend(self._office_holders(doc, found, date))
        if known:
            result.extend(self._remembered(doc, found, known, date))
        result.extend(found.composed)
        result.extend(_rebels(doc, self.gaz, result))
        result = [m for m in result if not self._venue_country(doc, m)]
        return MentionIndex(_dedupe(result))

    def _venue_country(self, doc: Doc, m: Mention) -> bool:
        """Whether a state only says where a place lies: "in Dubai, the United Arab Emirates"."""
        if m.actor.type != "State" or m.kind not in {"name", "state"} or m.start < 2:
            return False
        j = m.start - 1
        if doc[j].lower_ == "the":
            j -= 1
        if j < 1 or doc[j].text != ",":
            return False
        place = doc[j - 1]
        while place.dep_ == "compound" and place.head.i > place.i:
            place = place.head
        return (
            place.pos_ == "PROPN"
            and place.dep_ == "pobj"
            and self.resources.words.has("locative_prep", place.head.lower_)
        )

    def _office_holders(self, doc: Doc, found: _Found, date: str | None) -> list[Mention]:
        """Known people named by title and surname only ("Vice President Harris", "Chancellor Scholz")."""
        out = []
        taken = {i for m in found.composed for i in range(m.start, m.end)}
        for m in found.mentions:
            if m.kind != "unknown-person" or id(m) in found.consumed or m.start in taken:
                continue
            for size in range(min(_MAX_PHRASE, m.start), 0, -1):
                phrase = self.titles.get(tuple(t.lower_ for t in doc[m.start - size : m.start]))
                if phrase is None:
                    continue
                person = self.gaz.titled_person(doc[m.start : m.end].text, self.gaz.titles[phrase], date)
                if person is not None:
                    found.consumed.add(id(m))
                    state = self.gaz.state_code(person, date)
                    out.append(Mention(m.start - size, m.end, m.head, person, "person", state))
                break
        return out

    def _remembered(
        self, doc: Doc, found: _Found, known: Mapping[str, Actor], date: str | None
    ) -> list[Mention]:
        """Unknown people the document introduced earlier, recognised by full name or surname."""
        out = []
        taken = {i for m in found.composed for i in range(m.start, m.end)}
        for m in found.mentions:
            if m.kind != "unknown-person" or id(m) in found.consumed or m.start in taken:
                continue
            name = " ".join(doc[m.start : m.end].text.split()).lower()
            actor = known.get(name) or known.get(name.split()[-1])
            if actor is not None:
                out.append(Mention(m.start, m.end, m.head, actor, "person", self.gaz.state_code(actor, date)))
        return out

    def match_phrase(
        self, doc: Doc, i: int, table: dict[tuple[str, ...], str], limit: int
    ) -> tuple[int, str] | None:
        """Longest phrase of ``table`` starting at token ``i`` (not past ``limit``): (end, phrase)."""
        best: tuple[int, str] | None = None
        words: list[str] = []
        for j in range(i, min(limit, i + _MAX_PHRASE)):
            words.append(doc[j].lower_)
            phrase = table.get(tuple(words))
            if phrase is not None:
                best = (j + 1, phrase)
        return best

    def _entity(self, ent: Span, date: str | None, found: _Found) -> None:
        """The mention of an entity span: a gazetteer actor, a name the NER found, or an unknown person."""
        gaz = self.gaz
        kind = _RULER_KINDS.get(ent.label_)
        actor: Actor | None = None
        if kind and ent.ent_id_:
            actor = gaz.get(ent.ent_id_)
        elif ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
            text = ent.text.strip()
            if text.lower().startswith("the "):
                text = text[4:]
            # exact forms only: the transliteration key also merges unrelated names ("Milley", "Milei"), and
            # selective parsing, which sees only the gazetteer's forms, must find the same actors
            known = [a for a in gaz.lookup(text, loose=False) if ent.label_ != "PERSON" or a.type == "Person"]
            if known:
                actor = known[0]
                kind = "person" if actor.type == "Person" else ("demonym" if ent.label_ == "NORP" else "name")
            elif ent.label_ == "PERSON":
                kind = "unknown-person"
        if kind is None or (actor is None and kind != "unknown-person"):
            return
        root = ent.root
        plural = root.tag_ in {"NNS", "NNPS"}
        if kind == "demonym" and (plural or (root.pos_ in {"NOUN", "PROPN"} and root.dep_ in _ARG_DEPS)):
            kind = "state"
        if actor is None:  # an unknown person, kept only if a title gives it a state (below)
            found.mentions.append(
                Mention(ent.start, ent.end, root.i, Actor("?", "Person", ent.text), kind, None)
            )
            return
        placed = root.dep_ == "pobj" and self.resources.words.has("locative_prep", root.head.lower_)
        actor = _org_roles(gaz, acting_for(gaz, actor, date), "" if placed else kind, ent.text)
        found.put(Mention(ent.start, ent.end, root.i, actor, kind, gaz.state_code(actor, date), plural))

    def _combining_forms(self, doc: Doc, date: str | None, found: _Found) -> None:
        """Hyphenated combining forms before another actor: "Franco-German", "Sino-Indian"."""
        for tok in doc:
            if (
                tok.i + 2 >= len(doc)
                or doc[tok.i + 1].text not in {"-", "–"}
                or (tok.i + 2) not in found.base
            ):
                continue
            actor = self.gaz.combining_form(tok.lower_)
            if actor is not None and tok.i not in found.base:
                state = self.gaz.state_code(actor, date)
                found.put(Mention(tok.i, tok.i + 1, tok.i, actor, "demonym", state))

    def _compose_at(self, doc: Doc, sent: Span, i: int, found: _Found) -> int:
        """Compose a title, body or state noun at token ``i`` with its owner; return the next token."""
        hi = sent.end
        title = self.match_phrase(doc, i, self.titles, hi)
        body = self.match_phrase(doc, i, self.bodies, hi) if title is None else None
        if title is None and body is None and self.gaz.is_noun("state", doc[i].lower_):
            body = (i + 1, "")
        phrase_at = title or body
        if phrase_at is None:
            return i + 1
        end, phrase = phrase_at
        if any(k in found.base and found.base[k].kind in {"person", "body", "name"} for k in range(i, end)):
            return i + 1
        owners = _owner_before(doc, i, found.base, sent.start)
        after, after_end = ([], end) if owners else _owners_after(self.gaz, doc, end, found.base, hi)
        owners = owners or after
        if not owners and title is not None:
            return self._titled_name_of(doc, hi, i, end, self.gaz.titles[phrase], found)
        if not owners:
            return end
        span = (min([o.start for o in owners] + [i]), max(end, after_end))  # "the junta in Niamey"
        if title is not None:
            return self._titled(doc, hi, owners, span, self.gaz.titles[phrase], found)
        head = doc[end - 1]
        plural = head.tag_ in {"NNS", "NNPS"}
        for owner in owners:
            if phrase:
                body_actor = self.gaz.make_body(owner.actor, self.gaz.body_types[phrase][0])
                mention = Mention(*span, head.i, body_actor, "body", owner.state, plural, 0.95)
            else:
                mention = Mention(*span, head.i, owner.actor, "state", owner.state, plural, 0.95)
            found.composed.append(mention)
            found.consumed.add(id(owner))
        return span[1]

    def _titled_name_of(self, doc: Doc, hi: int, start: int, end: int, role: str, found: _Found) -> int:
        """A title, an unknown name, then its state: "President Alejandro Giammattei of Guatemala"."""
        named = _name_after(doc, end, hi, found.mentions)
        if named is None or named.kind != "unknown-person":
            return end
        owners, stop = _owners_after(self.gaz, doc, named.end, found.base, hi)
        if len(owners) != 1:
            return end
        owner = owners[0]
        person = self.gaz.make_person(doc[named.start : named.end].text, role, owner.actor)
        found.composed.append(
            Mention(start, named.end, doc[named.end - 1].i, person, "person", owner.state, confidence=0.9)
        )
        found.consumed.update({id(named), id(owner)})
        return stop

    def _titled(
        self, doc: Doc, hi: int, owners: list[Mention], span: tuple[int, int], role: str, found: _Found
    ) -> int:
        """A title with its state: a known person keeps their own mention, anyone else becomes a person."""
        span_start, span_end = span
        named = _name_after(doc, span_end, hi, found.mentions)
        if named is not None and named.kind == "person":
            # a known person: keep the person, absorb the title so the demonym is not a separate actor
            found.consumed.update(id(o) for o in owners)
            named.start = min(named.start, span_start)
            return named.end
        for owner in owners:
            if named is not None:
                person = self.gaz.make_person(doc[named.start : named.end].text, role, owner.actor)
                found.consumed.add(id(named))
                stop = named.end
            else:
                person = self.gaz.make_person(f"{owner.actor.label} {role}", role, owner.actor)
                stop = span_end
            found.composed.append(
                Mention(span_start, stop, doc[stop - 1].i, person, "person", owner.state, confidence=0.9)
            )
            found.consumed.add(id(owner))
        return span_end if named is None else named.end


def find_mentions(
    doc: Doc, resources: Resources, date: str | None, finder: MentionFinder | None = None
) -> MentionIndex:
    """Find the actor mentions of one parsed block.

    Args:
        doc: the spaCy Doc (gazetteer ruler and NER already run).
        resources: the resources (gazetteer and word classes).
        date: the block's date (ISO), for people's offices.
        finder: a finder built once for ``resources`` (built here when None).

    Returns:
        The mentions, indexed by token.
    """
    return (finder if finder is not None else MentionFinder(resources))(doc, date)


def _org_roles(gaz: Gazetteer, actor: Actor, kind: str, surface: str) -> Actor:
    """An organisation's seat acting ("Brussels imposed sanctions") is the organisation; an organ rolls up.

    Organs act for their parent organisation (the UN General Assembly for the United Nations), because
    relations are keyed by the organisation; both facts are data (``seats`` and ``parent`` columns).
    """
    if kind == "capital" and actor.type == "State":
        actor = gaz.seat_organisation(surface) or actor
    return gaz.parent_organisation(actor.id) or actor


def acting_for(gaz: Gazetteer, actor: Actor, date: str | None) -> Actor:
    """The actor a stateless person speaks for: the organisation or group of their office on the date.

    A person who holds an office in an organisation or armed group (a UN envoy, a militia commander) acts for
    it; relations are keyed by what actors act for, so the mention becomes that organisation or group.
    """
    if actor.type != "Person" or gaz.state_code(actor, date):
        return actor
    for affiliation in actor.affiliations:
        if affiliation.holds_on(date):
            target = gaz.get(affiliation.target)
            if target is not None and target.type in {"InternationalOrganization", "NonStateGroup"}:
                return target
    return actor


def _owner_before(doc: Doc, start: int, by_token: dict[int, Mention], lo: int) -> list[Mention]:
    """States owning a phrase that starts at ``start``: "Turkish", "Turkey's", "Russian and Turkish"."""
    j = start - 1
    if j >= lo and doc[j].lower_ in {"'s", "’s", "'"}:
        j -= 1
    owners: list[Mention] = []
    joined_by_and = False
    while j >= lo and j in by_token:
        mention = by_token[j]
        if mention.actor.type != "State":
            break
        owners.insert(0, mention)
        j = mention.start - 1
        if j >= lo and doc[j].lower_ in {"and", ","}:
            joined_by_and = joined_by_and or doc[j].lower_ == "and"
            if doc[j].lower_ == "," and not joined_by_and:
                break  # "Backed by Iran, Syria's army": a list needs "and" before its last owner
            j -= 1
            continue
        break
    return owners


def _owners_after(
    gaz: Gazetteer, doc: Doc, end: int, by_token: dict[int, Mention], hi: int
) -> tuple[list[Mention], int]:
    """State mentions after "of" ("of Russia", "of Turkey and Azerbaijan") or a capital after "in"."""
    if end + 1 < hi and doc[end].lower_ == "in":
        j = end + 1 + (doc[end + 1].lower_ == "the")
        if j < hi and j in by_token and by_token[j].kind == "capital":
            return [by_token[j]], by_token[j].end
        return [], end
    if end >= hi or doc[end].lower_ != "of":
        return [], end
    j = end + 1
    if j < hi and doc[j].lower_ == "the":
        j += 1
    owners: list[Mention] = []
    while j < hi and j in by_token and by_token[j].kind != "demonym" and by_token[j].state:
        mention = by_token[j]
        if mention.actor.type != "State":
            # "the government of Nicolás Maduro": the person's state owns the body
            state = gaz.by_code(mention.state) if mention.state else None
            if state is None:
                break
            mention = Mention(mention.start, mention.end, mention.head, state, "name", mention.state)
        owners.append(mention)
        j = mention.end
        if j + 1 < hi and doc[j].lower_ in {"and", ","} and (j + 1) in by_token:
            j += 1
            continue
        break
    return owners, (j if owners else end)


def _rebel_head(gaz: Gazetteer, tok: Token) -> Token | None:
    """The group noun an unnamed-rebels word stands for ("rebel *factions*", "*rebels*"), or None."""
    if tok.pos_ not in {"NOUN", "ADJ", "PROPN"}:
        return None
    if not (gaz.is_noun("rebel", tok.lower_) or gaz.is_noun("rebel_modifier", tok.lower_)):
        return None
    if any(c.dep_ == "prep" and c.lower_ in {"to", "of", "in"} for c in tok.children):
        return None  # "opposition to the plan", "the opposition in parliament"
    if tok.dep_ in {"compound", "amod"} and gaz.is_noun("rebel_group", tok.head.lower_):
        return tok.head
    return None if gaz.is_noun("rebel_modifier", tok.lower_) else tok  # "rebel-held" names no one


def _rebels(doc: Doc, gaz: Gazetteer, found: list[Mention]) -> list[Mention]:
    """Unnamed rebels of the state in focus: "Turkey supported rebel groups fighting Assad's forces".

    "Rebels", "rebel factions" or "armed opposition groups" name no group; in a sentence (else paragraph)
    about a state whose opposition the gazetteer knows ("syrian-opposition"), they are that group.
    """
    taken = {i for m in found for i in range(m.start, m.end)}
    out: list[Mention] = []
    for tok in doc:
        if tok.i in taken:
            continue
        head = _rebel_head(gaz, tok)
        if head is None or (head.i != tok.i and head.i in taken):
            continue
        sent = tok.sent
        near = [m for m in found if sent.start <= m.start < sent.end and gaz.opposition_group(m.state)]
        near = near or [m for m in found if m.end <= tok.i and gaz.opposition_group(m.state)]
        if not near:
            continue
        focus = min(near, key=lambda m: abs(m.start - tok.i))
        group = gaz.opposition_group(focus.state)
        assert group is not None
        start = min(tok.i, head.i)
        out.append(Mention(start, max(tok.i, head.i) + 1, head.i, group, "name", None, True, 0.8))
    return out


def _name_after(doc: Doc, j: int, hi: int, mentions: Sequence[Mention]) -> Mention | None:
    """The person named right after a title ("Foreign Minister Jean Dupont", "President of X I. Aliyev")."""
    for m in mentions:
        if m.kind in {"person", "unknown-person"} and j <= m.start <= j + 2:
            between = doc[j : m.start]
            if all(t.is_punct is False and (t.pos_ == "PROPN" or t.text.endswith(".")) for t in between):
                return m
    return None


def _homonym(doc: Doc, mention: Mention, gaz: Gazetteer) -> bool:
    """Whether a mention is a namesake that is no actor: "Georgia" near "governor", or "Atlanta, Georgia"."""
    context = gaz.homonym_context(doc[mention.start : mention.end].text, mention.actor.id)
    if not context:
        return False
    if mention.start and f"<{doc[mention.start - 1].lower_}" in context:
        return True  # a word that must come right before: "Northern Ireland" is not Ireland
    lo, hi = max(0, mention.start - 5), min(len(doc), mention.end + 3)
    if any(t.lower_ in context for t in doc[lo:hi]):
        return True
    before = doc[mention.start - 2 : mention.start] if mention.start >= 2 else None
    return bool(before is not None and before[1].text == "," and before[0].pos_ == "PROPN")


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions nested inside a longer composed mention (a name inside an unknown-organisation span)."""
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in mentions:
        if any(
            k.start <= m.start
            and m.end <= k.end
            and (k.end - k.start) > (m.end - m.start)
            and k.kind != "demonym"
            for k in kept
        ):
            continue
        kept.append(m)
    return kept
