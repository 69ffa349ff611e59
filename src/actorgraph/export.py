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
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from .atomic import atomic_write_bytes, atomic_write_text
from .errors import GraphInputError
from .graph import normalize_format

if TYPE_CHECKING:
    import networkx as nx

    from .store import Store

__all__ = ["EXPORT_FORMATS", "NETWORK_FORMATS", "RDF_FORMATS", "edge_rows", "export_graph", "to_edge_graph"]

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")
NETWORK_FORMATS = ("graphml", "gexf", "csv")
EXPORT_FORMATS = RDF_FORMATS + NETWORK_FORMATS

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


def to_edge_graph(source: Any, level: str = "state") -> nx.MultiDiGraph[str]:
    """Fold the per-statement networkx view into one edge per (subject, object, relation).

    Only statements that back a direct triple count (not negated; mood asserted or hedged).

    Args:
        source: a store, an rdflib graph/dataset or a location (see :func:`actorgraph.store.open_store`).
        level: ``state`` rolls people and bodies up to their state; ``actor`` keeps them.

    Returns:
        A MultiDiGraph keyed by relation name; edges carry ``relation``, ``polarity``, ``evidence``
        (statement count), ``first_date``, ``last_date``, ``mean_confidence`` and ``symmetric``; nodes carry
        ``label``, ``type``, ``state`` and ``iri``. Every attribute is a string, number or boolean.
    """
    import networkx as nx

    from .netview import COUNTED_MOODS, to_networkx

    view = to_networkx(source, level=level)  # type: ignore[arg-type]
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


def export_graph(
    source: Store | Graph | str | os.PathLike[str],
    format: str,
    output: str | os.PathLike[str],
    *,
    level: str = "state",
) -> Path:
    """Export a graph to a file.

    Args:
        source: an open store, an rdflib dataset, or a location (graph file, Oxigraph store, endpoint).
        format: ``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld`` (RDF) or ``graphml``, ``gexf``, ``csv``
            (networks: one edge per subject, object and relation, with evidence counts and dates).
        output: the file to write (atomically).
        level: for network formats, ``state`` (roll people and bodies up to states) or ``actor``.

    Returns:
        The path written.

    Raises:
        GraphInputError: an unknown format, or an unreadable source.
    """
    fmt = format.lower()
    target = Path(output)
    if fmt in RDF_FORMATS or fmt in ("turtle", "nquads", "ntriples", "json-ld"):
        from .store import serialize_source

        atomic_write_bytes(target, serialize_source(source, normalize_format(fmt)))
        return target
    if fmt not in NETWORK_FORMATS:
        raise GraphInputError(
            f"unknown export format {format!r} (expected one of: {', '.join(EXPORT_FORMATS)})"
        )
    edges = to_edge_graph(source, level=level)
    if fmt == "csv":
        buffer = io.StringIO()
        # RFC 4180 line ends: the writer then quotes any field holding a \r or \n, so labels cannot split rows
        writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        for row in edge_rows(edges):
            writer.writerow(row)
        atomic_write_text(target, buffer.getvalue())
        return target
    import networkx as nx

    data = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(edges, data, encoding="utf-8")
    else:
        nx.write_gexf(edges, data, encoding="utf-8")
    atomic_write_bytes(target, data.getvalue())
    return target
