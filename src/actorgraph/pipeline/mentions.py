"""Actor mentions in a parsed block: gazetteer entities, titled people, state bodies, demonyms and capitals.

The entity ruler marks every gazetteer surface form; this module turns those spans (and the statistical NER's
unknown people) into :class:`Mention` objects the relation rules work with. It composes the phrases news text
uses for actors that are not in the gazetteer: a title plus a state ("French Foreign Minister Jean Dupont",
"Kenya's defence minister", "the President of Azerbaijan"), a body plus a state ("the Russian Foreign
Ministry", "Turkish forces", "the Armed Forces of Turkey and Azerbaijan") and a demonym plus a generic noun
("the Russian
side", "the Azeri brothers"). A mention knows its actor, the state that actor acts for on the block's date and
what kind of phrase it came from, because the rules treat kinds differently: a capital in "a conference in
Vienna" is a place, not an actor; a demonym in "Turkish strikes" is the agent of a nominal trigger only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Actor

__all__ = [
    "COMBINING_FORMS",
    "LOCATIVE_PREPS",
    "STATE_NOUNS",
    "Mention",
    "MentionIndex",
    "city_state",
    "find_mentions",
]

#: Nouns that, owned by a state ("the Russian side", "Turkish officials"), stand for the state itself.
STATE_NOUNS = frozenset(
    {
        "side",
        "sides",
        "leadership",
        "official",
        "officials",
        "diplomat",
        "diplomats",
        "delegation",
        "regime",
        "people",
        "brother",
        "brothers",
        "state",
        "leaders",
        "leader",
        "authority",
        "junta",
        "government",
    }
)

#: First parts of hyphenated pairs ("Franco-German", "Sino-Indian") mapped to the gazetteer name they name.
COMBINING_FORMS = {
    "franco": "France",
    "sino": "China",
    "indo": "India",
    "russo": "Russia",
    "anglo": "United Kingdom",
    "turco": "Turkey",
    "turko": "Turkey",
    "greco": "Greece",
    "italo": "Italy",
    "austro": "Austria",
    "german": "Germany",
    "hispano": "Spain",
    "luso": "Portugal",
    "nippo": "Japan",
    "americano": "United States",
    "israeli": "Israel",
    "irano": "Iran",
    "afro": "African Union",
}

#: Prepositions that make a place of a name when it is not a trigger's argument ("in Vienna", "from Beirut").
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "from",
        "near",
        "inside",
        "outside",
        "around",
        "across",
        "within",
        "throughout",
        "into",
        "via",
    }
)

_RULER_KINDS = {
    "AG_NAME": "name",
    "AG_CAPITAL": "capital",
    "AG_DEMONYM": "demonym",
    "AG_PERSON": "person",
    "AG_BODY": "body",
}
_MAX_PHRASE = 6


@dataclass
class Mention:
    """One actor mention: a token span of the block's Doc, the actor and the state it acts for.

    Attributes:
        start: index of the first token (Doc-level).
        end: index after the last token.
        head: the token the parse hangs the phrase on (the noun of "the Russian Foreign Ministry").
        actor: the actor named.
        kind: ``name``, ``capital``, ``demonym`` (a modifier: "Turkish strikes"), ``person``, ``body``,
            ``state`` (a state noun: "the Russian side", "Turks") or ``pronoun`` (resolved by coreference).
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


class _Finder:
    """Builds the mentions of one Doc; holds the gazetteer tables so they are computed once per pipeline."""

    def __init__(self, gazetteer: Any) -> None:
        self.gaz = gazetteer
        self.bodies = _phrase_table(gazetteer.body_types)
        self.titles = _phrase_table(gazetteer.titles)

    def match_phrase(
        self, doc: Any, i: int, table: dict[tuple[str, ...], str], limit: int
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


_ORG_DATA: dict[str, dict[str, str]] = {}


def _org_data() -> dict[str, dict[str, str]]:
    """Seats and parents of organisations and cities of states, read once from the gazetteer folder.

    Returns:
        ``{"seats": {normalised place: org id}, "parents": {organ id: parent id},
        "cities": {normalised city: ISO3}}``.
    """
    if _ORG_DATA:
        return _ORG_DATA
    from ..gazetteer import normalize
    from ..resources import gazetteer_dir

    seats: dict[str, str] = {}
    parents: dict[str, str] = {}
    cities: dict[str, str] = {}
    folder = gazetteer_dir()
    for row in _tsv_rows(folder / "organizations.tsv"):
        for place in filter(None, row.get("seats", "").split("|")):
            seats[normalize(place)] = row["id"]
        if row.get("parent"):
            parents[row["id"]] = row["parent"]
    for row in _tsv_rows(folder / "cities.tsv"):
        for name in filter(None, [row.get("city", ""), *row.get("aliases", "").split("|")]):
            cities.setdefault(normalize(name), row.get("iso3", ""))
    _ORG_DATA.update({"seats": seats, "parents": parents, "cities": cities})
    return _ORG_DATA


def _tsv_rows(path: Any) -> list[dict[str, str]]:
    """Rows of a gazetteer TSV (comment lines skipped, first other line the header); [] if missing."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, (c.strip() for c in line.split("\t")), strict=False)) for line in lines[1:]]


def city_state(name: str) -> Actor | None:
    """The state a city lies in ("Ganja" -> Azerbaijan), for attack targets only; None if unknown.

    Cities are never acting subjects: a place used as a place is not an actor, but a strike on a city is
    an attack on its state.
    """
    from ..gazetteer import normalize

    code = _org_data()["cities"].get(normalize(name))
    return _STATE_ACTORS.get(code) if code else None


def _org_roles(gaz: Any, actor: Actor, kind: str, surface: str) -> Actor:
    """An organisation's seat acting ("Brussels imposed sanctions") is the organisation; an organ rolls up.

    Organs act for their parent organisation (the UN General Assembly for the United Nations), because
    relations are keyed by the organisation; both facts are data (``seats`` and ``parent`` columns).
    """
    from ..gazetteer import normalize

    data = _org_data()
    if kind == "capital" and actor.type == "State":
        org = data["seats"].get(normalize(surface))
        found = gaz.get(org) if org else None
        if found is not None:
            actor = found
    parent = data["parents"].get(actor.id)
    if parent:
        found = gaz.get(parent)
        if found is not None:
            return found  # type: ignore[no-any-return]
    return actor


def _state_of(gaz: Any, actor: Actor, date: str | None) -> str | None:
    code: str | None = gaz.state_code(actor, date)
    return code


def acting_for(gaz: Any, actor: Actor, date: str | None) -> Actor:
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
                return target  # type: ignore[no-any-return]
    return actor


def _owner_before(doc: Any, start: int, by_token: dict[int, Mention], lo: int) -> list[Mention]:
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


_STATE_ACTORS: dict[str, Actor] = {}


def _state_actor(mention: Mention) -> Actor | None:
    return _STATE_ACTORS.get(mention.state or "")


def _owners_after(doc: Any, end: int, by_token: dict[int, Mention], hi: int) -> tuple[list[Mention], int]:
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
            state = _state_actor(mention)
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


def find_mentions(doc: Any, gazetteer: Any, date: str | None, finder: Any = None) -> MentionIndex:
    """Find the actor mentions of one parsed block.

    Args:
        doc: the spaCy Doc (entity ruler and NER already run).
        gazetteer: the :class:`~actorgraph.gazetteer.Gazetteer`.
        date: the block's date (ISO), for people's offices.
        finder: a cached phrase finder (built from the gazetteer when None).

    Returns:
        The mentions, indexed by token.
    """
    gaz = gazetteer
    fnd: _Finder = finder if finder is not None else _Finder(gaz)
    if not _STATE_ACTORS:
        _STATE_ACTORS.update({a.state: a for a in gaz.iter_actors() if a.type == "State" and a.state})
    base: dict[int, Mention] = {}
    mentions: list[Mention] = []

    def put(m: Mention) -> None:
        mentions.append(m)
        for i in range(m.start, m.end):
            base[i] = m

    for ent in doc.ents:
        kind = _RULER_KINDS.get(ent.label_)
        actor: Actor | None = None
        if kind and ent.ent_id_:
            actor = gaz.get(ent.ent_id_)
        elif ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
            text = ent.text.strip()
            if text.lower().startswith("the "):
                text = text[4:]
            found = [a for a in gaz.lookup(text) if ent.label_ != "PERSON" or a.type == "Person"]
            if found:
                actor = found[0]
                kind = "person" if actor.type == "Person" else ("demonym" if ent.label_ == "NORP" else "name")
            elif ent.label_ == "PERSON":
                kind = "unknown-person"
        if kind is None:
            continue
        if actor is None and kind != "unknown-person":
            continue
        root = ent.root
        plural = root.tag_ in {"NNS", "NNPS"}
        if kind == "demonym" and (plural or (root.pos_ in {"NOUN", "PROPN"} and root.dep_ in _ARG_DEPS)):
            kind = "state"
        if kind == "unknown-person":
            # kept only if a title gives it a state (below)
            mentions.append(Mention(ent.start, ent.end, root.i, Actor("?", "Person", ent.text), kind, None))
            continue
        assert actor is not None
        placed = root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS  # "a meeting in Brussels"
        actor = _org_roles(gaz, acting_for(gaz, actor, date), "" if placed else kind, ent.text)
        put(Mention(ent.start, ent.end, root.i, actor, kind, _state_of(gaz, actor, date), plural))

    # hyphenated combining forms: "Franco-German", "Sino-Indian"
    for tok in doc:
        form = COMBINING_FORMS.get(tok.lower_)
        if form and tok.i + 2 < len(doc) and doc[tok.i + 1].text in {"-", "–"} and (tok.i + 2) in base:
            found = gaz.lookup(form)
            if found and tok.i not in base:
                put(Mention(tok.i, tok.i + 1, tok.i, found[0], "demonym", _state_of(gaz, found[0], date)))

    out: list[Mention] = []
    consumed: set[int] = set()
    for sent in doc.sents:
        lo, hi = sent.start, sent.end
        i = lo
        while i < hi:
            title = fnd.match_phrase(doc, i, fnd.titles, hi)
            body = fnd.match_phrase(doc, i, fnd.bodies, hi) if title is None else None
            if title is None and body is None and doc[i].lower_ in STATE_NOUNS:
                body = (i + 1, "")
            if title is None and body is None:
                i += 1
                continue
            end, phrase = title or body  # type: ignore[misc]
            if any(k in base and base[k].kind in {"person", "body", "name"} for k in range(i, end)):
                i += 1
                continue
            owners = _owner_before(doc, i, base, lo)
            after, after_end = ([], end) if owners else _owners_after(doc, end, base, hi)
            owners = owners or after
            if not owners:
                i = end
                continue
            span_start = min([o.start for o in owners] + [i])  # "the junta in Niamey" covers "junta"
            span_end = max(end, after_end)
            if title is not None:
                role = fnd.gaz.titles[phrase]
                named = _name_after(doc, span_end, hi, mentions)
                if named is not None and named.kind == "person":
                    # a known person: keep the person, absorb the title so the demonym is not a separate actor
                    for o in owners:
                        consumed.add(id(o))
                    named.start = min(named.start, span_start)
                    i = named.end
                    continue
                for owner in owners:
                    if named is not None:
                        person = gaz.make_person(doc[named.start : named.end].text, role, owner.actor)
                        consumed.add(id(named))
                        stop = named.end
                    else:
                        person = gaz.make_person(f"{owner.actor.label} {role}", role, owner.actor)
                        stop = span_end
                    out.append(
                        Mention(
                            span_start, stop, doc[stop - 1].i, person, "person", owner.state, confidence=0.9
                        )
                    )
                    consumed.add(id(owner))
                i = span_end if named is None else named.end
                continue
            head = doc[end - 1]
            plural = head.tag_ in {"NNS", "NNPS"}
            for owner in owners:
                if phrase:
                    key = fnd.gaz.body_types[phrase][0]
                    actor_b = gaz.make_body(owner.actor, key)
                    out.append(
                        Mention(span_start, span_end, head.i, actor_b, "body", owner.state, plural, 0.95)
                    )
                else:
                    out.append(
                        Mention(span_start, span_end, head.i, owner.actor, "state", owner.state, plural, 0.95)
                    )
                consumed.add(id(owner))
            i = span_end
    result = [m for m in mentions if id(m) not in consumed and m.kind != "unknown-person"]
    result.extend(out)
    result.extend(_rebels(doc, gaz, result))
    return MentionIndex(_dedupe(result))


_REBEL_WORDS = frozenset({"rebel", "rebels", "insurgent", "insurgents", "opposition"})
_REBEL_HEADS = frozenset(
    {"group", "groups", "faction", "factions", "forces", "fighters", "delegation", "militias", "movement"}
)
_OPPOSITION: dict[str, Actor] = {}


def _opposition_groups(gaz: Any) -> dict[str, Actor]:
    """ISO3 -> the state's armed/political opposition group, from group ids "<demonym>-opposition"."""
    if not _OPPOSITION:
        for actor in gaz.iter_actors():
            if actor.type == "NonStateGroup" and actor.id.endswith("-opposition"):
                states = [a for a in gaz.lookup(actor.id[: -len("-opposition")]) if a.type == "State"]
                if states and states[0].state:
                    _OPPOSITION[states[0].state] = actor
        _OPPOSITION.setdefault("", Actor("none", "NonStateGroup", "none"))  # loaded, even if empty
    return _OPPOSITION


def _rebels(doc: Any, gaz: Any, found: list[Mention]) -> list[Mention]:
    """Unnamed rebels of the state in focus: "Turkey supported rebel groups fighting Assad's forces".

    "Rebels", "rebel factions" or "armed opposition groups" name no group; in a sentence (else paragraph)
    about a state whose opposition the gazetteer knows ("syrian-opposition"), they are that group.
    """
    groups = _opposition_groups(gaz)
    taken = {i for m in found for i in range(m.start, m.end)}
    out: list[Mention] = []
    for tok in doc:
        if tok.lower_ not in _REBEL_WORDS or tok.i in taken or tok.pos_ not in {"NOUN", "ADJ", "PROPN"}:
            continue
        if any(c.dep_ == "prep" and c.lower_ in {"to", "of", "in"} for c in tok.children):
            continue  # "opposition to the plan", "the opposition in parliament"
        head = tok.head if tok.dep_ in {"compound", "amod"} and tok.head.lower_ in _REBEL_HEADS else tok
        if head is not tok and head.i in taken:
            continue
        if head is tok and tok.lower_ in {"rebel", "insurgent"}:
            continue  # an adjective without a group noun ("rebel-held")
        sent = tok.sent
        near = [m for m in found if sent.start <= m.start < sent.end and m.state in groups]
        near = near or [m for m in found if m.end <= tok.i and m.state in groups]
        if not near:
            continue
        focus = min(near, key=lambda m: abs(m.start - tok.i))
        group = groups[focus.state or ""]
        start = min(tok.i, head.i)
        out.append(Mention(start, max(tok.i, head.i) + 1, head.i, group, "name", None, True, 0.8))
    return out


_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT"})


def _name_after(doc: Any, j: int, hi: int, mentions: Sequence[Mention]) -> Mention | None:
    """The person named right after a title ("Foreign Minister Jean Dupont", "President of X I. Aliyev")."""
    for m in mentions:
        if m.kind in {"person", "unknown-person"} and j <= m.start <= j + 2:
            between = doc[j : m.start]
            if all(t.is_punct is False and (t.pos_ == "PROPN" or t.text.endswith(".")) for t in between):
                return m
    return None


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
