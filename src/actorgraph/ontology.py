"""Load the ontology graph and read its relation types (polarity, symmetry, PLOVER type, rule hints)."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from .errors import InputError
from .model import ONTOLOGY_NS, RelationType
from .resources import ontology_dir

__all__ = ["RULE_HINTS", "load_ontology", "load_relation_types", "parse_relation_types"]

#: The values ``ag:ruleHint`` may take: behaviours of the extraction rules a relation opts into (see the
#: property's comment in ``actorgraph.ttl``). A misspelt hint is an error rather than a silent no-op.
RULE_HINTS = frozenset(
    {
        "twoSided",
        "talks",
        "contact",
        "mediation",
        "organisationObject",
        "placeTarget",
        "nationalTarget",
        "showOfForce",
        "directive",
        "jointAgreement",
        "withPartners",
        "reportedHostile",
        "reportedHostileToGroups",
        "accusation",
        "rejection",
        "clash",
        "cooperation",
        "membership",
    }
)


def load_ontology(directory: str | os.PathLike[str] | None = None) -> Graph:
    """Parse ``actorgraph.ttl`` (classes and properties) into a fresh rdflib graph."""
    graph = Graph()
    graph.parse(Path(ontology_dir(directory)) / "actorgraph.ttl", format="turtle")
    return graph


def parse_relation_types(text: str, source: str = "actorgraph.ttl") -> dict[str, RelationType]:
    """Read every relation property (a sub-property of ``ag:relation``) from ontology Turtle text.

    Raises:
        InputError: the text is not Turtle, or a property has an unknown ``ag:ruleHint``.
    """
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises several parser-specific types
        raise InputError(f"{source}: not valid Turtle ({exc})") from exc
    ag = ONTOLOGY_NS
    top = URIRef(ag + "relation")
    out: dict[str, RelationType] = {}
    for prop in graph.transitive_subjects(RDFS.subPropertyOf, top):
        if prop == top or not isinstance(prop, URIRef):
            continue
        name = str(prop)[len(ag) :]
        parent = graph.value(prop, RDFS.subPropertyOf)
        polarity = graph.value(prop, URIRef(ag + "polarity"))
        plover = graph.value(prop, URIRef(ag + "ploverType"))
        standing = graph.value(prop, URIRef(ag + "standing"))
        hints = frozenset(str(h) for h in graph.objects(prop, URIRef(ag + "ruleHint")))
        if hints - RULE_HINTS:
            raise InputError(
                f"{source}: ag:{name} has unknown ag:ruleHint {sorted(hints - RULE_HINTS)[0]!r} "
                f"(known: {', '.join(sorted(RULE_HINTS))})"
            )
        out[name] = RelationType(
            name=name,
            label=str(graph.value(prop, RDFS.label) or name),
            polarity=int(polarity.toPython()) if isinstance(polarity, Literal) else 0,
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            plover=str(plover) if plover is not None else None,
            standing=bool(standing.toPython()) if isinstance(standing, Literal) else False,
            parent=str(parent)[len(ag) :] if parent is not None and parent != top else None,
            hints=hints,
        )
    return dict(sorted(out.items()))


@lru_cache(maxsize=8)
def _relation_types(digest: str, text: str, source: str) -> dict[str, RelationType]:
    """Parsed relation types, memoised by the file's content (``digest``): an edited file is read afresh."""
    return parse_relation_types(text, source)


def load_relation_types(directory: str | os.PathLike[str] | None = None) -> dict[str, RelationType]:
    """Return every relation property of the ontology by local name (``supports``, ``rivalOf``...).

    Examples:
        >>> types = load_relation_types()
        >>> types["pressures"].polarity, types["pressures"].plover
        (-1, 'COERCE')
        >>> types["alliedWith"].symmetric
        True
        >>> sorted(types["consultsWith"].hints)
        ['contact', 'talks', 'twoSided']
    """
    path = ontology_dir(directory) / "actorgraph.ttl"
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return dict(_relation_types(digest, text, str(path)))
