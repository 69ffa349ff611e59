"""Query results: RDF terms, SELECT rows and their renderings (table, CSV, TSV, SPARQL JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from rdflib import XSD, BNode, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from ..errors import QueryError
from ..graph import PREFIXES
from ..sparql import to_term

__all__ = ["QueryResult", "RDFTerm"]

_INT_TYPES = {
    str(XSD[t])
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_PLAIN_TYPES = {str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


class RDFTerm(NamedTuple):
    """One value of a query result as RDF: kind (``uri``/``literal``/``bnode``), text, datatype, language."""

    kind: Literal["uri", "literal", "bnode"]
    value: str
    datatype: str | None = None
    lang: str | None = None

    def to_python(self) -> object:
        """The plain Python value: ``int``/``float``/``bool`` for numeric and boolean literals, else ``str``.

        Examples:
            >>> RDFTerm("literal", "3", str(XSD.integer)).to_python()
            3
            >>> RDFTerm("uri", "https://w3id.org/actorgraph/actor/turkey").to_python()
            'https://w3id.org/actorgraph/actor/turkey'
        """
        if self.kind != "literal" or self.datatype is None:
            return self.value
        try:
            if self.datatype in _INT_TYPES:
                return int(self.value)
            if self.datatype in _FLOAT_TYPES:
                return float(self.value)
        except ValueError:
            return self.value
        if self.datatype == str(XSD.boolean):
            return self.value.strip() in ("true", "1")
        return self.value

    def to_json(self) -> dict[str, str]:
        """The term as in SPARQL 1.1 Query Results JSON."""
        out = {"type": self.kind, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype:
            out["datatype"] = self.datatype
        return out


@dataclass(frozen=True)
class QueryResult:
    """A SELECT result: variable names and rows of plain Python values (None where unbound).

    ``terms`` keeps the RDF form of every value, for the SPARQL JSON output.

    Examples:
        >>> r = QueryResult(["a", "n"], [("x", 2)])
        >>> print(r.to_text("csv"), end="")
        a,n
        x,2
    """

    vars: list[str]
    rows: list[tuple[object, ...]]
    terms: list[tuple[RDFTerm | None, ...]] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def from_terms(cls, variables: Sequence[str], terms: Iterable[Sequence[RDFTerm | None]]) -> QueryResult:
        """Build a result from RDF terms, deriving the Python values."""
        term_rows = [tuple(row) for row in terms]
        rows = [tuple(t.to_python() if t is not None else None for t in row) for row in term_rows]
        return cls(list(variables), rows, term_rows)

    def to_json(self) -> dict[str, Any]:
        """The result as SPARQL 1.1 Query Results JSON (``head``/``results.bindings``)."""
        term_rows = self.terms or [tuple(_python_term(v) for v in row) for row in self.rows]
        bindings = [
            {var: term.to_json() for var, term in zip(self.vars, row, strict=False) if term is not None}
            for row in term_rows
        ]
        return {"head": {"vars": list(self.vars)}, "results": {"bindings": bindings}}

    def to_text(self, fmt: str = "table") -> str:
        """Render as ``table`` (aligned, prefixed IRIs), ``csv``, ``tsv`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        if fmt in ("csv", "tsv"):
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            writer.writerow(self.vars)
            for row in self.rows:
                writer.writerow(["" if v is None else _cell(v) for v in row])
            return buffer.getvalue()
        if fmt == "table":
            return self.render_table()
        raise QueryError(f"unknown result format {fmt!r} (expected table, csv, tsv or json)")

    def render_table(self, max_width: int = 60) -> str:
        """An aligned plain-text table with IRIs shortened to ``prefix:name`` and long cells cut."""
        cells = [[_short(v, max_width) for v in row] for row in self.rows]
        widths = [len(v) for v in self.vars]
        for row in cells:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=False)]
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.vars, widths, strict=False)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines.extend(
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in cells
        )
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _short(value: object, max_width: int) -> str:
    if value is None:
        return ""
    text = _cell(value)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            text = f"{prefix}:{text[len(namespace) :]}"
            break
    text = " ".join(text.split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def _python_term(value: object) -> RDFTerm | None:
    if value is None:
        return None
    return _rdflib_term(to_term(value if isinstance(value, str | int | float | bool) else str(value)))


def _rdflib_term(term: Node | None) -> RDFTerm | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return RDFTerm("uri", str(term))
    if isinstance(term, BNode):
        return RDFTerm("bnode", str(term))
    if isinstance(term, RDFLiteral):
        datatype = str(term.datatype) if term.datatype is not None else None
        if datatype in _PLAIN_TYPES:
            datatype = None
        return RDFTerm("literal", str(term), datatype, term.language)
    return RDFTerm("literal", str(term))


def _json_term(value: Mapping[str, str] | None) -> RDFTerm | None:
    if value is None:
        return None
    kind = value.get("type", "literal")
    if kind == "uri":
        return RDFTerm("uri", value["value"])
    if kind == "bnode":
        return RDFTerm("bnode", value["value"])
    datatype = value.get("datatype")
    if datatype in _PLAIN_TYPES:
        datatype = None
    return RDFTerm("literal", value["value"], datatype, value.get("xml:lang"))
