"""The discourse frame of a document: who "I", "we", "you", "the leaders" and "the President" are.

Real prose leaves its main actors implicit. A readout names the two leaders once ("President X spoke today
with Prime Minister Y of Z") and then says "the leaders discussed", "they agreed"; a transcript of remarks
sets the speaker with a label ("PRIME MINISTER Y:") and then says "I", "we", "our country" and "you" for the
leader across the table; a joint statement says "we" for every signatory; a government release says "we" and
"the President" for its government. :class:`DiscourseFrame` keeps that state for one document, block by
block, so the rules can resolve those phrases when the paragraph itself does not.

The frame is seeded from the document's metadata (title, source) before any paragraph is parsed; speaker
labels set the turn of each paragraph, and ``Q`` labels open question turns (which assert nothing). What a
paragraph resolves against depends on nothing parsed before it, so paragraphs that cannot hold a relation
can be skipped without changing the others (:mod:`actorgraph.pipeline.selective`); only the people a
paragraph introduces with their office are remembered for later paragraphs.

Nothing here imports spaCy: actors are looked up through a callback, so the frame is cheap to test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .model import Actor

__all__ = [
    "DiscourseFrame",
    "Turn",
    "document_kind",
    "roster",
    "speaker_label",
    "title_segments",
]

#: A speaker label at the start of a paragraph: "PRESIDENT BIDEN:", "THE VICE PRESIDENT:", "Q".
_LABEL = re.compile(
    r"(?:\*\*)?(?P<label>Q(?=[\s\u00a0]*[\s\u00a0]{2}|:)|(?:[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.\u2019'\-]*"
    r"(?:[ \u00a0][A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.\u2019'\-]*){0,6}))(?:\*\*)?[ \u00a0]*:?(?:\*\*)?"
    r"(?=[\s\u00a0])"
)
_LABEL_END = re.compile(r"[\s\u00a0]*")
#: Labels that name no actor (the room, a moderator, a reporter).
_ANONYMOUS = frozenset(
    {
        "AUDIENCE",
        "AUDIENCE MEMBER",
        "AUDIENCE MEMBERS",
        "MODERATOR",
        "AIDE",
        "PARTICIPANT",
        "PARTICIPANTS",
        "REPORTER",
        "REPORTERS",
        "STAFF",
        "CROWD",
        "NARRATOR",
        "INTERPRETER",
        "OPERATOR",
        "VOICE",
        "VOICES",
    }
)
_KINDS = (
    ("joint", re.compile(r"\bjoint\b.*\b(statement|declaration|communiqu|readout)|^joint\b", re.IGNORECASE)),
    ("readout", re.compile(r"^readout\b|\breadout of\b", re.IGNORECASE)),
    (
        "transcript",
        re.compile(
            r"^(remarks|press conference|press availability|interview)\b|\bpress conference\b", re.IGNORECASE
        ),
    ),
    ("statement", re.compile(r"^statement\b", re.IGNORECASE)),
    ("letter", re.compile(r"^(letter|message)\b", re.IGNORECASE)),
    ("fact-sheet", re.compile(r"^fact sheet\b", re.IGNORECASE)),
)


#: Words after which a title names its topic or venue, not its parties ("... Call with X *on* Ukraine").
_TOPIC = re.compile(
    r"\s(?:on|at|in|before|during|after|following|ahead of|regarding|about|concerning|amid|upon|to discuss"
    r"|to mark|to commemorate|to celebrate|for)\s",
    re.IGNORECASE,
)
#: Offices named with "for" ("Minister for Foreign Affairs", "Special Envoy for Climate", "Commissioner for
#: Trade"): the "for" belongs to the office, not to a topic.
_FOR_OFFICES = frozenset(
    {"minister", "secretary", "commissioner", "envoy", "representative", "coordinator", "advisor", "adviser"}
)
#: A title segment about a meeting: its actors take part ("on National Security Advisor X's Call with Y").
_MEETING = re.compile(
    r"\b(?:call|calls|meeting|meetings|meets|met|conversation|talks|trip|travel|travels|visit|visits|"
    r"bilateral|summit|dialogue|consultations?)\b",
    re.IGNORECASE,
)


#: Words that show a title's "by" phrase names who signed: leaders, ministers, governments.
_SIGNERS = re.compile(
    r"\b(?:President|Prime Minister|Chancellor|Ministers?|Leaders|Governments?|Secretary|King|Emir|Amir|"
    r"Premier|Taoiseach|Heads? of (?:State|Government))\b"
)

#: A paragraph listing who took part: "Participants in the call included ...", "The meeting was attended by".
_ROSTER = re.compile(
    r"^\W*(?:(?:other|additional|the)\s+)?(?:participants|attendees)\b[^.:]{0,80}?\b(?:included|include|were)\b"
    r"|^\W*(?:the\s+)?(?:call|meeting|video\s*call|videoconference|virtual\s+meeting|summit)\s+"
    r"(?:was\s+attended\s+by|included)\b"
    r"|^\W*joining\s+(?:the\s+)?(?:call|meeting)\s+(?:were|was)\b",
    re.IGNORECASE,
)
#: Most actors a roster may name to count as the meeting's parties (more is a conference, not a meeting).
MAX_ROSTER = 10
#: Most parties one "we" may take in as acting with each other: beyond it, a coalition of governments states
#: its positions side by side ("we reiterate our call on X" by eighteen governments relates none of them).
MAX_TABLE = 5


def roster(paragraphs: Iterable[str]) -> str | None:
    """The first paragraph that lists the participants of a call or meeting, if any.

    A readout often names its parties only at the end ("Participants in the call included President X of
    Y, ..."), after paragraphs that already said "the leaders" and "they": the frame reads it before any
    paragraph, so those phrases resolve to the leaders listed.

    Examples:
        >>> roster(["The leaders met.", "Participants in the call included President A of B."])
        'Participants in the call included President A of B.'
        >>> roster(["Participants agreed on the agenda."]) is None
        True
    """
    for text in paragraphs:
        if _ROSTER.match(text):
            return " ".join(text.split())[:1000]
    return None


def title_segments(title: str) -> list[tuple[str, bool]]:
    """Cut a title at the words that start a topic or a venue: (segment, names parties) pairs.

    The first segment names the speakers or callers; a later one names parties only if it speaks of a
    meeting (a call, a visit, a summit).

    Examples:
        >>> title_segments("Readout of President X's Call with Prime Minister Y of Z on Ukraine")
        [("Readout of President X's Call with Prime Minister Y of Z", True), ('Ukraine', False)]
        >>> title_segments("Statement by Spokesperson A on B's Call with C")
        [('Statement by Spokesperson A', True), ("B's Call with C", True)]
        >>> title_segments("Remarks by A and B Before Bilateral Meeting | Tokyo, Japan")
        [('Remarks by A and B', True), ('Bilateral Meeting', True)]
        >>> title_segments("Readout of A's Meeting with Minister for Foreign Affairs B of C")
        [("Readout of A's Meeting with Minister for Foreign Affairs B of C", True)]
    """
    # "… Bilateral Meeting | Tokyo, Japan": what follows the bar is where the remarks were given
    text = " ".join(title.split()).split(" | ")[0]
    # "Minister for Foreign Affairs", "Special Envoy for Climate": an office's "for" starts no topic
    cuts = [m for m in _TOPIC.finditer(text) if not _office_for(text, m)]
    pieces, start = [], 0
    for m in cuts:
        pieces.append(text[start : m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [(p, i == 0 or bool(_MEETING.search(p))) for i, p in enumerate(pieces) if p.strip()]


def _office_for(text: str, cut: re.Match[str]) -> bool:
    """Whether a cut is the "for" of an office's name ("Minister for Foreign Affairs")."""
    before = text[: cut.start()].split()
    return cut.group().strip().lower() == "for" and bool(before) and before[-1].lower() in _FOR_OFFICES


def document_kind(title: str | None) -> str | None:
    """The kind of release a title announces: joint, readout, transcript, statement, letter or fact-sheet.

    Examples:
        >>> document_kind("Readout of President Biden's Call with Prime Minister Kishida of Japan")
        'readout'
        >>> document_kind("Joint Statement of the United States and the Republic of Korea")
        'joint'
        >>> document_kind("Remarks by President Biden and Prime Minister Suga at a Press Conference")
        'transcript'
        >>> document_kind("Why the Caucasus matters") is None
        True
    """
    text = " ".join((title or "").split())
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return None


def speaker_label(text: str) -> tuple[str, int] | None:
    """A transcript's speaker label at the start of ``text``: the label and where the speech starts.

    Examples:
        >>> speaker_label("PRESIDENT BIDEN:\u00a0 Thank you all.")
        ('PRESIDENT BIDEN', 18)
        >>> speaker_label("Q\u00a0 \u00a0 Mr. President, did you see it?")
        ('Q', 5)
        >>> speaker_label("NATO met in Vilnius: a summit.") is None
        True
        >>> speaker_label("The U.S. and Japan agreed.") is None
        True
    """
    match = _LABEL.match(text)
    if not match:
        return None
    label = " ".join(match.group("label").split())
    rest = text[match.end("label") :]
    if label != "Q":
        if not rest.lstrip("*").startswith(":") or not re.search(r"[A-Z]{2}", label):
            return None
        if len(label) > 60:
            return None
    end = match.end()
    end += len(_LABEL_END.match(text, end).group())  # type: ignore[union-attr]
    if " " not in label and label not in _ANONYMOUS and label != "Q" and not text[end : end + 1].isupper():
        return None  # "NATO: an alliance at 75" is a phrase, not a speaker
    return label, end


@dataclass
class Turn:
    """One speaker's turn in a transcript.

    Attributes:
        label: the label as written ("PRIME MINISTER KISHIDA").
        speaker: the actors the label names (empty for the room, a moderator or an unknown speaker).
        question: a journalist's question (``Q``): it asserts nothing.
    """

    label: str
    speaker: tuple[Actor, ...] = ()
    question: bool = False


Lookup = Callable[[str], Sequence[Actor]]


@dataclass
class DiscourseFrame:
    """Document-level context that phrases without an antecedent in their paragraph resolve against.

    Attributes:
        kind: what the document is (see :func:`document_kind`), or None for ordinary prose.
        author: who "I" and "we" are outside quotes and turns (the issuing government; every signatory of a
            joint statement).
        participants: the parties of the call, meeting or summit the document reports ("the leaders").
        guests: the participants only the document's participant list names: they joined its host's call,
            so each met the host, not each other.
        leaders: the names the title gives a state's leader ("King Abdullah II of Jordan": "abdullah" ->
            Jordan), so that "King Abdullah" in the text is Jordan even when the gazetteer does not know him.
        people: the names of people known to the document (lower case: full name and surname), from the title
            and from paragraphs that introduced them with their office.
        turn: the current transcript turn, if any.
    """

    kind: str | None = None
    author: tuple[Actor, ...] = ()
    participants: tuple[Actor, ...] = ()
    guests: tuple[Actor, ...] = ()
    turn: Turn | None = None
    people: dict[str, Actor] = field(default_factory=dict)
    leaders: dict[str, Actor] = field(default_factory=dict)

    @classmethod
    def for_document(
        cls, title: str | None, lookup: Lookup, author: Iterable[Actor] = (), listed: str | None = None
    ) -> DiscourseFrame:
        """Seed a frame from a document's title (and a known author, e.g. from its source).

        The actors a release's title names ("Readout of President X's Call with Prime Minister Y of Z") are
        the participants; the first of them is the author of a statement, readout, letter or transcript
        unless the source already said who published it; a joint statement's authors are all of them.
        A readout's or statement's participant list (:func:`roster`, passed as ``listed``) adds the parties
        it names, when it names between two and :data:`MAX_ROSTER` of them.
        """
        kind = document_kind(title)
        named: tuple[Actor, ...] = ()
        if title and kind:
            named = _unique(a for text in _naming_segments(title, kind) for a in lookup(text))
        given = _unique(author)
        authors = (named or given) if kind == "joint" else (given or named[:1])
        participants = named
        guests: tuple[Actor, ...] = ()
        if listed and kind in {"readout", "statement"}:
            parties = _unique(lookup(listed))
            if 2 <= len(parties) <= MAX_ROSTER:
                participants = _unique((*participants, *parties))
                guests = tuple(a for a in participants if a in parties and a not in named)
        if participants and authors and kind != "joint":
            # the publisher takes part in the meeting its release reports ("Statement on X's visit")
            # (as the person the title names, when it names the publisher's own leader: "the President")
            own = [a for a in participants if _key(a) == _key(authors[0])]
            participants = _unique((*(own[:1] or authors[:1]), *participants))
        frame = cls(kind=kind, author=authors, participants=participants, guests=guests)
        if title and kind:
            frame.leaders = _titled_names(title, lookup)
            frame.people.update(frame.leaders)
        return frame

    # -- reading the document

    def start_block(self, label: str | None, lookup: Lookup) -> None:
        """Enter the turn of a paragraph: ``label`` is the speaker label of the turn it belongs to.

        Paragraphs carry the label of their turn (the last label at or before them), so entering a turn
        depends on nothing read before: blocks may be looked at in any order.
        """
        if label is None:
            self.turn = None
            return
        if self.turn is not None and self.turn.label == label:
            return
        if label == "Q":
            self.turn = Turn(label, (), question=True)
            return
        if label in _ANONYMOUS:
            self.turn = Turn(label)
            return
        self.turn = Turn(label, self._speaker(label, lookup))

    def remember(self, person: Actor) -> None:
        """Keep a person the text introduced with an office, by full name and surname, for later mentions.

        Examples:
            >>> frame = DiscourseFrame()
            >>> frame.remember(Actor("x", "Person", "Alejandro Giammattei", state="GTM"))
            >>> sorted(frame.people)
            ['alejandro giammattei', 'giammattei']
        """
        words = person.label.lower().split()
        if not words:
            return
        self.people.setdefault(" ".join(words), person)
        self.people.setdefault(words[-1], person)

    # -- resolving phrases

    @property
    def in_question(self) -> bool:
        """Whether the current paragraph belongs to a journalist's question."""
        return self.turn is not None and self.turn.question

    @property
    def speaker(self) -> tuple[Actor, ...]:
        """Who speaks in the current transcript turn (empty outside a turn with a known speaker)."""
        return self.turn.speaker if self.turn is not None else ()

    def first_person(self) -> tuple[Actor, ...]:
        """Who "I", "we", "our" and "my country" are: the current speaker, else the author."""
        if self.turn is not None:
            return self.turn.speaker
        return self.author

    def second_person(self) -> tuple[Actor, ...]:
        """Who "you" is: in a two-party transcript, the participant who is not speaking."""
        if not self.speaker or len(self.participants) != 2:
            return ()
        speaking = {_key(a) for a in self.speaker}
        others = tuple(a for a in self.participants if _key(a) not in speaking)
        return others if len(others) == 1 else ()

    def across_table(self) -> tuple[Actor, ...]:
        """Who a speaker's "we" may take in beside the speaker: the other parties of the meeting.

        In a two-party transcript, the leader addressed; in a meeting of three or more ("our trilateral
        cooperation"), every other participant, when the speaker is one of them. A group the title names
        beside three or more of its members ("the Quad Leaders' Summit") is what they form, not a party.
        """
        if not self.speaker or len(self.participants) < 2:
            return ()
        speaking = {_key(a) for a in self.speaker}
        if not speaking & {_key(a) for a in self.participants}:
            return ()
        parties = self.participants
        if sum(1 for a in parties if a.state) >= 3:
            parties = tuple(a for a in parties if a.state)
        if len(parties) > MAX_TABLE:
            return ()
        return tuple(a for a in parties if _key(a) not in speaking)

    def group(self) -> tuple[Actor, ...]:
        """Who "the leaders", "the two sides" and an unresolved "they" are: the participants."""
        return self.participants if len(self.participants) >= 2 else ()

    def titled(self, title: str, is_holder: Callable[[Actor, str], bool]) -> tuple[Actor, ...]:
        """Who "the President" or "the Prime Minister" is.

        The one participant holding that title, else the author when the author holds it.
        """
        holders = tuple(a for a in self.participants if is_holder(a, title))
        if len(holders) == 1:
            return holders
        authors = tuple(a for a in self.author if is_holder(a, title))
        return authors[:1]

    def _speaker(self, label: str, lookup: Lookup) -> tuple[Actor, ...]:
        words = label.split()
        if words and words[0] == "THE":
            # "THE PRESIDENT", "THE VICE PRESIDENT": the author's own office holder
            return self.author[:1]
        found = _unique(lookup(_titlecase(label)))
        if found:
            return found[:1]
        # an unknown surname: the participant whose name in the title carries it, or the state the title
        # names that leader for ("Prime Minister Draghi of Italy")
        surname = _titlecase(words[-1]) if words else ""
        for actor in self.participants:
            if surname and surname in actor.label:
                return (actor,)
        leader = self.leaders.get(surname.lower())
        return (leader,) if leader is not None else ()


#: "<Names> of <State>" in a title ("His Majesty King Abdullah II of Jordan", "President Ruto of Kenya").
_NAMED_OF = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*)\s+[Oo]f\s+(?:[Tt]he\s+)?([A-Z][\w'’.-]*(?:\s+(?:[Oo]f\s+)?[A-Z][\w'’.-]*){0,3})"
)
_REGNAL = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?)$")
_OFFICE_WORDS = frozenset(
    {
        "president",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "king",
        "queen",
        "emir",
        "amir",
        "prince",
        "princess",
        "sultan",
        "majesty",
        "highness",
        "excellency",
        "general",
        "leader",
        "leaders",
        "government",
        "people",
        "republic",
        "state",
        "states",
        "kingdom",
        "chair",
        "chairman",
        "governor",
        "mayor",
        "ambassador",
    }
)


def _naming_segments(title: str, kind: str) -> list[str]:
    """The parts of a title that name the document's parties (and a joint statement's signers after "by")."""
    out: list[str] = []
    for segment, parties in title_segments(title):
        if parties:
            out.append(segment)
        elif kind == "joint" and (signers := _signed_by(segment)):
            out.append(signers)
    return out


def _signed_by(segment: str) -> str:
    """The signatories a joint statement's title names after its topic ("on Air Defenses *by A, B and C*").

    Examples:
        >>> _signed_by("Strengthening Air Defenses by President A and Prime Minister B")
        'President A and Prime Minister B'
        >>> _signed_by("Ukraine")
        ''
        >>> _signed_by("the Attack by Russia and Belarus")
        ''
    """
    _, by, rest = segment.rpartition(" by ")
    # signers are leaders, ministers or governments; "on the Strikes *by Russia*" names an agent, not a signer
    return rest if by and _SIGNERS.search(rest) else ""


def _titled_names(title: str, lookup: Lookup) -> dict[str, Actor]:
    """The leaders a title names with their state: the last name word before "of <State>" -> that state.

    Examples:
        >>> jordan = Actor("jordan", "State", "Jordan", state="JOR")
        >>> found = _titled_names("Readout of the Meeting with His Majesty King Abdullah II of Jordan",
        ...                       lambda text: [jordan] if "Jordan" in text else [])
        >>> {name: actor.id for name, actor in found.items()}
        {'abdullah': 'jordan'}
    """
    out: dict[str, Actor] = {}
    text = " ".join(title.split())
    for segment, parties in title_segments(text):
        if not parties:
            continue
        for m in _NAMED_OF.finditer(segment):
            owners = [a for a in lookup(m.group(2)) if a.type == "State"]
            words = [w for w in m.group(1).split() if not _REGNAL.match(w)]
            if len(owners) == 1 and len(words) >= 2 and words[-1].lower() not in _OFFICE_WORDS:
                # a title and a name at least ("King Abdullah"), not a bare office ("Prime Minister of Japan")
                out.setdefault(words[-1].strip("’'").lower(), owners[0])
    return out


def _titlecase(label: str) -> str:
    """'PRIME MINISTER KISHIDA' -> 'Prime Minister Kishida' (so name lookups match)."""
    return " ".join(
        w[:1] + w[1:].lower() if w not in {"U.S.", "UN", "EU", "NATO"} else w for w in label.split()
    )


def _key(actor: Actor) -> str:
    return actor.state or actor.id


def _unique(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """One actor per key (the first one named): "President X of Japan" and "Japan" are one party."""
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(_key(actor), actor)
    return tuple(seen.values())
