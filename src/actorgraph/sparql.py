"""The SPARQL guard, predeclared prefixes, and safe parameter binding, shared by every store backend.

Queries are copied from the web and run on the analyst's machine, so before anything executes,
:func:`check_query` parses the text with rdflib's SPARQL parser and refuses what would reach the network
or change data: ``SERVICE``, ``LOAD``, ``FROM``/``FROM NAMED``/``USING`` with IRIs, and (unless allowed)
any update. Parameters are never formatted into the query text: the memory store passes rdflib
``initBindings``, Oxigraph gets ``substitutions``, and only for a remote endpoint is a ``VALUES`` block
inserted, built from RDF terms serialised with rdflib's escaping (:func:`add_values`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal, Protocol

from rdflib import XSD, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from .errors import QueryError, QueryRefusedError
from .graph import PREFIXES
from .model import ACTOR_BASE, ONTOLOGY_NS, Actor

__all__ = [
    "ACTOR_PARAMS",
    "PREFIXES",
    "BindingValue",
    "CheckedQuery",
    "QueryForm",
    "add_values",
    "check_query",
    "declared_prefixes",
    "prefix_header",
    "resolve_params",
    "to_term",
    "with_prefixes",
]

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "UPDATE"]
BindingValue = str | int | float | bool | Node

#: Parameter names taken as actors (resolved through the gazetteer) when a query does not declare kinds.
ACTOR_PARAMS = frozenset({"actor", "a", "b", "subject", "object", "mediator", "party", "other", "reporter"})

_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
_IRI_RE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]*$')
_ABSOLUTE_IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*:?[A-Za-z0-9_\-.:%]*)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that passed the guard: its text (unchanged) and its form."""

    text: str
    form: QueryForm


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """Yield ``(kind, value, start)`` SPARQL tokens; strings, IRIs and comments are single tokens."""
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "punct"
        yield kind, match.group(), match.start()


def _walk(node: Any) -> Iterator[Any]:
    """Yield every CompValue / ParseResults / list below a parse tree node (rdflib's parser output)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, CompValue):
            stack.extend(item.values())
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


def _refusals(tree: Any, allow_update: bool) -> Iterator[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    for item in _walk(tree):
        if not isinstance(item, CompValue):
            continue
        if item.name == "ServiceGraphPattern":
            yield "SERVICE would send the query to another server"
        elif item.name == "DatasetClause":
            yield "FROM / FROM NAMED would load graphs from IRIs; query the store's own graphs instead"
        elif item.name == "UsingClause":
            yield "USING would load graphs from IRIs"
        elif item.name == "Load":
            yield "LOAD would fetch a graph from the network"
        elif not allow_update and item.name in {
            "InsertData",
            "DeleteData",
            "DeleteWhere",
            "Modify",
            "Clear",
            "Drop",
            "Create",
            "Add",
            "Move",
            "Copy",
        }:
            yield "updates change the store and need --allow-update"


def _near(text: str, loc: int) -> str:
    rest = text[loc:].strip().split()
    return rest[0][:30] if rest else "end of query"


#: Queries that passed :func:`check_query`, by (text, allow_update); refusals are not kept.
_CHECKED: dict[tuple[str, bool], CheckedQuery] = {}


def check_query(text: str, allow_update: bool = False) -> CheckedQuery:
    """Parse a query or update and refuse anything that reaches the network or (unless allowed) writes.

    Args:
        text: the SPARQL text, with or without prefix declarations (actorgraph's are predeclared).
        allow_update: accept ``INSERT``/``DELETE``/``CLEAR``... (never ``LOAD``).

    Returns:
        The checked query and its form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE``).

    Raises:
        QueryError: the text is not SPARQL; the message gives the line and column.
        QueryRefusedError: it uses SERVICE, LOAD, FROM, FROM NAMED or USING, or is an update not allowed.

    Examples:
        >>> check_query("SELECT ?s WHERE { ?s a ag:State }").form
        'SELECT'
        >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
        Traceback (most recent call last):
        ...
        actorgraph.errors.QueryRefusedError: query refused: SERVICE would send the query to another server
    """
    checked = _CHECKED.get((text, allow_update))
    if checked is not None:  # a passed query is parsed once: rdflib's parser takes 20-80 ms per library query
        return checked
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    form: QueryForm
    try:
        tree: Any = parseQuery(text)
        form = _FORMS.get(tree[1].name, "SELECT")
    except ParseBaseException as query_exc:
        try:
            tree = parseUpdate(text)
            form = "UPDATE"
        except ParseBaseException as update_exc:
            exc = update_exc if update_exc.loc > query_exc.loc else query_exc
            raise QueryError(
                f"malformed SPARQL at line {exc.lineno}, column {exc.col} (near {_near(text, exc.loc)!r})"
            ) from exc
    except RecursionError as exc:
        raise QueryError("malformed SPARQL: nested too deeply") from exc
    reasons = sorted(set(_refusals(tree, allow_update)))
    if form == "UPDATE" and not allow_update and not reasons:
        reasons = ["updates change the store and need --allow-update"]
    if reasons:
        raise QueryRefusedError("query refused: " + "; ".join(reasons))
    if len(_CHECKED) >= 256:
        _CHECKED.clear()
    checked = _CHECKED[(text, allow_update)] = CheckedQuery(text=text, form=form)
    return checked


def declared_prefixes(text: str) -> set[str]:
    r"""Return the prefixes a query declares itself.

    Examples:
        >>> sorted(declared_prefixes("PREFIX ex: <http://e/>\nprefix ag: <x:> SELECT * {}"))
        ['ag', 'ex']
    """
    found: set[str] = set()
    significant = [(k, v) for k, v, _ in _tokens(text) if k not in ("ws", "comment")]
    for (kind, value), nxt in pairwise(significant):
        if kind == "word" and value.upper() == "PREFIX" and nxt[0] == "word" and nxt[1].endswith(":"):
            found.add(nxt[1][:-1])
    return found


def prefix_header(text: str) -> str:
    """Return one line declaring actorgraph's prefixes that ``text`` does not declare itself ('' if none)."""
    declared = declared_prefixes(text)
    decls = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return (" ".join(decls) + "\n") if decls else ""


def with_prefixes(text: str) -> str:
    """Prepend the predeclared prefixes on a single line (error line numbers shift by exactly one).

    Used for endpoints, which know nothing of actorgraph's prefixes; the embedded stores pass them natively.
    """
    return prefix_header(text) + text


def to_term(value: BindingValue) -> Node:
    """Turn a binding value into an RDF term.

    rdflib terms pass through; ``bool``/``int``/``float`` become typed literals; a string is an IRI when it
    is written ``<...>`` or looks like an absolute ``http(s):``/``urn:`` IRI, else a plain literal.

    Raises:
        QueryError: a string meant as an IRI contains characters IRIs cannot hold.

    Examples:
        >>> to_term("https://w3id.org/actorgraph/actor/turkey")
        rdflib.term.URIRef('https://w3id.org/actorgraph/actor/turkey')
        >>> to_term(3).n3(), to_term("Turkey").n3()
        ('"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"Turkey"')
    """
    if isinstance(value, Node):
        return value
    if isinstance(value, bool):
        return RDFLiteral(value)
    if isinstance(value, int):
        return RDFLiteral(value, datatype=XSD.integer)
    if isinstance(value, float):
        return RDFLiteral(value, datatype=XSD.double)
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return _checked_iri(text[1:-1])
    if re.match(r"^(https?|urn):\S+$", text):
        return _checked_iri(text)
    return RDFLiteral(text)


def _checked_iri(text: str) -> URIRef:
    if not _IRI_RE.match(text) or not _ABSOLUTE_IRI_RE.match(text):
        raise QueryError(f"not a valid absolute IRI: {text!r}")
    return URIRef(text)


def _term_n3(term: Node) -> str:
    """Serialise a term for a VALUES block; IRIs are re-validated so nothing can close the block early."""
    if isinstance(term, URIRef):
        return f"<{_checked_iri(str(term))}>"
    if isinstance(term, RDFLiteral):
        if term.datatype is not None:
            _checked_iri(str(term.datatype))
        return term.n3()
    raise QueryError(f"cannot bind a {type(term).__name__} as a query parameter")


def _where_brace(text: str) -> int:
    """Return the offset just after the ``{`` opening the query's WHERE clause."""
    depth_paren = 0
    form = None
    skip_template = False
    brace_depth = 0
    for kind, value, start in _tokens(text):
        if kind in ("ws", "comment", "string", "iri"):
            continue
        upper = value.upper()
        if form is None and kind == "word" and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = upper
            skip_template = upper == "CONSTRUCT"
            continue
        if form is None:
            continue
        if form == "CONSTRUCT" and skip_template:
            if kind == "word" and upper == "WHERE" and brace_depth == 0:
                raise QueryError(
                    "parameters cannot be bound in a CONSTRUCT WHERE short form; write the template"
                )
            if value == "{":
                brace_depth += 1
            elif value == "}":
                brace_depth -= 1
                if brace_depth == 0:
                    skip_template = False
            continue
        if value == "(":
            depth_paren += 1
        elif value == ")":
            depth_paren -= 1
        elif value == "{" and depth_paren == 0:
            return start + 1
    raise QueryError("cannot find the WHERE clause to bind the parameters to")


def add_values(text: str, bindings: Mapping[str, Node]) -> str:
    r"""Bind variables by inserting a ``VALUES`` block at the start of the WHERE clause.

    Placing it first in the group (not as a trailing VALUES, which joins after GROUP BY) makes it act like a
    pre-binding. Terms are serialised with rdflib's escaping and IRIs re-validated, so a value can never
    end the block or add query text.

    Examples:
        >>> add_values("SELECT ?x WHERE { ?x ?p ?actor }", {"actor": URIRef("http://e/a")})
        'SELECT ?x WHERE { VALUES (?actor) { (<http://e/a>) } ?x ?p ?actor }'
        >>> add_values('SELECT * { ?s ?p ?o }', {"o": RDFLiteral('x" } DROP ALL #')})
        'SELECT * { VALUES (?o) { ("x\\" } DROP ALL #") } ?s ?p ?o }'
    """
    if not bindings:
        return text
    names = []
    for name in bindings:
        clean = name.lstrip("?$")
        if not _VAR_RE.match(clean):
            raise QueryError(f"not a valid variable name: {name!r}")
        names.append(clean)
    values = " ".join(_term_n3(term) for term in bindings.values())
    block = " VALUES (" + " ".join("?" + n for n in names) + ") { (" + values + ") }"
    at = _where_brace(text)
    return text[:at] + block + text[at:]


class ActorResolver(Protocol):
    """What parameter resolution needs from a gazetteer."""

    def resolve(self, name: str) -> Actor:
        """Return the best actor for a name, or raise UnknownActorError listing close matches."""


def _resolve_relation(value: str) -> URIRef:
    from .ontology import load_relation_types

    name = value.split(":", 1)[1] if value.startswith("ag:") else value
    if name.startswith(ONTOLOGY_NS):
        name = name[len(ONTOLOGY_NS) :]
    known = load_relation_types()
    if name not in known:
        by_label = {rt.label.lower(): rt.name for rt in known.values()}
        if name.lower() in by_label:
            name = by_label[name.lower()]
        else:
            close = difflib.get_close_matches(name, list(known), n=3)
            hint = f"; closest: {', '.join(close)}" if close else f"; known: {', '.join(known)}"
            raise QueryError(f"unknown relation {value!r}{hint}")
    return URIRef(ONTOLOGY_NS + name)


def resolve_params(
    params: Mapping[str, str],
    kinds: Mapping[str, str] | None = None,
    gazetteer: ActorResolver | None = None,
) -> dict[str, Node]:
    """Turn ``--param name=value`` strings into RDF terms.

    Args:
        params: parameter name (with or without ``?``) -> text as typed by the user.
        kinds: parameter name -> ``actor``, ``relation``, ``iri``, ``date``, ``number`` or ``string``; names
            not listed are actors when in :data:`ACTOR_PARAMS`, relations when named ``relation``, IRIs
            when written ``<...>``, ``actor:slug`` or ``http(s)://...``, numbers when they look like one,
            else strings.
        gazetteer: resolves actor names, aliases, capitals and codes ("Ankara", "TUR", "Turkey"); loaded
            on first need when None.

    Returns:
        Variable name -> RDF term.

    Raises:
        UnknownActorError: an actor name matches nothing (the message lists the closest names).
        QueryError: a relation, IRI, date or number is invalid.
    """
    out: dict[str, Node] = {}
    kinds = dict(kinds or {})
    for raw_name, value in params.items():
        name = raw_name.lstrip("?$")
        if not _VAR_RE.match(name):
            raise QueryError(f"not a valid parameter name: {raw_name!r}")
        kind = kinds.get(name)
        if kind is None:
            if name in ACTOR_PARAMS:
                kind = "actor"
            elif name == "relation":
                kind = "relation"
            elif value.startswith(("<", "actor:", "http://", "https://", "urn:")):
                kind = "iri"
            elif re.match(r"^-?\d+(\.\d+)?$", value):
                kind = "number"
            else:
                kind = "string"
        if kind == "actor":
            if value.startswith(("http://", "https://", "<")):
                out[name] = to_term(value if value.startswith("<") else f"<{value}>")
            elif value.startswith("actor:"):
                out[name] = _checked_iri(ACTOR_BASE + value[len("actor:") :])
            else:
                if gazetteer is None:
                    from .gazetteer import load_gazetteer

                    gazetteer = load_gazetteer()
                out[name] = URIRef(gazetteer.resolve(value).iri)
        elif kind == "relation":
            out[name] = _resolve_relation(value)
        elif kind == "iri":
            iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
            out[name] = _checked_iri(ACTOR_BASE + iri[len("actor:") :] if iri.startswith("actor:") else iri)
        elif kind == "date":
            if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value):
                raise QueryError(
                    f"parameter {name}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}"
                )
            out[name] = RDFLiteral(value)
        elif kind == "number":
            try:
                out[name] = to_term(int(value)) if re.match(r"^-?\d+$", value) else to_term(float(value))
            except ValueError as exc:
                raise QueryError(f"parameter {name}: not a number: {value!r}") from exc
        else:
            out[name] = RDFLiteral(value)
    return out
