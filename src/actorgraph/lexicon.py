"""The relation lexicon and the word classes: the English the extractor knows (lexicon.tsv, words.tsv).

The lexicon is data, not code, so a user can read it and add the verbs and nouns of their own field without
touching the extractor. Each entry names a trigger (a lemma or short phrase and its part of speech), the
ontology relation it signals and a few argument-frame hints ("support *for* X", "talks *between* A and B").
Entries whose relation starts with ``_`` are helper roles the extractor needs around relations: speech verbs,
light verbs ("expressed support"), negators ("refused to"), hedges ("reportedly") and crediting verbs.
:class:`WordClasses` (``words.tsv``) holds the other closed word lists the rules read: instrument nouns
("decree"), means prepositions ("via"), territory nouns ("airspace") and the like.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .model import RelationType
from .ontology import load_relation_types
from .resources import lexicon_path, words_path

__all__ = [
    "FRAME_FLAGS",
    "HELPER_ROLES",
    "POS_VALUES",
    "Lexicon",
    "LexiconEntry",
    "WordClasses",
    "load_lexicon",
    "load_words",
    "parse_lexicon",
    "parse_words",
]

POS_VALUES = frozenset({"verb", "noun", "adj", "adv", "participle"})
HELPER_ROLES = frozenset({"_speech", "_light", "_negator", "_hedge", "_credit"})
FRAME_FLAGS = frozenset(
    {"dobj", "between", "recip", "role", "rev", "negflip", "prefix", "attended", "enemies", "refusal"}
)
#: How a word class is matched: against a token's lemma or its lower-cased form.
MATCH_KINDS = frozenset({"lemma", "form"})


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One trigger of the lexicon.

    Attributes:
        lemma: the trigger's lemma or phrase, lower case ("support", "call on", "phone call").
        pos: ``verb``, ``noun``, ``adj``, ``adv`` or ``participle``.
        relation: an ontology relation name, or a helper role (``_speech``, ``_light``...).
        preps: prepositions that introduce the object ("for", "on"), in the order given.
        flags: frame flags (``dobj``, ``between``, ``recip``, ``role``, ``rev``, ``negflip``: the trigger
            asserts the relation only when negated, as in "did not rule out action against X"; ``prefix``,
            ``attended``, ``enemies``, ``refusal``: see the header of ``lexicon.tsv``).
        polarity: an override of the ontology polarity (for ``_credit`` verbs: 1 for praise), or None.
    """

    lemma: str
    pos: str
    relation: str
    preps: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    polarity: int | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The phrase split into words."""
        return tuple(self.lemma.split())

    @property
    def head(self) -> str:
        """The word that carries the phrase in a parse: the last word of a noun phrase, else the first.

        Examples:
            >>> LexiconEntry("phone call", "noun", "consultsWith").head
            'call'
            >>> LexiconEntry("call on", "verb", "requests").head
            'call'
        """
        words = self.words
        return words[-1] if self.pos == "noun" else words[0]

    @property
    def is_helper(self) -> bool:
        """Whether the entry is a helper role rather than a relation."""
        return self.relation.startswith("_")


class Lexicon:
    """Lexicon entries indexed by head word and part of speech, with the relation types they resolve to.

    Args:
        entries: the entries, in file order (earlier entries are tried first).
        relation_types: the ontology's relation types by name (``load_relation_types()``).
    """

    def __init__(self, entries: Iterable[LexiconEntry], relation_types: Mapping[str, RelationType]) -> None:
        self.entries: tuple[LexiconEntry, ...] = tuple(entries)
        self._types = dict(relation_types)
        self._index: dict[tuple[str, str], list[LexiconEntry]] = {}
        for entry in self.entries:
            self._index.setdefault((entry.head, entry.pos), []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, head: str, pos: str) -> list[LexiconEntry]:
        """Entries whose head word is ``head`` (lower-cased lemma) with part of speech ``pos``."""
        return self._index.get((head.lower(), pos), [])

    def relations(self, head: str, pos: str) -> list[LexiconEntry]:
        """Like :meth:`lookup`, without helper roles."""
        return [e for e in self.lookup(head, pos) if not e.is_helper]

    def has_role(self, head: str, role: str, pos: str | None = None) -> bool:
        """Whether ``head`` has the helper role ``role`` (``_speech``...), for any or one part of speech."""
        poses = POS_VALUES if pos is None else (pos,)
        return any(e.relation == role for p in poses for e in self.lookup(head, p))

    def relation_type(self, entry: LexiconEntry) -> RelationType:
        """The ontology relation type an entry signals, with its polarity override applied.

        Raises:
            KeyError: the entry is a helper role.
        """
        rtype = self._types[entry.relation]
        if entry.polarity is not None and entry.polarity != rtype.polarity:
            rtype = replace(rtype, polarity=entry.polarity)
        return rtype

    def hinted(self, hint: str) -> RelationType | None:
        """The first relation type (by name) carrying the ontology rule hint ``hint``, or None.

        Examples:
            >>> load_lexicon().hinted("accusation").name
            'accuses'
        """
        return next((t for t in self._types.values() if hint in t.hints), None)

    def credit_sign(self, lemma: str) -> int:
        """The sign of a crediting verb: 1 for praise ("thank"), -1 for blame, 0 for a word that is none.

        Examples:
            >>> load_lexicon().credit_sign("thank"), load_lexicon().credit_sign("blame")
            (1, -1)
        """
        signs = [e.polarity or 0 for e in self.lookup(lemma, "verb") if e.relation == "_credit"]
        return 1 if any(s > 0 for s in signs) else (-1 if signs else 0)

    def has_flag(self, head: str, pos: str, flag: str, *, role: str | None = None) -> bool:
        """Whether an entry of ``head`` with ``pos`` (and relation or role ``role``, if given) has a flag."""
        return any(flag in e.flags and (role is None or e.relation == role) for e in self.lookup(head, pos))


def _parse_frame(text: str, where: str) -> tuple[tuple[str, ...], frozenset[str]]:
    preps: list[str] = []
    flags: set[str] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if part.startswith("prep:"):
            preps.extend(p.strip().lower() for p in part[5:].split("|") if p.strip())
        elif part in FRAME_FLAGS:
            flags.add(part)
        else:
            raise InputError(
                f"{where}: unknown frame hint {part!r} (use prep:X|Y or one of {sorted(FRAME_FLAGS)})"
            )
    return tuple(preps), frozenset(flags)


def parse_lexicon(
    text: str, relation_types: Mapping[str, RelationType], source: str = "<lexicon>"
) -> list[LexiconEntry]:
    r"""Parse lexicon TSV text into entries, checking relation names against the ontology.

    Args:
        text: the TSV text (``#`` comment lines, a ``lemma``-headed line and blank lines are skipped).
        relation_types: the ontology's relation types by name.
        source: the file name, for error messages.

    Returns:
        The entries in file order.

    Raises:
        InputError: a line has too few columns, an unknown part of speech, relation, frame hint or polarity.

    Examples:
        >>> types = load_relation_types()
        >>> [e.preps for e in parse_lexicon("support\tnoun\tsupports\tprep:for|to\n", types)]
        [('for', 'to')]
    """
    entries: list[LexiconEntry] = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        where = f"{source}:{number}"
        cells = [c.strip() for c in row] + ["", ""]
        lemma, pos, relation, frame, polarity = (
            cells[0].lower(),
            cells[1].lower(),
            cells[2],
            cells[3],
            cells[4],
        )
        if lemma == "lemma" and pos == "pos":
            continue
        if pos not in POS_VALUES:
            raise InputError(f"{where}: unknown part of speech {pos!r} (use one of {sorted(POS_VALUES)})")
        if relation not in relation_types and relation not in HELPER_ROLES:
            raise InputError(
                f"{where}: unknown relation {relation!r}; known: {', '.join(sorted(relation_types))} "
                f"and helper roles {', '.join(sorted(HELPER_ROLES))}"
            )
        preps, flags = _parse_frame(frame, where)
        override: int | None = None
        if polarity:
            try:
                override = int(polarity)
            except ValueError:
                raise InputError(f"{where}: polarity must be -1, 0 or 1, not {polarity!r}") from None
            if override not in (-1, 0, 1):
                raise InputError(f"{where}: polarity must be -1, 0 or 1, not {polarity!r}")
        entries.append(LexiconEntry(lemma, pos, relation, preps, flags, override))
    return entries


def load_lexicon(
    path: str | os.PathLike[str] | None = None,
    extra_files: Iterable[str | os.PathLike[str]] = (),
    relation_types: Mapping[str, RelationType] | None = None,
) -> Lexicon:
    """Read the shipped lexicon (or ``path``) plus any extra files into a :class:`Lexicon`.

    Extra files come after the shipped entries, so they add triggers; they cannot remove any.

    Args:
        path: a lexicon TSV to use instead of the shipped ``ontology/lexicon.tsv``.
        extra_files: further TSV files with the same columns.
        relation_types: relation types to check against (default: the shipped ontology's).

    Returns:
        The lexicon.

    Raises:
        InputError: a file is missing or malformed; the message names the file and line.

    Examples:
        >>> lex = load_lexicon()
        >>> [e.relation for e in lex.relations("support", "verb")]
        ['supports']
    """
    types = dict(relation_types) if relation_types is not None else load_relation_types()
    entries: list[LexiconEntry] = []
    for file in (Path(path) if path is not None else lexicon_path(), *map(Path, extra_files)):
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read lexicon {file}: {exc.strerror or exc}") from None
        entries.extend(parse_lexicon(text, types, str(file)))
    return Lexicon(entries, types)


class WordClasses:
    r"""Closed classes of English words the extraction rules read (``words.tsv``), matched by lemma or form.

    Args:
        classes: class name -> (match kind, words).

    Examples:
        >>> words = parse_words("class\tmatch\twords\tuse\nweapon\tlemma\tdrone|missile\tarms\n")
        >>> words.has("weapon", "drone"), words.has("weapon", "tank"), words.match("weapon")
        (True, False, 'lemma')
    """

    def __init__(self, classes: Mapping[str, tuple[str, frozenset[str]]]) -> None:
        self._classes = dict(classes)

    def __len__(self) -> int:
        return len(self._classes)

    def names(self) -> list[str]:
        """The class names, sorted."""
        return sorted(self._classes)

    def words(self, name: str) -> frozenset[str]:
        """The words of a class (empty for an unknown class)."""
        entry = self._classes.get(name)
        return entry[1] if entry else frozenset()

    def match(self, name: str) -> str:
        """How the class is matched: ``lemma`` or ``form`` (``form`` for an unknown class)."""
        entry = self._classes.get(name)
        return entry[0] if entry else "form"

    def has(self, name: str, word: str) -> bool:
        """Whether ``word`` (compared lower-case) belongs to the class ``name``."""
        return word.lower() in self.words(name)


def parse_words(text: str, source: str = "<words>") -> WordClasses:
    """Parse word-class TSV text: columns class, match (``lemma`` or ``form``), words (``|``-separated), use.

    Raises:
        InputError: a line lacks the words column, has an unknown match kind, or repeats a class.
    """
    classes: dict[str, tuple[str, frozenset[str]]] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in row]
        if cells[0] == "class":
            continue
        where = f"{source}:{number}"
        if len(cells) < 3:
            raise InputError(f"{where}: expected class, match, words and use columns")
        name, match, words = cells[0], cells[1].lower(), cells[2]
        if match not in MATCH_KINDS:
            raise InputError(f"{where}: unknown match kind {match!r} (use lemma or form)")
        if name in classes:
            raise InputError(f"{where}: word class {name!r} is defined twice")
        classes[name] = (match, frozenset(w.strip().lower() for w in words.split("|") if w.strip()))
    return WordClasses(classes)


def load_words(path: str | os.PathLike[str] | None = None) -> WordClasses:
    """Read the word classes (default: the shipped ``ontology/words.tsv``).

    Raises:
        InputError: the file is missing or malformed.

    Examples:
        >>> load_words().has("means_prep", "via")
        True
    """
    file = Path(path) if path is not None else words_path()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read word classes {file}: {exc.strerror or exc}") from None
    return parse_words(text, str(file))
