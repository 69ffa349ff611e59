"""The actor gazetteer: who the actors are, every name they go by, and whom they act for on a given date.

The data lives in ``ontology/gazetteer/*.tsv`` so that users can read and extend it without touching code;
this module only loads it, indexes every surface form under a spelling-insensitive key, and turns it into
entity-ruler patterns. It also owns the rest of what the pipeline knows about actors: seats and parents of
organisations, cities, the opposition groups of states, combining forms ("Sino-" is China) and the nouns that
stand for actors without naming them ("the Russian side", "the two countries"; ``nouns.tsv``). It imports
neither spaCy nor rdflib at module level (rdflib only to read a user's
Turtle file), so every stage can use it in tests without a model.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError, UnknownActorError
from .model import ACTOR_BASE, ACTOR_TYPES, Actor, ActorType, Affiliation
from .resources import GAZETTEER_FILES, gazetteer_dir

__all__ = [
    "DATA_FILES",
    "Gazetteer",
    "load_gazetteer",
    "loose_key",
    "normalize",
    "slugify",
]

#: The files of a gazetteer folder (all required), in the order they are read.
DATA_FILES = GAZETTEER_FILES

# Match ranks: lower wins when one surface names several actors.
_RANK_NAME, _RANK_ALIAS, _RANK_CODE, _RANK_CAPITAL, _RANK_DEMONYM = 0, 1, 2, 3, 4
_RANK_SHARED = 10  # added to forms marked "?" in the data: shared with another actor, never preferred

# Letters that Unicode decomposition does not reduce to ASCII.
_FOLD = str.maketrans(
    {"ı": "i", "ə": "a", "Ə": "a", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "ß": "ss", "æ": "ae"}
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʻ": "'", "`": "'", "ʼ": "'", "–": "-", "—": "-"})
# Single words that are also ordinary English words: matched only as capitalised or upper-case text.
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4}[A-Z]?)$")
_TOKEN = re.compile(r"[A-Za-zÀ-ÿĀ-ſƀ-ɏəƏ0-9.'’]+|[-,()/]")

_KIND_LABELS = {
    "name": "AG_NAME",
    "capital": "AG_CAPITAL",
    "demonym": "AG_DEMONYM",
    "person": "AG_PERSON",
    "body": "AG_BODY",
}


def _ascii_fold(text: str) -> str:
    """Strip diacritics and fold the letters decomposition misses, keeping case."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Return the lookup key of a surface form: case, diacritics, punctuation and "the"/"'s" folded away.

    Lookups go through this key so that "Türkiye", "TURKIYE" and "the Turkiye's" find the same actor.

    Args:
        text: any surface form.

    Returns:
        The folded key (lower-case ASCII words separated by single spaces).

    Examples:
        >>> normalize("Mevlüt Çavuşoğlu")
        'mevlut cavusoglu'
        >>> normalize("the Kremlin's")
        'kremlin'
        >>> normalize("U.S.")
        'us'
    """
    key = _ascii_fold(text).casefold().strip()
    key = re.sub(r"'s$|'$", "", key)
    key = key.replace(".", "").replace("'", "")
    key = re.sub(r"[^a-z0-9]+", " ", key).strip()
    return re.sub(r"^the ", "", key)


def loose_key(text: str) -> str:
    """Return a coarser key that also merges common transliteration variants.

    Russian, Armenian and Turkish names reach English news in several spellings (Chavushoglu/Cavusoglu,
    Pashinian/Pashinyan, Sergei/Sergey, Zelenskyy/Zelensky); this key maps them together. It is only
    consulted when the exact key finds nothing, because it also merges a few unrelated names.

    Examples:
        >>> loose_key("Chavushoglu") == loose_key("Çavuşoğlu")
        True
        >>> loose_key("Pashinian") == loose_key("Pashinyan")
        True
    """
    key = normalize(text)
    for old, new in (("sh", "s"), ("ch", "c"), ("zh", "z"), ("kh", "h"), ("y", "i"), ("j", "i"), ("w", "v")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def slugify(text: str) -> str:
    """Return the actor-id slug of a name (lower-case ASCII, hyphens).

    Examples:
        >>> slugify("Recep Tayyip Erdoğan")
        'recep-tayyip-erdogan'
    """
    return re.sub(r"[^a-z0-9]+", "-", _ascii_fold(text).lower().replace("'", "")).strip("-")


def _split(cell: str) -> list[str]:
    """Split a ``|`` list cell, dropping empty items."""
    return [item.strip() for item in cell.split("|") if item.strip()]


def _shared(form: str) -> tuple[str, bool]:
    """Strip the trailing ``?`` that marks a form shared with another actor."""
    return (form[:-1].strip(), True) if form.endswith("?") else (form, False)


def _read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a gazetteer TSV: ``#`` comment lines, then a header row.

    Raises:
        InputError: the file is missing or a row has more cells than the header.
    """
    header: list[str] | None = None
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read gazetteer file ({exc.strerror or exc})") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise InputError(f"{path}:{number}: {len(cells)} columns, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield number, dict(zip(header, (c.strip() for c in cells), strict=True))


@dataclass
class _Entry:
    """Everything the gazetteer knows about one actor beyond the :class:`Actor` itself."""

    actor: Actor
    seats: tuple[str, ...] = ()
    shared: frozenset[str] = frozenset()
    body_key: str | None = None
    co_chairs: tuple[str, ...] = ()
    order: int = 0


@dataclass
class Gazetteer:
    """Actors indexed by id, ISO code and every surface form, with the data for state bodies and titles.

    Build one with :func:`load_gazetteer`; the instance is treated as read-only afterwards.
    """

    entries: dict[str, _Entry] = field(default_factory=dict)
    body_types: dict[str, tuple[str, str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    version: str = ""
    _seats: dict[str, str] = field(default_factory=dict, repr=False)
    _parents: dict[str, str] = field(default_factory=dict, repr=False)
    _cities: dict[str, str] = field(default_factory=dict, repr=False)
    _oppositions: dict[str, str] = field(default_factory=dict, repr=False)
    _combining: dict[str, str] = field(default_factory=dict, repr=False)
    _publishers: dict[str, str] = field(default_factory=dict, repr=False)
    _homonyms: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False)
    _codes: dict[str, str] = field(default_factory=dict, repr=False)
    _index: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict, repr=False)
    _loose: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict, repr=False)
    _surfaces: dict[str, str] = field(default_factory=dict, repr=False)
    _offices: dict[str, list[tuple[Actor, Affiliation]]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ building
    def _add(self, entry: _Entry) -> None:
        """Add or replace an actor (extra files override shipped actors with the same id)."""
        old = self.entries.get(entry.actor.id)
        entry.order = old.order if old else len(self.entries)
        self.entries[entry.actor.id] = entry

    def _reindex(self) -> None:
        """Rebuild the code and surface indexes from the entries."""
        self._codes.clear()
        self._index.clear()
        self._loose.clear()
        self._surfaces.clear()
        self._offices.clear()
        for entry in self.entries.values():
            actor = entry.actor
            if actor.type == "Person":
                for affiliation in actor.affiliations:  # office holders by role, for "the Vice President"
                    self._offices.setdefault(affiliation.role.lower(), []).append((actor, affiliation))
            if actor.type == "State" and actor.state:
                self._codes.setdefault(actor.state.upper(), actor.id)
            for surface, rank in self._forms(entry):
                self._index_form(surface, rank, entry)

    def _index_form(self, surface: str, rank: int, entry: _Entry) -> None:
        key = normalize(surface)
        if not key:
            return
        if key in entry.shared:
            rank += _RANK_SHARED
        item = (rank, entry.order, entry.actor.id)
        for index, k in ((self._index, key), (self._loose, loose_key(surface))):
            bucket = index.setdefault(k, [])
            if all(i[2] != entry.actor.id for i in bucket):
                bucket.append(item)
            else:
                bucket[:] = [min(i, item) if i[2] == entry.actor.id else i for i in bucket]
        self._surfaces.setdefault(key, surface)

    @staticmethod
    def _forms(entry: _Entry) -> Iterator[tuple[str, int]]:
        """Yield (surface, rank) for every form an actor goes by."""
        actor = entry.actor
        yield actor.label, _RANK_NAME
        yield actor.id, _RANK_NAME
        for alias in actor.alt_labels:
            yield alias, _RANK_ALIAS
        if actor.type == "State" and actor.state:
            yield actor.state, _RANK_CODE
        if actor.capital:
            yield actor.capital, _RANK_CAPITAL
        for seat in entry.seats:
            yield seat, _RANK_CAPITAL
        for demonym in actor.demonyms:
            yield demonym, _RANK_DEMONYM

    # ------------------------------------------------------------------ lookups
    def get(self, actor_id: str) -> Actor | None:
        """Return the actor with this id (slug), or None."""
        entry = self.entries.get(actor_id)
        return entry.actor if entry else None

    def by_code(self, code: str) -> Actor | None:
        """Return the state with this ISO 3166-1 alpha-3 code (or de facto ``X..`` code), or None."""
        actor_id = self._codes.get(code.strip().upper())
        return self.get(actor_id) if actor_id else None

    def iter_actors(self) -> Iterator[Actor]:
        """Yield every actor, shipped ones first, in data order."""
        for entry in self.entries.values():
            yield entry.actor

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, surface: str, *, loose: bool = True) -> list[Actor]:
        """Return every actor a surface form may name, best match first.

        Names beat aliases, aliases beat codes, codes beat capitals and seats, and those beat demonyms;
        forms the data marks as shared ("Congolese" for the Republic of the Congo) come last. The match is
        case-, diacritic- and transliteration-insensitive.

        Args:
            surface: a name, alias, ISO3 code, capital, seat of power or demonym, as written.
            loose: also try the transliteration key (:func:`loose_key`) when nothing matches exactly.

        Returns:
            The matching actors (empty when nothing matches).

        Examples:
            >>> [a.id for a in load_gazetteer().lookup("Cavusoglu")]
            ['mevlut-cavusoglu']
            >>> [a.id for a in load_gazetteer().lookup("Azeris")]
            ['azerbaijan']
        """
        key = normalize(surface)
        items = self._index.get(key) or (self._loose.get(loose_key(surface)) if loose else None) or []
        return [self.entries[actor_id].actor for _, _, actor_id in sorted(items)]

    def resolve(self, name: str) -> Actor:
        """Return the single best actor for a name, id or code a user gave (``--actor``, query parameters).

        Args:
            name: an actor id, ISO3 code or any surface form.

        Returns:
            The best-ranked match.

        Raises:
            UnknownActorError: nothing matches; the message lists the closest known names.

        Examples:
            >>> load_gazetteer().resolve("Ankara").id
            'turkey'
        """
        actor = self.get(name)
        if actor is not None:
            return actor
        found = self.lookup(name)
        if found:
            return found[0]
        key = normalize(name)
        close = difflib.get_close_matches(key, list(self._surfaces), n=5, cutoff=0.6)
        suggestions = ", ".join(f"{self._surfaces[k]!r}" for k in close) or "none"
        raise UnknownActorError(f"unknown actor {name!r} (closest matches: {suggestions})")

    def state_code(self, actor: Actor, date: str | None = None) -> str | None:
        """Return the ISO3 code of the state an actor is or acts for on a date.

        States are themselves; bodies and state-bound groups act for their state; organisations and other
        groups act for none. A person acts for the state of the office they hold on that date (an office in a
        group or organisation passes on that target's state, e.g. the GNA's Libya); a person holding no
        office on the date acts for none, because a former minister no longer speaks for the state.

        Args:
            actor: the actor (a thin actor from JSON is looked up by id).
            date: ISO date (``YYYY-MM-DD``); None means "now", i.e. the actor's default state.

        Returns:
            The ISO3 code, or None.

        Examples:
            >>> gaz = load_gazetteer()
            >>> gaz.state_code(gaz.resolve("Mammadyarov"), "2020-07-01")
            'AZE'
            >>> gaz.state_code(gaz.resolve("Mammadyarov"), "2020-08-01") is None
            True
        """
        known = self.get(actor.id)
        if known is not None and known.type == actor.type:
            actor = known
        if actor.type != "Person" or not actor.affiliations or date is None:
            return actor.state
        holding = [a for a in actor.affiliations if a.holds_on(date)]
        for affiliation in sorted(holding, key=lambda a: a.start or "", reverse=True):
            code = self._target_state(affiliation.target)
            if code:
                return code
        return None

    def office_holder(self, target: str, role: str, date: str | None) -> Actor | None:
        """The one person the gazetteer knows to hold ``role`` for ``target`` on ``date``, else None.

        What "the Vice President" means in a release its government published: the office is the
        publisher's, and the holder on the document's date is who spoke or met.

        Examples:
            >>> load_gazetteer().office_holder("united-states", "Vice President", "2022-05-01").id
            'kamala-harris'
            >>> load_gazetteer().office_holder("united-states", "Prime Minister", "2022-05-01") is None
            True
        """
        return self._one_holder(role, date, lambda actor, office: office.target == target)

    def titled_person(self, surname: str, role: str, date: str | None) -> Actor | None:
        """The one known person called ``surname`` who holds ``role`` on ``date`` ("Vice President Harris").

        Examples:
            >>> load_gazetteer().titled_person("Harris", "Vice President", "2022-05-01").id
            'kamala-harris'
            >>> load_gazetteer().titled_person("Harris", "Prime Minister", "2022-05-01") is None
            True
        """
        last = normalize(surname).split()[-1:]
        return self._one_holder(role, date, lambda actor, office: normalize(actor.label).split()[-1:] == last)

    def _one_holder(
        self, role: str, date: str | None, matches: Callable[[Actor, Affiliation], bool]
    ) -> Actor | None:
        """The one person holding ``role`` on ``date`` that ``matches`` accepts, else None."""
        found = {
            actor.id: actor
            for actor, office in self._offices.get(role.lower(), [])
            if office.holds_on(date) and matches(actor, office)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _target_state(self, target: str) -> str | None:
        """The state code an affiliation target stands for (a state, a body, a state-bound group)."""
        actor = self.get(target) or self.by_code(target)
        return actor.state if actor else None

    def members_of(self, org_id: str) -> list[Actor]:
        """Return the member states of an organisation (as far as the gazetteer records them)."""
        actor = self.get(org_id)
        if actor is None:
            return []
        return [state for code in actor.members if (state := self.by_code(code)) is not None]

    def co_chairs(self, org_id: str) -> list[Actor]:
        """Return the co-chair states of an organisation (the OSCE Minsk Group: Russia, France, US)."""
        entry = self.entries.get(org_id)
        if entry is None:
            return []
        return [state for code in entry.co_chairs if (state := self.by_code(code)) is not None]

    def memberships(self, actor_id: str) -> list[Actor]:
        """Return the organisations whose recorded members include the actor's state."""
        actor = self.get(actor_id)
        if actor is None or not actor.state:
            return []
        return [a for a in self.iter_actors() if actor.state in a.members]

    def seat_organisation(self, surface: str) -> Actor | None:
        """The organisation a seat stands for when it acts ("Brussels imposed sanctions": the EU), or None.

        Examples:
            >>> load_gazetteer().seat_organisation("Brussels").id
            'european-union'
        """
        org = self._seats.get(normalize(surface))
        return self.get(org) if org else None

    def parent_organisation(self, actor_id: str) -> Actor | None:
        """The organisation an organ acts for (the UN General Assembly: the United Nations), or None.

        Examples:
            >>> load_gazetteer().parent_organisation("un-general-assembly").id
            'united-nations'
        """
        parent = self._parents.get(actor_id)
        return self.get(parent) if parent else None

    def city_state(self, name: str) -> Actor | None:
        """The state a city lies in ("Ganja": Azerbaijan), or None; cities are attack targets, never subjects.

        Examples:
            >>> load_gazetteer().city_state("Ganja").id
            'azerbaijan'
        """
        code = self._cities.get(normalize(name))
        return self.by_code(code) if code else None

    def opposition_group(self, code: str | None) -> Actor | None:
        """The armed or political opposition of the state with this ISO3 code (``opposition_of``), or None.

        Examples:
            >>> load_gazetteer().opposition_group("SYR").id
            'syrian-opposition'
        """
        group = self._oppositions.get(code or "")
        return self.get(group) if group else None

    def combining_form(self, form: str) -> Actor | None:
        """The actor a combining form names ("sino" in "Sino-Indian": China), or None.

        Examples:
            >>> load_gazetteer().combining_form("Sino").id
            'china'
        """
        actor_id = self._combining.get(form.lower())
        return self.get(actor_id) if actor_id else None

    def homonym_context(self, name: str, actor_id: str) -> frozenset[str]:
        """The words that, near this name, mean it is not this actor ("governor" near "Georgia"), if any.

        Examples:
            >>> "governor" in load_gazetteer().homonym_context("Georgia", "georgia")
            True
        """
        return self._homonyms.get((name, actor_id), frozenset())

    def publisher(self, url: str | None) -> Actor | None:
        """The actor a document's web address speaks for (``publishers.tsv``), or None.

        Examples:
            >>> load_gazetteer().publisher("https://www.whitehouse.gov/briefing-room/statements/x/").id
            'united-states'
            >>> load_gazetteer().publisher("https://example.org/news") is None
            True
        """
        if not url:
            return None
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/", 1)[0].split(":", 1)[0]
        parts = host.split(".")
        for i in range(len(parts) - 1):
            actor_id = self._publishers.get(".".join(parts[i:]))
            if actor_id:
                return self.get(actor_id)
        return None

    def is_noun(self, noun_class: str, word: str) -> bool:
        """Whether a word (lower-cased) is in a class of ``nouns.tsv`` ("state": "the Russian *side*").

        Examples:
            >>> load_gazetteer().is_noun("event_sides", "Belligerents")
            True
        """
        return word.lower() in self.nouns.get(noun_class, frozenset())

    # ------------------------------------------------------------------ composition
    def make_body(self, state_actor: Actor, body_key: str) -> Actor:
        """Return a state's body of one type ("Russian foreign ministry" -> ``russia-foreign-ministry``).

        A named body registered for that state and type (the US State Department for the US foreign
        ministry) is returned instead, so both mentions become one node.

        Args:
            state_actor: the state.
            body_key: a key of ``bodies.tsv`` (``foreign-ministry``).

        Returns:
            A ``StateBody`` actor with the state's code.

        Raises:
            KeyError: the body key is unknown.

        Examples:
            >>> gaz = load_gazetteer()
            >>> body = gaz.make_body(gaz.resolve("Russia"), "foreign-ministry")
            >>> (body.id, body.label, body.state)
            ('russia-foreign-ministry', 'Russia Foreign Ministry', 'RUS')
        """
        labels = {key: label for key, label in self.body_types.values()}
        if body_key not in labels:
            raise KeyError(f"unknown body type {body_key!r} (known: {', '.join(sorted(labels))})")
        for entry in self.entries.values():
            if entry.body_key == body_key and entry.actor.state and entry.actor.state == state_actor.state:
                return entry.actor
        return Actor(
            id=f"{state_actor.id}-{body_key}",
            type="StateBody",
            label=f"{state_actor.label} {labels[body_key]}",
            state=state_actor.state,
            affiliations=(Affiliation(state_actor.id),),
        )

    def make_person(self, name: str, role: str, state_actor: Actor | None) -> Actor:
        """Return an actor for a titled person found in text ("French Foreign Minister Jean Dupont").

        A person already in the gazetteer under the same slug is returned as is.

        Args:
            name: the person's name as written.
            role: the normalised role (a value of :attr:`titles`).
            state_actor: the state the title names, if any.

        Returns:
            A ``Person`` actor affiliated to the state with that role.
        """
        person_id = slugify(name)
        known = self.get(person_id)
        if known is not None and known.type == "Person":
            return known
        affiliations = (Affiliation(state_actor.id, role),) if state_actor else ()
        return Actor(
            id=person_id,
            type="Person",
            label=name.strip(),
            state=state_actor.state if state_actor else None,
            affiliations=affiliations,
        )

    # ------------------------------------------------------------------ entity ruler
    def patterns(self) -> list[dict[str, Any]]:
        """Return spaCy entity-ruler token patterns for every actor surface form.

        Each pattern carries the actor slug as ``id`` and the mention kind as ``label`` (``AG_NAME``,
        ``AG_CAPITAL``, ``AG_DEMONYM``, ``AG_PERSON``, ``AG_BODY``). Multi-word forms match case-insensitively
        (``LOWER`` per token); single words match as written or in capitals (``TEXT``) so that "us", "un" or
        "turkey" the bird are not actors. Forms with diacritics also get an ASCII-folded pattern. A form the
        data marks as shared is left to the other actor; ISO3 codes are not patterns (too many collide with
        words: CAN, ARM, CHE).

        Returns:
            A list of ``{"label", "pattern", "id"}`` dicts, for the pipeline's gazetteer ruler (or spaCy's
            ``entity_ruler``).
        """
        seen: dict[tuple[str, ...], tuple[int, int]] = {}
        out: list[dict[str, Any]] = []
        for entry in sorted(self.entries.values(), key=lambda e: e.order):
            for surface, kind, rank in self._pattern_forms(entry):
                key = normalize(surface)
                if key in entry.shared:
                    if len(self._index.get(key, [])) > 1:
                        continue
                    rank += _RANK_SHARED
                variants = {surface, _ascii_fold(surface)}
                for variant in sorted(variants):
                    tokens = _tokens(re.sub(r"^the\s+", "", variant, flags=re.IGNORECASE))
                    for pattern in _token_patterns(tokens):
                        sig = tuple(f"{k}={v}" for tok in pattern for k, v in tok.items())
                        if sig in seen:
                            continue
                        seen[sig] = (rank, entry.order)
                        out.append({"label": _KIND_LABELS[kind], "pattern": pattern, "id": entry.actor.id})
        return out

    @staticmethod
    def _pattern_forms(entry: _Entry) -> Iterator[tuple[str, str, int]]:
        """Yield (surface, mention kind, rank) for the entity ruler."""
        actor = entry.actor
        kind = {"Person": "person", "StateBody": "body"}.get(actor.type, "name")
        yield actor.label, kind, _RANK_NAME
        for alias in actor.alt_labels:
            yield alias, kind, _RANK_ALIAS
        if actor.capital:
            yield actor.capital, "capital", _RANK_CAPITAL
        for seat in entry.seats:
            yield seat, "capital", _RANK_CAPITAL
        for demonym in actor.demonyms:
            yield demonym, "demonym", _RANK_DEMONYM


def _tokens(text: str) -> list[str]:
    """Split a surface form roughly as spaCy's English tokenizer does (hyphens, commas and "'s" apart)."""
    tokens: list[str] = []
    for chunk in _TOKEN.findall(text):
        if chunk.endswith(("'s", "’s")) and len(chunk) > 2:
            tokens += [chunk[:-2], chunk[-2:]]
        elif chunk.endswith(("'", "’")) and len(chunk) > 1:
            tokens += [chunk[:-1], chunk[-1]]
        else:
            tokens.append(chunk)
    return tokens


def _token_patterns(tokens: list[str]) -> list[list[dict[str, str]]]:
    """Token patterns for one tokenised form: LOWER for phrases, TEXT for single words and acronyms."""
    if not tokens:
        return []
    if len(tokens) == 1:
        word = tokens[0]
        variants = [word] if _ACRONYM.match(word) else [word, word.upper(), word[:1].upper() + word[1:]]
        return [[{"TEXT": v}] for v in dict.fromkeys(variants)]
    return [[{"LOWER": t.lower()} for t in tokens]]


# ---------------------------------------------------------------------- loading
def _named_actor(row: dict[str, str], actor_type: ActorType) -> Actor:
    """An actor from a row with id, name, aliases, state and wikidata columns (groups, named bodies)."""
    return Actor(
        id=row["id"],
        type=actor_type,
        label=row["name"],
        alt_labels=tuple(_split(row.get("aliases", ""))),
        state=row.get("state") or None,
        wikidata=row.get("wikidata") or None,
    )


def _load_states(gaz: Gazetteer, directory: Path) -> None:
    """Read ``states.tsv``: names, aliases, capitals and seats of power, demonyms (``?``: shared forms)."""
    for _, row in _read_tsv(directory / "states.tsv"):
        shared: set[str] = set()
        lists: dict[str, list[str]] = {}
        for column in ("aliases", "capital", "seats", "demonyms", "demonym_plurals"):
            forms = []
            for raw in _split(row.get(column, "")):
                form, is_shared = _shared(raw)
                forms.append(form)
                if is_shared:
                    shared.add(normalize(form))
            lists[column] = forms
        capitals = lists["capital"]
        actor = Actor(
            id=row["id"],
            type="State",
            label=row["name"],
            alt_labels=tuple(lists["aliases"]),
            state=row["iso3"],
            wikidata=row.get("wikidata") or None,
            capital=capitals[0] if capitals else None,
            demonyms=tuple(dict.fromkeys(lists["demonyms"] + lists["demonym_plurals"])),
        )
        gaz._add(_Entry(actor, seats=tuple(capitals[1:] + lists["seats"]), shared=frozenset(shared)))


def _load_shipped(gaz: Gazetteer, directory: Path) -> None:
    """Read the gazetteer folder's TSV files into the gazetteer."""
    _load_states(gaz, directory)
    for _, row in _read_tsv(directory / "organizations.tsv"):
        actor = Actor(
            id=row["id"],
            type="InternationalOrganization",
            label=row["name"],
            alt_labels=tuple(_split(row.get("aliases", ""))),
            wikidata=row.get("wikidata") or None,
            members=tuple(_split(row.get("members", ""))),
        )
        gaz._add(_Entry(actor, co_chairs=tuple(_split(row.get("co_chairs", "")))))
        for place in _split(row.get("seats", "")):
            gaz._seats[normalize(place)] = row["id"]
        if row.get("parent"):
            gaz._parents[row["id"]] = row["parent"]
    for _, row in _read_tsv(directory / "groups.tsv"):
        gaz._add(_Entry(_named_actor(row, "NonStateGroup")))
        if row.get("opposition_of"):
            gaz._oppositions[row["opposition_of"].upper()] = row["id"]
    for _, row in _read_tsv(directory / "named_bodies.tsv"):
        gaz._add(_Entry(_named_actor(row, "StateBody"), body_key=row.get("body_key") or None))
    path = directory / "people.tsv"
    for number, row in _read_tsv(path):
        affiliations = tuple(_parse_affiliation(a, path, number) for a in row["affiliations"].split(";") if a)
        actor = Actor(
            id=row["id"],
            type="Person",
            label=row["name"],
            alt_labels=tuple(_split(row.get("aliases", ""))),
            wikidata=row.get("wikidata") or None,
            affiliations=affiliations,
        )
        gaz._add(_Entry(actor))
    for _, row in _read_tsv(directory / "bodies.tsv"):
        for phrase in _split(row["phrases"]):
            gaz.body_types[phrase.lower()] = (row["key"], row["label"])
    for _, row in _read_tsv(directory / "titles.tsv"):
        gaz.titles[row["phrase"].lower()] = row["role"]
    _load_reference_data(gaz, directory)


def _load_reference_data(gaz: Gazetteer, directory: Path) -> None:
    """Read the data about actors that names none: cities, combining forms and actor nouns."""
    for _, row in _read_tsv(directory / "cities.tsv"):
        for name in filter(None, [row.get("city", ""), *_split(row.get("aliases", ""))]):
            gaz._cities.setdefault(normalize(name), row.get("iso3", ""))
    for _, row in _read_tsv(directory / "combining_forms.tsv"):
        gaz._combining[row["form"].lower()] = row["actor"]
    for _, row in _read_tsv(directory / "nouns.tsv"):
        gaz.nouns[row["class"]] = frozenset(w.lower() for w in _split(row["words"]))
    if (directory / "homonyms.tsv").is_file():
        for _, row in _read_tsv(directory / "homonyms.tsv"):
            gaz._homonyms[(row["name"], row["actor"])] = frozenset(w.lower() for w in _split(row["context"]))
    if (directory / "publishers.tsv").is_file():
        for _, row in _read_tsv(directory / "publishers.tsv"):
            gaz._publishers[row["domain"].lower().strip(".")] = row["actor"]


def _parse_affiliation(text: str, path: Path, line: int) -> Affiliation:
    """Parse ``target:role:start:end`` (dates ISO or empty)."""
    parts = text.strip().split(":")
    if len(parts) != 4 or not parts[0]:
        raise InputError(f"{path}:{line}: affiliation {text!r} is not target:role:start:end")
    target, role, start, end = (p.strip() for p in parts)
    for date in (start, end):
        if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise InputError(f"{path}:{line}: date {date!r} in {text!r} is not YYYY-MM-DD")
    return Affiliation(target, role, start or None, end or None)


def _settle_people(gaz: Gazetteer) -> None:
    """Give each person the state of their latest state-bearing office as default ``state``."""
    for entry in gaz.entries.values():
        actor = entry.actor
        if actor.type != "Person" or actor.state or not actor.affiliations:
            continue
        ordered = sorted(actor.affiliations, key=lambda a: (a.end is None, a.end or "", a.start or ""))
        for affiliation in reversed(ordered):
            code = gaz._target_state(affiliation.target)
            if code:
                entry.actor = replace(actor, state=code)
                break


_TYPE_NAMES: dict[str, ActorType] = {t.lower(): t for t in ACTOR_TYPES} | {
    "organization": "InternationalOrganization",
    "organisation": "InternationalOrganization",
    "io": "InternationalOrganization",
    "body": "StateBody",
    "group": "NonStateGroup",
}


def _load_user_table(path: Path) -> list[_Entry]:
    """Read a user actor table: columns id, type, labels (|-separated, first preferred), state."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    entries: list[_Entry] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read actor file ({exc})") from exc
    for number, cells in enumerate(rows, start=1):
        if not cells or not "".join(cells).strip() or cells[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in cells]
        if cells[0].lower() == "id" and number == _first_data_line(rows):
            continue
        if len(cells) not in (3, 4):
            raise InputError(
                f"{path}:{number}: expected 3 or 4 columns (id, type, labels, state), got {len(cells)}"
            )
        actor_id, type_name, labels_cell = cells[:3]
        state = cells[3].upper() if len(cells) == 4 and cells[3] else None
        actor_type = _TYPE_NAMES.get(type_name.lower())
        labels = _split(labels_cell)
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", actor_id):
            raise InputError(f"{path}:{number}: id {actor_id!r} is not a lower-case slug")
        if actor_type is None:
            raise InputError(
                f"{path}:{number}: unknown type {type_name!r} (use one of {', '.join(ACTOR_TYPES)})"
            )
        if not labels:
            raise InputError(f"{path}:{number}: no labels")
        if state is not None and not re.fullmatch(r"[A-Z]{3}", state):
            raise InputError(f"{path}:{number}: state {state!r} is not an ISO3 code")
        actor = Actor(
            id=actor_id, type=actor_type, label=labels[0], alt_labels=tuple(labels[1:]), state=state
        )
        entries.append(_Entry(actor))
    return entries


def _first_data_line(rows: list[list[str]]) -> int:
    """Line number of the first row that is neither blank nor a comment (where a header may be)."""
    for number, cells in enumerate(rows, start=1):
        if cells and "".join(cells).strip() and not cells[0].lstrip().startswith("#"):
            return number
    return 0


def _load_user_turtle(path: Path) -> list[_Entry]:
    """Read user actors from Turtle: rdf:type ag:State etc., skos:prefLabel/altLabel, ag:stateCode."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    from .model import ONTOLOGY_NS

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser-specific types
        raise InputError(f"{path}: not valid Turtle ({exc})") from exc
    entries: list[_Entry] = []
    for actor_type in ACTOR_TYPES:
        for subject in sorted(graph.subjects(RDF.type, URIRef(ONTOLOGY_NS + actor_type)), key=str):
            iri = str(subject)
            actor_id = (
                iri[len(ACTOR_BASE) :] if iri.startswith(ACTOR_BASE) else slugify(re.split(r"[/#]", iri)[-1])
            )
            pref = [str(o) for o in graph.objects(subject, SKOS.prefLabel) if isinstance(o, Literal)]
            alts = sorted(str(o) for o in graph.objects(subject, SKOS.altLabel) if isinstance(o, Literal))
            codes = [str(o) for o in graph.objects(subject, URIRef(ONTOLOGY_NS + "stateCode"))]
            if not pref:
                raise InputError(f"{path}: actor <{iri}> has no skos:prefLabel")
            actor = Actor(
                id=actor_id,
                type=actor_type,
                label=sorted(pref)[0],
                alt_labels=tuple(alts),
                state=codes[0].upper() if codes else None,
            )
            entries.append(_Entry(actor))
    return entries


def _load_user_file(path: Path) -> list[_Entry]:
    """Read one user actor file, choosing the reader by extension."""
    if not path.is_file():
        raise InputError(f"{path}: actor file not found")
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".csv"):
        return _load_user_table(path)
    if suffix in (".ttl", ".turtle"):
        return _load_user_turtle(path)
    raise InputError(f"{path}: unknown actor file type {suffix!r} (use .ttl, .tsv or .csv)")


def _version(files: Sequence[Path]) -> str:
    """sha1 over the names and bytes of all data files (a cache key for extraction results)."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_gazetteer(extra_files: Sequence[str | Path] = (), directory: str | Path | None = None) -> Gazetteer:
    """Load the shipped gazetteer plus user actor files.

    Args:
        extra_files: user actor files (``--actors``): Turtle, or TSV/CSV with columns id, type, labels, state.
            Their actors override shipped actors with the same id.
        directory: a gazetteer folder to use instead of the shipped ``ontology/gazetteer``.

    Returns:
        The gazetteer. The default one (no arguments) is cached.

    Raises:
        InputError: a data or user file is malformed; the message names the file and line.

    Examples:
        >>> load_gazetteer().by_code("TUR").label
        'Turkey'
    """
    if not extra_files and directory is None:
        return _default_gazetteer()
    return _build(tuple(Path(p) for p in extra_files), Path(directory) if directory else None)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _build((), None)


def _build(extra_files: tuple[Path, ...], directory: Path | None) -> Gazetteer:
    folder = directory if directory is not None else gazetteer_dir()
    gaz = Gazetteer()
    _load_shipped(gaz, folder)
    for path in extra_files:
        for entry in _load_user_file(path):
            gaz._add(entry)
    _settle_people(gaz)
    gaz._reindex()
    gaz.version = _version([folder / name for name in DATA_FILES] + [Path(p) for p in extra_files])
    return gaz
