"""Pure functions turning assertions, actors, documents and activities into RDF triples.

Nothing here touches a graph or a file: each function yields ``(subject, predicate, object)`` triples, so
:mod:`actorgraph.graph` decides which named graph they go to and tests can check them one by one. Every node
is an IRI derived from the data (never a blank node), so building the same input twice gives the same
triples and the graphs compare isomorphic without canonicalisation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from .model import Activity, Actor, Assertion, Document, RelationType, actor_iri
from .namespaces import ACTIVITY, AG, DOC, NIF, SCHEMA, STATEMENT, WD

__all__ = [
    "TRUTHY_MOODS",
    "Triple",
    "activity_iri",
    "activity_triples",
    "actor_triples",
    "assertion_triples",
    "date_literal",
    "doc_iri",
    "doc_path",
    "doc_slug",
    "document_triples",
    "position_iri",
    "relation_triples",
    "sentence_iri",
    "statement_iri",
    "statement_key_triples",
    "truthy_triple",
]

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: Moods whose non-negated statements also give a direct ("truthy") triple; conditional and question do not.
TRUTHY_MOODS = frozenset({"asserted", "hedged"})

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def doc_slug(name: str) -> str:
    """Return a slug of a name: ASCII, lower case, ``-`` for other characters (office roles in position IRIs).

    Different names can share a slug, so document IRIs use :func:`doc_path` instead.

    Examples:
        >>> doc_slug("corpus/01-Tavush Clashes.md")
        'corpus-01-tavush-clashes.md'
        >>> doc_slug("Çavuşoğlu.txt")
        'cavusoglu.txt'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9._]+", "-", ascii_name).strip("-.")
    return slug or "document"


def doc_path(name: str) -> str:
    """Return the end of a document's IRI: its name (the path relative to the input) percent-encoded.

    Every character but ASCII letters, digits, ``-._~`` and the ``/`` between folders is encoded as the
    UTF-8 bytes ``%XX`` (``%`` itself included), so two different names never share an IRI, and the name
    can be read back with :func:`urllib.parse.unquote`.

    Examples:
        >>> doc_path("news/01 Tavush.md"), doc_path("report-1.txt"), doc_path("report 1.txt")
        ('news/01%20Tavush.md', 'report-1.txt', 'report%201.txt')
        >>> doc_path("Россия.txt")
        '%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F.txt'
    """
    return quote(name, safe="/") if name else "%00"


def doc_iri(name: str) -> URIRef:
    """Return the IRI of a document from its name as found under the input (see :func:`doc_path`).

    Examples:
        >>> str(doc_iri("a.txt"))
        'https://w3id.org/actorgraph/doc/a.txt'
        >>> doc_iri("Россия.txt") != doc_iri("Турция.txt")
        True
    """
    return DOC[doc_path(name)]


def sentence_iri(doc_name: str, start: int, end: int) -> URIRef:
    """Return the IRI of a sentence: the document IRI with an RFC 5147 ``#char=start,end`` fragment.

    Examples:
        >>> str(sentence_iri("a.txt", 3, 40))
        'https://w3id.org/actorgraph/doc/a.txt#char=3,40'
    """
    return URIRef(f"{doc_iri(doc_name)}#char={start},{end}")


def statement_iri(assertion: Assertion) -> URIRef:
    """Return the stable IRI of an assertion's statement node.

    The name is the SHA-1 of ``doc|start|end|subject IRI|relation IRI|object IRI|negated|mood``: the same
    reading of the same sentence always gets the same node, and two different readings never share one.
    """
    key = "|".join(
        [
            assertion.doc,
            str(assertion.start),
            str(assertion.end),
            assertion.subject.iri,
            assertion.relation.iri,
            assertion.object.iri,
            "true" if assertion.negated else "false",
            assertion.mood,
        ]
    )
    return STATEMENT[hashlib.sha1(key.encode("utf-8")).hexdigest()]


def activity_iri(activity: Activity) -> URIRef:
    """Return the IRI of an extraction activity, derived from its tool, model and time (stable on rebuild)."""
    key = "|".join([activity.tool_version, activity.model_name, activity.model_version, activity.time])
    return ACTIVITY[hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]]


def position_iri(actor_id: str, target: str, role: str, start: str | None) -> URIRef:
    """Return the IRI of an office held by an actor (no blank nodes: positions are named after their content).

    Examples:
        >>> str(position_iri("sergey-lavrov", "russia", "Foreign Minister", "2004-03-09"))
        'https://w3id.org/actorgraph/actor/sergey-lavrov/position/russia-foreign-minister-2004-03-09'
    """
    parts = [target, doc_slug(role) if role else "", start or ""]
    return URIRef(actor_iri(actor_id) + "/position/" + "-".join(p for p in parts if p))


def date_literal(value: str | None) -> Literal | None:
    """Type an ISO date by its granularity: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``; None otherwise.

    Examples:
        >>> date_literal("2020-07-17").datatype == XSD.date
        True
        >>> date_literal("2020-07").datatype == XSD.gYearMonth, date_literal("2020").datatype == XSD.gYear
        (True, True)
        >>> date_literal("July 2020") is None
        True
    """
    if not value:
        return None
    match = _DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return Literal(f"{year}-{month}-{day}", datatype=XSD.date)
    if month:
        return Literal(f"{year}-{month}", datatype=XSD.gYearMonth)
    return Literal(year, datatype=XSD.gYear)


def truthy_triple(assertion: Assertion) -> Triple | None:
    """Return the direct ``<subject> <relation> <object>`` triple, or None for negated or unasserted moods.

    Conditional and question moods, and negated statements, keep their statement node (evidence that
    something was *not* said to happen) but must not appear as facts in simple queries or the views.
    """
    if assertion.negated or assertion.mood not in TRUTHY_MOODS:
        return None
    return (URIRef(assertion.subject.iri), URIRef(assertion.relation.iri), URIRef(assertion.object.iri))


def assertion_triples(assertion: Assertion, activity: Activity | None = None) -> Iterator[Triple]:
    """Yield the statement node and sentence resource of one assertion (not the truthy triple).

    Args:
        assertion: the assertion.
        activity: the extraction run that produced it; adds ``prov:wasGeneratedBy``.

    Yields:
        Triples about the statement node and its sentence, all meant for the document's named graph.

    Examples:
        >>> from actorgraph.model import Actor, RelationType
        >>> a = Assertion("a.txt", 0, 25, "Turkey supports Azerbaijan", Actor("turkey", "State", "Turkey"),
        ...               RelationType("supports", "supports", 1, plover="SUPPORT"),
        ...               Actor("azerbaijan", "State", "Azerbaijan"), date="2020-07-17")
        >>> triples = list(assertion_triples(a))
        >>> (sentence_iri("a.txt", 0, 25), NIF.anchorOf, Literal("Turkey supports Azerbaijan")) in triples
        True
    """
    stmt = statement_iri(assertion)
    sentence = sentence_iri(assertion.doc, assertion.start, assertion.end)
    yield stmt, RDF.type, AG.Statement
    yield stmt, AG.statementSubject, URIRef(assertion.subject.iri)
    yield stmt, AG.statementRelation, URIRef(assertion.relation.iri)
    yield stmt, AG.statementObject, URIRef(assertion.object.iri)
    yield stmt, AG.polarity, Literal(int(assertion.relation.polarity))
    if assertion.relation.plover:
        yield stmt, AG.ploverType, Literal(assertion.relation.plover)
    yield stmt, AG.negated, Literal(bool(assertion.negated))
    yield stmt, AG.hedged, Literal(bool(assertion.hedged))
    yield stmt, AG.mood, Literal(assertion.mood)
    yield stmt, AG.confidence, Literal(Decimal(str(round(float(assertion.confidence), 3))))
    if assertion.means:
        yield stmt, AG.means, Literal(assertion.means)
    date = date_literal(assertion.date)
    if date is not None:
        yield stmt, AG.eventDate, date
    if assertion.trigger:
        yield stmt, AG.trigger, Literal(assertion.trigger)
    if assertion.rule:
        yield stmt, AG.rule, Literal(assertion.rule)
    if assertion.reported_by is not None:
        yield stmt, AG.reportedBy, URIRef(assertion.reported_by.iri)
    yield stmt, PROV.wasDerivedFrom, sentence
    if activity is not None:
        yield stmt, PROV.wasGeneratedBy, activity_iri(activity)
    yield sentence, RDF.type, AG.Sentence
    yield sentence, DCTERMS.isPartOf, doc_iri(assertion.doc)
    yield sentence, NIF.beginIndex, Literal(int(assertion.start))
    yield sentence, NIF.endIndex, Literal(int(assertion.end))
    yield sentence, NIF.anchorOf, Literal(assertion.sentence)


def statement_key_triples(statement: URIRef, subject_key: URIRef, object_key: URIRef) -> Iterator[Triple]:
    """Yield the statement's roll-up keys: ``ag:subjectKey`` and ``ag:objectKey``, exactly one each.

    The keys are the ``ag:rollsUpTo`` of the statement's subject and object, copied onto the statement node so
    that aggregate queries read a star pattern over one node instead of joining each side's actor. They are
    known only once every actor of the graph is described (a person rolls up to its State only when that State
    is in the graph), so :func:`actorgraph.graph.build_dataset` adds them after :func:`assertion_triples`.

    Args:
        statement: the statement node (:func:`statement_iri`).
        subject_key: the ``ag:rollsUpTo`` of the statement's subject.
        object_key: the ``ag:rollsUpTo`` of the statement's object.

    Yields:
        Two triples for the document's named graph.

    Examples:
        >>> stmt = URIRef("https://w3id.org/actorgraph/statement/x")
        >>> [p.fragment for _, p, _ in statement_key_triples(stmt, URIRef(actor_iri("russia")),
        ...                                                  URIRef(actor_iri("turkey")))]
        ['subjectKey', 'objectKey']
    """
    yield statement, AG.subjectKey, subject_key
    yield statement, AG.objectKey, object_key


def actor_triples(
    actor: Actor,
    state_codes: Iterable[str] = (),
    acts_for: Iterable[str] = (),
    rolls_up_to: str | None = None,
) -> Iterator[Triple]:
    """Yield the description of an actor: type, labels, codes, allegiance, roll-up, positions and Wikidata.

    Args:
        actor: the actor (thin from JSON, or full from the gazetteer).
        state_codes: further ISO3 codes the actor acted for in the assertions (a person's office may change).
        acts_for: actor ids of the states or organisations it acts for (resolved by the caller from the
            gazetteer, since a state code alone does not give the state's slug).
        rolls_up_to: id of the actor counted for this one at state level (``ag:rollsUpTo``): the State a
            body or person acts for, when that State is in the graph; None means the actor itself (states,
            organisations, groups, and anyone whose state is not described). Exactly one is emitted.

    Yields:
        Triples for the default graph.

    Examples:
        >>> t = list(actor_triples(Actor("turkey", "State", "Turkey", wikidata="Q43", state="TUR")))
        >>> (URIRef(actor_iri("turkey")), AG.isoCode, Literal("TUR")) in t
        True
        >>> (URIRef(actor_iri("turkey")), OWL.sameAs, WD.Q43) in t
        True
        >>> (URIRef(actor_iri("turkey")), AG.rollsUpTo, URIRef(actor_iri("turkey"))) in t
        True
        >>> lavrov = Actor("sergey-lavrov", "Person", "Sergey Lavrov", state="RUS")
        >>> [o for _, p, o in actor_triples(lavrov, rolls_up_to="russia") if p == AG.rollsUpTo]
        [rdflib.term.URIRef('https://w3id.org/actorgraph/actor/russia')]
    """
    node = URIRef(actor.iri)
    yield node, RDF.type, AG[actor.type]
    yield node, SKOS.prefLabel, Literal(actor.label, lang="en")
    for alt in sorted(set(actor.alt_labels) - {actor.label}):
        yield node, SKOS.altLabel, Literal(alt, lang="en")
    codes = sorted({c for c in (actor.state, *state_codes) if c})
    if actor.type == "State" and actor.state:
        yield node, AG.isoCode, Literal(actor.state)
    if actor.type in ("State", "StateBody", "Person"):
        for code in codes:
            yield node, AG.stateCode, Literal(code)
    if actor.type == "State":
        if actor.capital:
            yield node, AG.capital, Literal(actor.capital)
        for demonym in sorted(set(actor.demonyms)):
            yield node, AG.demonym, Literal(demonym)
    yield node, AG.rollsUpTo, URIRef(actor_iri(rolls_up_to)) if rolls_up_to else node
    targets = set(acts_for) | {aff.target for aff in actor.affiliations}
    for target in sorted(targets - {actor.id}):
        yield node, AG.actsFor, URIRef(actor_iri(target))
    for aff in actor.affiliations:
        position = position_iri(actor.id, aff.target, aff.role, aff.start)
        yield node, AG.hasPosition, position
        yield position, RDF.type, AG.Position
        yield position, AG.positionIn, URIRef(actor_iri(aff.target))
        if aff.role:
            yield position, AG.role, Literal(aff.role)
        for prop, value in ((AG.startDate, aff.start), (AG.endDate, aff.end)):
            literal = date_literal(value)
            if literal is not None:
                yield position, prop, literal
    if actor.wikidata:
        yield node, OWL.sameAs, WD[actor.wikidata]


def document_triples(document: Document) -> Iterator[Triple]:
    """Yield a document's Dublin Core description (identifier, title, date, source, URL).

    Examples:
        >>> t = list(document_triples(Document("a.txt", "", title="Talks", date="2020-07")))
        >>> (doc_iri("a.txt"), DCTERMS.title, Literal("Talks")) in t
        True
    """
    node = doc_iri(document.name)
    yield node, RDF.type, AG.Document
    yield node, DCTERMS.identifier, Literal(document.name)
    if document.title:
        yield node, DCTERMS.title, Literal(document.title)
    date = date_literal(document.date)
    if date is not None:
        yield node, DCTERMS.date, date
    if document.source:
        yield node, DCTERMS.source, Literal(document.source)
    if document.url and re.match(r"^https?://[^\s<>\"{}|\\^`]+$", document.url):
        yield node, SCHEMA.url, URIRef(document.url)


def activity_triples(activity: Activity) -> Iterator[Triple]:
    """Yield the description of an extraction run (PROV-O activity with tool and model versions)."""
    node = activity_iri(activity)
    yield node, RDF.type, AG.ExtractionActivity
    yield node, AG.toolVersion, Literal(activity.tool_version)
    yield node, AG.modelName, Literal(activity.model_name)
    yield node, AG.modelVersion, Literal(activity.model_version)
    if activity.time:
        yield node, PROV.startedAtTime, Literal(activity.time, datatype=XSD.dateTime)


def relation_triples(relation: RelationType) -> Iterator[Triple]:
    """Yield a short description of a relation property used in the graph (label, polarity, symmetry).

    Carrying these makes exported graphs self-describing, and lets queries treat symmetric relations in
    both directions (``?relation a owl:SymmetricProperty``) without loading the ontology.
    """
    node = URIRef(relation.iri)
    yield node, RDF.type, OWL.ObjectProperty
    if relation.symmetric:
        yield node, RDF.type, OWL.SymmetricProperty
    yield node, RDFS.label, Literal(relation.label or relation.name, lang="en")
    yield node, AG.polarity, Literal(int(relation.polarity))
