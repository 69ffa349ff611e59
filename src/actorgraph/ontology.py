"""Load the ontology graph and read the relation types (polarity, symmetry, PLOVER type) from it."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from .model import ONTOLOGY_NS, RelationType
from .resources import ontology_dir

__all__ = ["load_ontology", "load_relation_types"]


def load_ontology(directory: str | os.PathLike[str] | None = None) -> Graph:
    """Parse ``actorgraph.ttl`` (classes and properties) into a fresh rdflib graph."""
    graph = Graph()
    graph.parse(Path(ontology_dir(directory)) / "actorgraph.ttl", format="turtle")
    return graph


@lru_cache(maxsize=8)
def _relation_types(path: str) -> dict[str, RelationType]:
    graph = load_ontology(path)
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
        out[name] = RelationType(
            name=name,
            label=str(graph.value(prop, RDFS.label) or name),
            polarity=int(polarity.toPython()) if isinstance(polarity, Literal) else 0,
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            plover=str(plover) if plover is not None else None,
            standing=bool(standing.toPython()) if isinstance(standing, Literal) else False,
            parent=str(parent)[len(ag) :] if parent is not None and parent != top else None,
        )
    return dict(sorted(out.items()))


def load_relation_types(directory: str | os.PathLike[str] | None = None) -> dict[str, RelationType]:
    """Return every relation property of the ontology by local name (``supports``, ``rivalOf``...).

    Examples:
        >>> types = load_relation_types()
        >>> types["pressures"].polarity, types["pressures"].plover
        (-1, 'COERCE')
        >>> types["alliedWith"].symmetric
        True
    """
    return _relation_types(str(ontology_dir(directory)))
