"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pyshacl), with a readable report.

The shapes encode the graph shape every consumer relies on (statements with one subject, relation and
object, polarity and confidence in range, sentences with offsets inside documents, labelled and typed
actors), so a graph written by hand or by another tool can be checked before it is queried or shared.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import RDF, Graph, Namespace, URIRef

from .graph import PREFIXES, load_graph_file, union_graph
from .resources import shapes_path

if TYPE_CHECKING:
    from .store import Store

__all__ = ["ValidationReport", "Violation", "validate_graph"]

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the node at fault, the property path, the offending value and the message."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None
    shape: str | None = None

    def render(self) -> str:
        """One line: ``severity: focus path: message (value)``."""
        where = _short(self.focus) + (f" {_short(self.path)}" if self.path else "")
        value = f" (value: {_short(self.value)})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, and every violation found (sorted by node, then path)."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def render(self, limit: int = 50) -> str:
        """A readable report: a verdict line, then one line per violation (at most ``limit``).

        Examples:
            >>> print(ValidationReport(True).render())
            conforms: the graph matches the actorgraph shapes
        """
        if self.conforms:
            return "conforms: the graph matches the actorgraph shapes"
        lines = [f"does not conform: {len(self.violations)} violation(s)"]
        lines.extend("  " + v.render() for v in self.violations[:limit])
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def _short(value: str | None) -> str:
    if value is None:
        return ""
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace) :]}"
    return value if len(value) <= 80 else value[:79] + "…"


def _text(graph: Graph, node: Any, prop: URIRef) -> str | None:
    value = graph.value(node, prop)
    return None if value is None else str(value)


def validate_graph(store: Store, shapes: str | os.PathLike[str] | None = None) -> ValidationReport:
    """Validate a graph with the SHACL shapes.

    Args:
        store: the graph (:func:`actorgraph.store.open_store` opens a graph file, an Oxigraph store, an
            endpoint or an rdflib dataset).
        shapes: a shapes file; the shipped ``ontology/shapes.ttl`` when None.

    Returns:
        The report; ``conforms`` is False when any violation was found.
    """
    from pyshacl import validate

    data = union_graph(store.to_dataset())
    # read like any graph file: a malformed shapes file is a one-line error with file:line:col
    shapes_graph = union_graph(load_graph_file(shapes or shapes_path(), "turtle"))
    conforms, results, _text_report = validate(
        data, shacl_graph=shapes_graph, inference="none", abort_on_first=False, allow_warnings=True
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = _text(results, result, SH.resultSeverity) or "Violation"
        violations.append(
            Violation(
                focus=_text(results, result, SH.focusNode) or "",
                path=_text(results, result, SH.resultPath),
                message=_text(results, result, SH.resultMessage) or "constraint not met",
                severity=severity.rsplit("#", 1)[-1],
                value=_text(results, result, SH.value),
                shape=_text(results, result, SH.sourceShape),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), violations)
