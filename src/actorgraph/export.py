"""Exports: RDF formats for other triple stores, GraphML/GEXF for Gephi, and CSV edge lists for spreadsheets.

RDF goes out through the store (rdflib or Oxigraph) with the named graphs kept where the format can hold
them. The network formats come from the networkx view (:func:`actorgraph.netview.to_networkx`), folded
into one edge per (subject, object, relation) with simple-typed attributes, because GraphML and GEXF
writers accept only strings, numbers and booleans. Every file is written atomically.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .atomic import atomic_write_bytes
from .errors import GraphInputError

if TYPE_CHECKING:
    import networkx as nx

    from .store import Store

__all__ = [
    "EXPORT_FORMATS",
    "NETWORK_FORMATS",
    "RDF_FORMATS",
    "ExportFormat",
    "edge_rows",
    "export_graph",
    "render_export",
    "to_edge_graph",
]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name (the ``--format`` value), kind, a one-line description and its writer.

    ``write(store, level)`` returns the file's bytes; RDF writers ignore ``level``.
    """

    name: str
    kind: Literal["rdf", "network"]
    description: str
    write: Callable[[Store, str], bytes]


def _rdf_writer(name: str) -> Callable[[Store, str], bytes]:
    def write(store: Store, level: str) -> bytes:
        from .graph import normalize_format

        return store.export(normalize_format(name))

    return write


CSV_COLUMNS = (
    "source",
    "source_label",
    "target",
    "target_label",
    "relation",
    "polarity",
    "evidence",
    "first_date",
    "last_date",
    "mean_confidence",
    "symmetric",
)


#: characters XML 1.0 cannot hold: GraphML/GEXF with them do not load (labels may come from scraped text)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _simple(value: Any) -> str | int | float | bool:
    """GraphML/GEXF attributes must be simple: None becomes '', lists are joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set):
        value = "; ".join(str(v) for v in value)
    return _NOT_XML.sub("", str(value))


def to_edge_graph(store: Store, level: str = "state") -> nx.MultiDiGraph[str]:
    """Fold the per-statement networkx view into one edge per (subject, object, relation).

    Only statements that back a direct triple count (not negated; mood asserted or hedged).

    Args:
        store: the graph (see :func:`actorgraph.store.open_store`).
        level: ``state`` rolls people and bodies up to their state; ``actor`` keeps them.

    Returns:
        A MultiDiGraph keyed by relation name; edges carry ``relation``, ``polarity``, ``evidence``
        (statement count), ``first_date``, ``last_date``, ``mean_confidence`` and ``symmetric``; nodes carry
        ``label``, ``type``, ``state`` and ``iri``. Every attribute is a string, number or boolean.
    """
    import networkx as nx

    from .netview import COUNTED_MOODS, to_networkx

    view = to_networkx(store, level=level)  # type: ignore[arg-type]
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in sorted(view.nodes(data=True)):
        out.add_node(
            node,
            label=_simple(data.get("label")),
            type=_simple(data.get("type")),
            state=_simple(data.get("state")),
            iri=_simple(data.get("iri") or node),
        )
    folded: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, data in view.edges(data=True):
        if data.get("negated") or data.get("mood") not in COUNTED_MOODS:
            continue
        key = (u, v, str(data.get("relation")))
        entry = folded.setdefault(
            key,
            {
                "polarity": int(data.get("polarity") or 0),
                "symmetric": bool(data.get("symmetric")),
                "dates": [],
                "confidences": [],
            },
        )
        if data.get("date"):
            entry["dates"].append(str(data["date"]))
        entry["confidences"].append(float(data.get("confidence") or 0.0))
    for (u, v, relation), entry in sorted(folded.items()):
        dates = sorted(entry["dates"])
        confidences = entry["confidences"]
        out.add_edge(
            u,
            v,
            key=relation,
            relation=relation,
            polarity=entry["polarity"],
            evidence=len(confidences),
            first_date=dates[0] if dates else "",
            last_date=dates[-1] if dates else "",
            mean_confidence=round(sum(confidences) / len(confidences), 3) if confidences else 0.0,
            symmetric=entry["symmetric"],
        )
    return out


def edge_rows(graph: nx.MultiDiGraph[str]) -> Iterator[dict[str, Any]]:
    """Yield the CSV rows of an edge graph from :func:`to_edge_graph` (a pure generator, networkx style)."""
    for u, v, data in graph.edges(data=True):
        yield {
            "source": u,
            "source_label": graph.nodes[u].get("label", ""),
            "target": v,
            "target_label": graph.nodes[v].get("label", ""),
            **{k: data[k] for k in CSV_COLUMNS[4:]},
        }


def _csv_bytes(edges: nx.MultiDiGraph[str]) -> bytes:
    buffer = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any field holding a \r or \n, so labels cannot split rows
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for row in edge_rows(edges):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _xml_bytes(edges: nx.MultiDiGraph[str], kind: str) -> bytes:
    import networkx as nx

    data = io.BytesIO()
    if kind == "graphml":
        nx.write_graphml(edges, data, encoding="utf-8")
    else:
        nx.write_gexf(edges, data, encoding="utf-8")
    return data.getvalue()


def _network_writer(name: str) -> Callable[[Store, str], bytes]:
    def write(store: Store, level: str) -> bytes:
        edges = to_edge_graph(store, level=level)
        return _csv_bytes(edges) if name == "csv" else _xml_bytes(edges, name)

    return write


#: Every export format by name: the library's :func:`export_graph` and the CLI's ``--format`` choices both
#: read this registry, so a format added here is available everywhere.
EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("ttl", "rdf", "Turtle: the union of all graphs", _rdf_writer("ttl")),
        ExportFormat("nt", "rdf", "N-Triples: the union of all graphs", _rdf_writer("nt")),
        ExportFormat(
            "nq", "rdf", "N-Quads: each document's statements in its named graph", _rdf_writer("nq")
        ),
        ExportFormat("trig", "rdf", "TriG: named graphs kept", _rdf_writer("trig")),
        ExportFormat("jsonld", "rdf", "JSON-LD: named graphs kept", _rdf_writer("jsonld")),
        ExportFormat("graphml", "network", "GraphML network (Gephi, yEd)", _network_writer("graphml")),
        ExportFormat("gexf", "network", "GEXF network (Gephi)", _network_writer("gexf")),
        ExportFormat("csv", "network", "CSV edge list for spreadsheets", _network_writer("csv")),
    )
}
RDF_FORMATS = tuple(name for name, f in EXPORT_FORMATS.items() if f.kind == "rdf")
NETWORK_FORMATS = tuple(name for name, f in EXPORT_FORMATS.items() if f.kind == "network")


def _export_format(format: str) -> ExportFormat:
    """The registered format of a name, or of an RDF alias (``turtle``, ``nquads``, ``json-ld``...)."""
    from .graph import normalize_format

    name = format.strip().lower()
    if name not in EXPORT_FORMATS:
        try:
            canonical = normalize_format(name)
        except GraphInputError:
            canonical = ""
        name = next((n for n in RDF_FORMATS if normalize_format(n) == canonical), name)
    found = EXPORT_FORMATS.get(name)
    if found is None:
        raise GraphInputError(
            f"unknown export format {format!r} (expected one of: {', '.join(EXPORT_FORMATS)})"
        )
    return found


def render_export(store: Store, format: str, *, level: str = "state") -> bytes:
    """A graph in one export format, as the bytes of the file :func:`export_graph` writes.

    Args:
        store: The graph (see :func:`actorgraph.store.open_store`).
        format: A name of :data:`EXPORT_FORMATS` (or an RDF alias such as ``turtle``).
        level: For network formats, ``state`` (roll people and bodies up to their state) or ``actor``.

    Returns:
        The serialised graph.

    Raises:
        GraphInputError: an unknown format.
    """
    return _export_format(format).write(store, level)


def export_graph(store: Store, format: str, output: str | os.PathLike[str], *, level: str = "state") -> Path:
    """Export a graph to a file, atomically (the previous file stays until the new one is complete).

    Args:
        store: The graph: an open store (:func:`actorgraph.store.open_store` opens a graph file, an Oxigraph
            folder, an endpoint or an rdflib dataset).
        format: ``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld`` (RDF) or ``graphml``, ``gexf``, ``csv``
            (networks: one edge per subject, object and relation, with evidence counts and dates); see
            :data:`EXPORT_FORMATS`.
        output: the file to write.
        level: for network formats, ``state`` (roll people and bodies up to states) or ``actor``.

    Returns:
        The path written.

    Raises:
        GraphInputError: an unknown format, or an unreadable graph.
    """
    target = Path(output)
    atomic_write_bytes(target, render_export(store, format, level=level))
    return target
