"""Build the knowledge graph as an rdflib ``Dataset``, write it atomically, and read graph files safely.

The dataset follows the graph shape of ``docs/architecture.md``: each document's statements and sentences
live in the named graph of the document's IRI; actors, documents, the extraction activity, relation
properties and the direct ("truthy") triples live in the default graph. The dataset is created with
``default_union=True`` so SPARQL over it sees every graph at once, as the Turtle file (the union) does.

Reading never reaches the network: rdflib does not follow ``owl:imports``; JSON-LD documents that name a
remote ``@context`` (or ``@import``) are refused before rdflib sees them, since its JSON-LD parser would
fetch them over HTTP.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from .atomic import atomic_write_bytes
from .errors import GraphInputError
from .model import Activity, Actor, Assertion, Document, RelationType
from .namespaces import ACTIVITY, ACTOR, AG, DOC, NIF, SCHEMA, STATEMENT, WD
from .triples import (
    Triple,
    activity_triples,
    actor_triples,
    assertion_triples,
    doc_iri,
    document_triples,
    relation_triples,
    statement_iri,
    statement_key_triples,
    truthy_triple,
)

__all__ = [
    "FORMATS",
    "PREFIXES",
    "ActorSource",
    "bind_prefixes",
    "build_dataset",
    "format_for_path",
    "load_graph_file",
    "normalize_format",
    "serialize_dataset",
    "union_graph",
    "write_graph",
]

#: Prefixes bound in every graph actorgraph writes, and predeclared in every SPARQL query.
PREFIXES: dict[str, str] = {
    "ag": str(AG._NS),
    "actor": str(ACTOR),
    "doc": str(DOC),
    "stmt": str(STATEMENT),
    "activity": str(ACTIVITY),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "nif": str(NIF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
    "schema": str(SCHEMA),
}

#: Canonical format name -> (rdflib plugin name, file suffixes, whether it keeps named graphs).
FORMATS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "turtle": ("turtle", (".ttl", ".turtle"), False),
    "trig": ("trig", (".trig",), True),
    "nt": ("nt", (".nt", ".ntriples"), False),
    "nquads": ("nquads", (".nq", ".nquads"), True),
    "json-ld": ("json-ld", (".jsonld", ".json-ld", ".json"), True),
}

_ALIASES = {
    "ttl": "turtle",
    "turtle": "turtle",
    "trig": "trig",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "nq": "nquads",
    "nquads": "nquads",
    "n-quads": "nquads",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "json": "json-ld",
}


class ActorSource(Protocol):
    """What :func:`build_dataset` needs from a gazetteer: actors by id and states by ISO3 code."""

    def get(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or None."""

    def by_code(self, code: str) -> Actor | None:
        """Return the state with this ISO3 code, or None."""


def normalize_format(fmt: str) -> str:
    """Return the canonical RDF format name of ``fmt`` (``ttl`` -> ``turtle``, ``nq`` -> ``nquads``...).

    Raises:
        GraphInputError: the format is not one actorgraph reads or writes; the message names it.

    Examples:
        >>> normalize_format("TTL"), normalize_format("nq"), normalize_format("jsonld")
        ('turtle', 'nquads', 'json-ld')
    """
    canonical = _ALIASES.get(fmt.strip().lower())
    if canonical is None:
        raise GraphInputError(f"unknown graph format {fmt!r} (expected one of: ttl, trig, nt, nq, jsonld)")
    return canonical


def format_for_path(path: str | os.PathLike[str]) -> str:
    """Guess the canonical RDF format of a file from its suffix.

    Raises:
        GraphInputError: the suffix is not a known RDF format; the message names it and the file.

    Examples:
        >>> format_for_path("out/graph.ttl"), format_for_path("g.nq")
        ('turtle', 'nquads')
    """
    suffix = Path(path).suffix.lower()
    for name, (_plugin, suffixes, _quads) in FORMATS.items():
        if suffix in suffixes:
            return name
    raise GraphInputError(
        f"{path}: unknown graph format {suffix or '(no suffix)'!r} "
        "(expected .ttl, .trig, .nt, .nq or .jsonld; or pass the format)"
    )


def bind_prefixes(graph: Graph) -> None:
    """Bind actorgraph's prefixes on a graph or dataset, so serialisations read ``ag:supports``."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, URIRef(namespace), override=True, replace=True)


def _enrich_relation(relation: RelationType, known: Mapping[str, RelationType]) -> RelationType:
    return known.get(relation.name, relation)


def _known_relations() -> Mapping[str, RelationType]:
    try:
        from .ontology import load_relation_types

        return load_relation_types()
    except Exception:  # pragma: no cover - the ontology ships with the package
        return {}


def _describe_actors(
    seen: Mapping[str, list[Actor]],
    codes: Mapping[str, set[str]],
    gazetteer: ActorSource | None,
) -> Iterator[Triple]:
    """Describe every actor met, enriched from the gazetteer, plus the states/organisations they act for.

    Two passes: the first settles which actors the graph describes (and their state codes), the second
    writes them with their ``ag:rollsUpTo``, which needs to know which States are in the graph.
    """
    pending = sorted(seen)
    described: set[str] = set()
    entries: list[tuple[Actor, set[str], set[str]]] = []
    while pending:
        actor_id = pending.pop(0)
        if actor_id in described:
            continue
        described.add(actor_id)
        thin = sorted(seen.get(actor_id, []), key=lambda a: (a.label, a.type, a.state or ""))
        full = gazetteer.get(actor_id) if gazetteer is not None else None
        actor = full if full is not None else (thin[0] if thin else None)
        if actor is None:
            continue
        alt = set(actor.alt_labels) | {a.label for a in thin if a.label != actor.label}
        if alt != set(actor.alt_labels):
            actor = Actor(
                id=actor.id,
                type=actor.type,
                label=actor.label,
                alt_labels=tuple(sorted(alt)),
                state=actor.state,
                wikidata=actor.wikidata,
                capital=actor.capital,
                demonyms=actor.demonyms,
                members=actor.members,
                affiliations=actor.affiliations,
            )
        state_codes = set(codes.get(actor_id, set()))
        acts_for: set[str] = set()
        if actor.type in ("StateBody", "Person") and gazetteer is not None:
            for code in sorted(state_codes | ({actor.state} if actor.state else set())):
                state = gazetteer.by_code(code)
                if state is not None and state.id != actor.id:
                    acts_for.add(state.id)
        if actor.type == "State":
            state_codes = {actor.state} if actor.state else state_codes
        entries.append((actor, state_codes, acts_for))
        if gazetteer is not None:
            for target in sorted(acts_for | {aff.target for aff in actor.affiliations}):
                if target not in described and gazetteer.get(target) is not None:
                    pending.append(target)
    states = _states_by_code(actor for actor, _codes, _acts_for in entries)
    for actor, state_codes, acts_for in entries:
        rolls_up_to = _roll_up(actor, state_codes, states)
        yield from actor_triples(actor, state_codes=state_codes, acts_for=acts_for, rolls_up_to=rolls_up_to)


def _states_by_code(actors: Iterable[Actor]) -> dict[str, str]:
    """ISO3 code -> id of the described State with that ``ag:isoCode`` (the smallest id if several)."""
    states: dict[str, str] = {}
    for actor in actors:
        if actor.type == "State" and actor.state:
            known = states.get(actor.state)
            states[actor.state] = actor.id if known is None else min(known, actor.id)
    return states


def _roll_up(actor: Actor, state_codes: Iterable[str], states: Mapping[str, str]) -> str | None:
    """The id ``ag:rollsUpTo`` points at, or None for the actor itself.

    States, organisations and groups stand for themselves; a state body or person stands for the described
    State of its own code (``actor.state``) when there is one, else of the first other code it acted for,
    else for itself. This is the roll-up the queries used to compute from ``ag:stateCode``/``ag:isoCode``.

    Examples:
        >>> lavrov = Actor("sergey-lavrov", "Person", "Sergey Lavrov", state="RUS")
        >>> _roll_up(lavrov, {"RUS"}, {"RUS": "russia"}), _roll_up(lavrov, {"RUS"}, {})
        ('russia', None)
    """
    if actor.type not in ("StateBody", "Person"):
        return None
    ordered = ([actor.state] if actor.state else []) + sorted(set(state_codes) - {actor.state})
    for code in ordered:
        if code and code in states and states[code] != actor.id:
            return states[code]
    return None


def build_dataset(
    assertions: Iterable[Assertion],
    documents: Iterable[Document] = (),
    gazetteer: ActorSource | None = None,
    activity: Activity | None = None,
) -> Dataset:
    """Build the knowledge graph of a set of assertions.

    Args:
        assertions: the extracted assertions (thin actors from JSON are fine).
        documents: the documents they were read from, for Dublin Core metadata; a document named by an
            assertion but missing here is still described by its identifier.
        gazetteer: enriches thin actors by id (labels, Wikidata, offices) and resolves the states that
            people and bodies act for; without it actors are described from the assertions alone.
        activity: the extraction run, linked from every statement with ``prov:wasGeneratedBy``.

    Returns:
        A ``Dataset`` (``default_union=True``): per-document named graphs for statements and sentences,
        the default graph for everything else. Rebuilding from the same input gives the same quads.

    Examples:
        >>> from actorgraph.model import RelationType
        >>> turkey = Actor("turkey", "State", "Turkey", state="TUR")
        >>> a = Assertion("a.txt", 0, 26, "Turkey supports Azerbaijan", turkey,
        ...               RelationType("supports", "supports", 1), Actor("azerbaijan", "State", "Azerbaijan"))
        >>> ds = build_dataset([a])
        >>> (URIRef(a.subject.iri), AG.supports, URIRef(a.object.iri)) in ds
        True
    """
    known = _known_relations()
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    default: Graph = _default_graph(dataset)
    docs: dict[str, Document] = {d.name: d for d in documents}
    seen: dict[str, list[Actor]] = defaultdict(list)
    codes: dict[str, set[str]] = defaultdict(set)
    relations: dict[str, RelationType] = {}
    graphs: dict[str, Graph] = {}
    statements: list[tuple[Graph, URIRef, URIRef, URIRef]] = []

    for assertion in assertions:
        relation = _enrich_relation(assertion.relation, known)
        if relation is not assertion.relation:
            assertion = _with_relation(assertion, relation)
        relations[relation.name] = relation
        for actor, code in (
            (assertion.subject, assertion.subject_state),
            (assertion.object, assertion.object_state),
            (assertion.reported_by, None),
        ):
            if actor is None:
                continue
            seen[actor.id].append(actor)
            if code:
                codes[actor.id].add(code)
        if assertion.doc not in docs:
            docs[assertion.doc] = Document(name=assertion.doc, text="")
        graph = graphs.get(assertion.doc)
        if graph is None:
            graph = graphs[assertion.doc] = dataset.graph(doc_iri(assertion.doc))
        graph.addN((s, p, o, graph) for s, p, o in assertion_triples(assertion, activity))
        statements.append(
            (graph, statement_iri(assertion), URIRef(assertion.subject.iri), URIRef(assertion.object.iri))
        )
        truthy = truthy_triple(assertion)
        if truthy is not None:
            default.add(truthy)

    default.addN((s, p, o, default) for s, p, o in _describe_actors(seen, codes, gazetteer))
    roll_up = {actor: key for actor, _p, key in default.triples((None, AG.rollsUpTo, None))}
    for graph, stmt, subject, obj in statements:
        keys = statement_key_triples(stmt, _key(roll_up, subject), _key(roll_up, obj))
        graph.addN((s, p, o, graph) for s, p, o in keys)
    for name in sorted(docs):
        default.addN((s, p, o, default) for s, p, o in document_triples(docs[name]))
    for name in sorted(relations):
        default.addN((s, p, o, default) for s, p, o in relation_triples(relations[name]))
    if activity is not None:
        default.addN((s, p, o, default) for s, p, o in activity_triples(activity))
    return dataset


def _key(roll_up: Mapping[Any, Any], actor: URIRef) -> URIRef:
    """The ``ag:rollsUpTo`` of an actor (itself when, unexpectedly, it has none)."""
    key = roll_up.get(actor, actor)
    return key if isinstance(key, URIRef) else actor


def _default_graph(dataset: Dataset) -> Graph:
    """The default graph (``default_graph`` in rdflib >= 7.2, ``default_context`` before)."""
    graph = getattr(dataset, "default_graph", None)
    return graph if isinstance(graph, Graph) else dataset.default_context


def _with_relation(assertion: Assertion, relation: RelationType) -> Assertion:
    from dataclasses import replace

    return replace(assertion, relation=relation)


def union_graph(dataset: Graph) -> Graph:
    """Return every triple of a dataset (all graphs) as one plain ``Graph`` with actorgraph's prefixes."""
    graph = Graph()
    bind_prefixes(graph)
    if isinstance(dataset, Dataset):
        graph.addN((s, p, o, graph) for s, p, o, _g in dataset.quads((None, None, None, None)))
    else:
        graph.addN((s, p, o, graph) for s, p, o in dataset)
    return graph


def serialize_dataset(dataset: Graph, fmt: str) -> bytes:
    """Serialise a dataset: the union for triple formats, named graphs kept for TriG, N-Quads and JSON-LD.

    Args:
        dataset: the dataset (or plain graph).
        fmt: any name :func:`normalize_format` accepts.

    Returns:
        The UTF-8 bytes. Turtle is rdflib's readable form: prefixes, one block per subject, sorted.
    """
    canonical = normalize_format(fmt)
    plugin, _suffixes, keeps_graphs = FORMATS[canonical]
    if keeps_graphs and isinstance(dataset, Dataset):
        bind_prefixes(dataset)
        if canonical == "nquads":
            return _sorted_lines(dataset.serialize(format=plugin, encoding="utf-8"))
        return dataset.serialize(format=plugin, encoding="utf-8")
    data = union_graph(dataset).serialize(format=plugin, encoding="utf-8")
    return _sorted_lines(data) if canonical == "nt" else data


def _sorted_lines(data: bytes) -> bytes:
    """Line-based formats come out in hash order; sorting makes rebuilds byte-identical and diffs small."""
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return b"\n".join(lines) + (b"\n" if lines else b"")


def write_graph(dataset: Graph, path: str | os.PathLike[str], format: str | None = None) -> Path:
    """Write a dataset to a file atomically (temporary file, then rename).

    Args:
        dataset: the dataset from :func:`build_dataset` or :func:`load_graph_file`.
        path: the output file.
        format: RDF format name; guessed from the suffix when None.

    Returns:
        The path written.
    """
    target = Path(path)
    fmt = normalize_format(format) if format else format_for_path(target)
    atomic_write_bytes(target, serialize_dataset(dataset, fmt))
    return target


# ----------------------------------------------------------------------------- reading


def _remote_contexts(node: Any) -> Iterator[str]:
    """Yield every context reference (a string ``@context`` or ``@import``) in a JSON-LD document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from (v for v in value if isinstance(v, str))
            yield from _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _remote_contexts(item)


def _position_from_oxigraph(data: bytes, fmt: str) -> tuple[int, int, str] | None:
    """Ask Oxigraph where a Turtle/TriG/N-Triples/N-Quads file breaks (rdflib's N-Triples errors lack it)."""
    import pyoxigraph

    formats = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
    }
    if fmt not in formats:
        return None
    try:
        for _quad in pyoxigraph.parse(data, format=formats[fmt], base_iri="file:///"):
            pass
    except SyntaxError as exc:
        message = str(exc.msg if exc.msg else exc)
        message = (
            message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
        )
        if exc.lineno:
            return int(exc.lineno), int(exc.offset or 1), message
        return None
    return None


def _syntax_error(path: Path, data: bytes, fmt: str, exc: Exception) -> GraphInputError:
    """Turn a parser exception into a one-line ``file:line:col: message`` error."""
    where = _position_from_oxigraph(data, fmt)
    if where is not None:
        line, col, message = where
        return GraphInputError(f"{path}:{line}:{col}: malformed {fmt}: {message}")
    index = getattr(exc, "_i", None)
    why = getattr(exc, "_why", None) or (str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)
    if isinstance(index, int):
        before = data[:index]
        line = before.count(b"\n") + 1
        col = index - (before.rfind(b"\n") + 1) + 1
        return GraphInputError(f"{path}:{line}:{col}: malformed {fmt}: {why}")
    return GraphInputError(f"{path}:?:?: malformed {fmt}: {why}")


def load_graph_file(path: str | os.PathLike[str], format: str | None = None) -> Dataset:
    """Read a graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD) into a ``Dataset``, never going online.

    Args:
        path: the file.
        format: RDF format name; guessed from the suffix when None.

    Returns:
        A ``Dataset`` with ``default_union=True``; triple formats land in the default graph.

    Raises:
        GraphInputError: the file is missing, of an unknown format, malformed (the one-line message names
            ``file:line:col``), or a JSON-LD document refers to a remote context (never fetched).
    """
    source = Path(path)
    fmt = normalize_format(format) if format else format_for_path(source)
    try:
        data = source.read_bytes()
    except FileNotFoundError as exc:
        raise GraphInputError(f"{source}: no such graph file") from exc
    except IsADirectoryError as exc:
        raise GraphInputError(f"{source}: is a directory, not a graph file") from exc
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    base = source.resolve().as_uri()
    if fmt == "json-ld":
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise GraphInputError(
                f"{source}: JSON-LD is not UTF-8 ({exc.reason} at byte {exc.start})"
            ) from exc
        except json.JSONDecodeError as exc:
            raise GraphInputError(f"{source}:{exc.lineno}:{exc.colno}: malformed JSON-LD: {exc.msg}") from exc
        remote = sorted(set(_remote_contexts(document)))
        if remote:
            raise GraphInputError(
                f"{source}: JSON-LD refers to the context {remote[0]!r}, which actorgraph never fetches; "
                "inline the context in the file"
            )
        try:
            dataset.parse(data=json.dumps(document), format="json-ld", publicID=base)
        except Exception as exc:
            raise GraphInputError(
                f"{source}: malformed JSON-LD: {str(exc).splitlines()[0] if str(exc) else exc}"
            ) from exc
        return dataset
    plugin = FORMATS[fmt][0]
    try:
        dataset.parse(data=data, format=plugin, publicID=base)
    except Exception as exc:
        raise _syntax_error(source, data, fmt, exc) from exc
    return dataset
