"""Plain dataclasses the stages hand each other: actors, relation types, documents and assertions.

Nothing here imports spaCy, rdflib or networkx, so every stage after extraction can be tested without them.
The JSON form of an :class:`Assertion` (:meth:`Assertion.to_json`) is the extraction contract that
``actorgraph extract --format jsonl`` writes and the evaluation reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ACTOR_BASE",
    "ACTOR_TYPES",
    "CONTRACT_KEYS",
    "ONTOLOGY_NS",
    "Activity",
    "Actor",
    "ActorType",
    "Affiliation",
    "Assertion",
    "Document",
    "RelationType",
    "actor_iri",
]

ONTOLOGY_NS = "https://w3id.org/actorgraph/ontology#"
ACTOR_BASE = "https://w3id.org/actorgraph/actor/"

#: The keys of one JSONL line of the extraction contract, in order (extra keys may follow).
CONTRACT_KEYS = (
    "doc",
    "start",
    "end",
    "sentence",
    "subject",
    "relation",
    "object",
    "negated",
    "hedged",
    "date",
    "confidence",
    "means",
)

ActorType = Literal["State", "InternationalOrganization", "StateBody", "Person", "NonStateGroup"]
ACTOR_TYPES: tuple[ActorType, ...] = (
    "State",
    "InternationalOrganization",
    "StateBody",
    "Person",
    "NonStateGroup",
)


def actor_iri(actor_id: str) -> str:
    """Return the IRI of an actor slug.

    Examples:
        >>> actor_iri("turkey")
        'https://w3id.org/actorgraph/actor/turkey'
    """
    return ACTOR_BASE + actor_id


@dataclass(frozen=True, slots=True)
class Affiliation:
    """An office or allegiance: a person or body acts for ``target`` (an actor id) between two dates.

    Dates are ISO strings (``YYYY-MM-DD``) or None for open ends.
    """

    target: str
    role: str = ""
    start: str | None = None
    end: str | None = None

    def holds_on(self, date: str | None) -> bool:
        """Whether the affiliation is in force on ``date`` (always true when the date is unknown).

        Examples:
            >>> Affiliation("russia", "Foreign Minister", "2004-03-09").holds_on("2020-07-13")
            True
            >>> mammadyarov = Affiliation("azerbaijan", "Foreign Minister", "2004-04-02", "2020-07-16")
            >>> mammadyarov.holds_on("2020-08-01")
            False
        """
        if not date:
            return True
        if self.start and date < self.start:
            return False
        return not (self.end and date > self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor known to the gazetteer or created from the text.

    ``id`` is a slug (``turkey``, ``recep-tayyip-erdogan``); ``state`` is the ISO 3166-1 alpha-3 code of
    the state the actor is (for states) or acts for by default (bodies, people); None for organisations and
    groups.
    """

    id: str
    type: ActorType
    label: str
    alt_labels: tuple[str, ...] = ()
    state: str | None = None
    wikidata: str | None = None
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()

    @property
    def iri(self) -> str:
        """The actor's IRI."""
        return actor_iri(self.id)

    def to_json(self, state: str | None = None) -> dict[str, Any]:
        """The actor as in the JSONL contract: id (IRI), label, type and state code."""
        return {"id": self.iri, "label": self.label, "type": self.type, "state": state or self.state}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        """Rebuild a (thin) actor from its contract form: id, label, type and state only."""
        iri = str(data["id"])
        slug = iri[len(ACTOR_BASE) :] if iri.startswith(ACTOR_BASE) else iri
        return cls(id=slug, type=data["type"], label=data["label"], state=data.get("state"))


@dataclass(frozen=True, slots=True)
class RelationType:
    """A relation property of the ontology, with the annotations the extractor and views need.

    ``hints`` are the property's ``ag:ruleHint`` values: behaviours of the extraction rules that apply to it
    ("mediation", "twoSided"...), so that no rule needs to know a relation by name.
    """

    name: str
    label: str
    polarity: int
    symmetric: bool = False
    plover: str | None = None
    standing: bool = False
    parent: str | None = None
    hints: frozenset[str] = frozenset()

    @property
    def iri(self) -> str:
        """The property's IRI."""
        return ONTOLOGY_NS + self.name

    def to_json(self) -> dict[str, Any]:
        """The relation as in the JSONL contract."""
        return {"id": self.iri, "name": self.name, "polarity": self.polarity, "plover": self.plover}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RelationType:
        """Rebuild a relation type from its contract form (label and symmetry come from the ontology)."""
        return cls(
            name=data["name"], label=data["name"], polarity=int(data["polarity"]), plover=data.get("plover")
        )


@dataclass(frozen=True, slots=True)
class Document:
    """An input document: its decoded text (offsets refer to it) and its front-matter metadata.

    ``name`` is the file name or path as found under the input (the ``doc`` field of the contract);
    ``body_start`` is where the text after the front matter begins; ``skip_spans`` are (start, end) ranges
    of the text that are not prose (markup, URLs, boilerplate) and must not yield sentences or actors.
    """

    name: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    body_start: int = 0
    skip_spans: tuple[tuple[int, int], ...] = ()
    content_hash: str = ""
    warnings: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Assertion:
    """One relation read from one sentence, with its evidence: the unit every output is built from.

    ``mood`` is ``asserted``, ``hedged`` (may, reportedly, is expected to), ``conditional`` or ``question``;
    ``hedged`` is true for every mood but ``asserted``. ``subject_state``/``object_state`` are the state codes
    the actors act for on the sentence's date (a person's office decides it). ``rule`` and ``trigger`` say
    which mechanism and which words produced the assertion, so every triple can be explained.
    """

    doc: str
    start: int
    end: int
    sentence: str
    subject: Actor
    relation: RelationType
    object: Actor
    negated: bool = False
    hedged: bool = False
    mood: str = "asserted"
    date: str | None = None
    confidence: float = 0.9
    means: str | None = None
    subject_state: str | None = None
    object_state: str | None = None
    reported_by: Actor | None = None
    trigger: str | None = None
    rule: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The assertion as one line of the JSONL contract (extra keys after the contract's own)."""
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "subject": self.subject.to_json(self.subject_state),
            "relation": self.relation.to_json(),
            "object": self.object.to_json(self.object_state),
            "negated": self.negated,
            "hedged": self.hedged,
            "date": self.date,
            "confidence": round(self.confidence, 3),
            "means": self.means,
            "mood": self.mood,
            "reported_by": self.reported_by.to_json() if self.reported_by else None,
            "trigger": self.trigger,
            "rule": self.rule,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assertion:
        """Rebuild an assertion from one JSONL line (actors and relation come back thin)."""
        reporter = data.get("reported_by")
        return cls(
            doc=data["doc"],
            start=int(data["start"]),
            end=int(data["end"]),
            sentence=data["sentence"],
            subject=Actor.from_json(data["subject"]),
            relation=RelationType.from_json(data["relation"]),
            object=Actor.from_json(data["object"]),
            negated=bool(data.get("negated", False)),
            hedged=bool(data.get("hedged", False)),
            mood=data.get("mood") or ("hedged" if data.get("hedged") else "asserted"),
            date=data.get("date"),
            confidence=float(data.get("confidence", 0.9)),
            means=data.get("means"),
            subject_state=data["subject"].get("state"),
            object_state=data["object"].get("state"),
            reported_by=Actor.from_json(reporter) if reporter else None,
            trigger=data.get("trigger"),
            rule=data.get("rule"),
        )


@dataclass(frozen=True, slots=True)
class Activity:
    """The extraction run that generated statements: tool and model versions, and when it ran (ISO time)."""

    tool_version: str
    model_name: str
    model_version: str
    time: str
