r"""The SPARQL guard, predeclared prefixes, and safe parameter binding, shared by every store backend.

Queries are copied from the web and run on the analyst's machine, so before anything executes,
:func:`check_query` refuses what would reach the network or change data: ``SERVICE``, ``LOAD``,
``FROM``/``FROM NAMED``/``USING`` with IRIs, and (unless allowed) any update.

The check must look at the query the executing engine will run, not at another parser's reading of it.
SPARQL's ``\u``/``\U`` code point escapes are processed once, as the specification says, before
anything else (:func:`decode_escapes`); the decoded text is what is checked *and* what every backend runs
(:attr:`CheckedQuery.text`), so rdflib (which decodes escapes before parsing) and Oxigraph (which decodes
them inside strings and IRIs only) read the same characters. A text whose decoding still holds an escape
(``\u005Cu0022``) cannot be read the same way by both and is refused. The decoded text is checked twice,
independently: rdflib's parse tree, and a token scan for the keywords that reach the network, so a
disagreement between parsers about where a string or comment ends refuses rather than runs.

Parameters are never formatted into the query text: the memory store passes rdflib ``initBindings``,
Oxigraph gets ``substitutions``, and only where those cannot be used is a ``VALUES`` block inserted, built
from RDF terms serialised with rdflib's escaping (:func:`add_values`); the text with the block is checked
again before it runs.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
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
    "decode_escapes",
    "parse_iso_date",
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
_IRI_RE = re.compile(r'[^<>"{}|^`\\\x00-\x20\x7f-\x9f\s]*')
_ABSOLUTE_IRI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_VAR_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SLUG_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_NUMBER_RE = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d{1,3})?")
_ISO_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: SPARQL 1.1 section 19.2: ``\uXXXX`` and ``\UXXXXXXXX`` are processed before parsing, anywhere in the text.
_ESCAPE_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: After decoding, anything still shaped like an escape is read differently by rdflib (which decodes again,
#: and takes ``\u`` with eight digits) and Oxigraph (which decodes inside strings and IRIs only).
_LEFTOVER_ESCAPE_RE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
#: Words that, outside strings, IRIs and comments, can only be the keywords that fetch from the network.
_NETWORK_KEYWORDS = {
    "SERVICE": "SERVICE would send the query to another server",
    "LOAD": "LOAD would fetch a graph from the network",
    "FROM": "FROM / FROM NAMED would load graphs from IRIs; query the store's own graphs instead",
    "USING": "USING would load graphs from IRIs",
}
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>(?:[^\W\d][\w\-.\u00B7]*)?:(?:[\w\-.:%\u00B7]|\\[_~.\-!$&'()*+,;=/?\#@%])*
            |[^\W\d][\w\-.\u00B7]*)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that passed the guard: the text to run (escapes decoded, exactly as checked) and its form."""

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


def decode_escapes(text: str) -> str:
    r"""Process SPARQL code point escapes (``\uXXXX``, ``\UXXXXXXXX``) once, as SPARQL 1.1 section 19.2 says.

    Raises:
        QueryError: an escape names a surrogate or a code point beyond U+10FFFF.

    Examples:
        >>> decode_escapes(r'SELECT ("a\u0022b" AS ?x) {}')
        'SELECT ("a"b" AS ?x) {}'
        >>> decode_escapes(r"\U0001F600 and \u00e9")
        '😀 and é'
    """
    if "\\" not in text:
        return text

    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"malformed SPARQL: {match.group()} is not a Unicode character")
        return chr(code)

    return _ESCAPE_RE.sub(decode, text)


def _lexical_refusals(text: str) -> Iterator[str]:
    """Network keywords found by the token scan, independently of rdflib's parser."""
    for kind, value, _start in _tokens(text):
        if kind == "word" and ":" not in value:
            reason = _NETWORK_KEYWORDS.get(value.upper())
            if reason is not None:
                yield reason


#: Queries that passed :func:`check_query`, by (text, allow_update); refusals are not kept.
_CHECKED: dict[tuple[str, bool], CheckedQuery] = {}


def check_query(text: str, allow_update: bool = False) -> CheckedQuery:
    r"""Parse a query or update and refuse anything that reaches the network or (unless allowed) writes.

    Escapes are decoded first (:func:`decode_escapes`) and the decoded text is both what is checked and
    what the backends run (:attr:`CheckedQuery.text`).

    Args:
        text: the SPARQL text, with or without prefix declarations (actorgraph's are predeclared).
        allow_update: accept ``INSERT``/``DELETE``/``CLEAR``... (never ``LOAD``).

    Returns:
        The checked query and its form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE``).

    Raises:
        QueryError: the text is empty or not SPARQL; the message gives the line and column.
        QueryRefusedError: it uses SERVICE, LOAD, FROM, FROM NAMED or USING, is an update not allowed, or
            holds an escape that decodes to another escape.

    Examples:
        >>> check_query("SELECT ?s WHERE { ?s a ag:State }").form
        'SELECT'
        >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
        Traceback (most recent call last):
        ...
        actorgraph.errors.QueryRefusedError: query refused: SERVICE would send the query to another server
        >>> check_query(r'SELECT * { BIND("\u0022 AS ?x) SERVICE <http://e/> {} BIND(\u0022" AS ?y) }')
        Traceback (most recent call last):
        ...
        actorgraph.errors.QueryRefusedError: query refused: SERVICE would send the query to another server
    """
    checked = _CHECKED.get((text, allow_update))
    if checked is not None:  # a passed query is parsed once: rdflib's parser takes 20-80 ms per library query
        return checked
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    decoded = decode_escapes(text)
    leftover = _LEFTOVER_ESCAPE_RE.search(decoded)
    if leftover is not None:
        raise QueryRefusedError(
            f"query refused: an escape decodes to another escape ({leftover.group()!r} after decoding), "
            "which "
            "SPARQL engines read differently; write the character itself"
        )
    if all(kind in ("ws", "comment") for kind, _value, _start in _tokens(decoded)):
        raise QueryError("empty query: the text holds only white space and comments")
    form: QueryForm
    try:
        tree: Any = parseQuery(decoded)
        form = _FORMS.get(tree[1].name, "SELECT")
    except ParseBaseException as query_exc:
        try:
            tree = parseUpdate(decoded)
            form = "UPDATE"
        except ParseBaseException as update_exc:
            exc = update_exc if update_exc.loc > query_exc.loc else query_exc
            raise QueryError(
                f"malformed SPARQL at line {exc.lineno}, column {exc.col} (near {_near(decoded, exc.loc)!r})"
            ) from exc
    except RecursionError as exc:
        raise QueryError("malformed SPARQL: nested too deeply") from exc
    if form == "UPDATE" and not dict.get(tree, "request"):
        raise QueryError("empty query: only prefix or base declarations, no query or update")
    reasons = sorted(set(_refusals(tree, allow_update)) | set(_lexical_refusals(decoded)))
    if form == "UPDATE" and not allow_update and not reasons:
        reasons = ["updates change the store and need --allow-update"]
    if reasons:
        raise QueryRefusedError("query refused: " + "; ".join(reasons))
    if len(_CHECKED) >= 256:
        _CHECKED.clear()
    # keyed by the text as given; what is kept (and run) is the decoded text that was checked
    checked = _CHECKED[(text, allow_update)] = CheckedQuery(text=decoded, form=form)
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
    if re.match(r"(https?|urn):", text):
        return _checked_iri(text)
    return RDFLiteral(text)


def _checked_iri(text: str) -> URIRef:
    """The IRI, if the whole text is one absolute IRI (no white space, quotes, brackets or line breaks)."""
    if not _IRI_RE.fullmatch(text) or not _ABSOLUTE_IRI_RE.fullmatch(text):
        raise QueryError(f"not a valid absolute IRI: {text!r}")
    return URIRef(text)


def parse_iso_date(value: str) -> str:
    """Check that ``value`` is a calendar date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and return it.

    Raises:
        QueryError: anything else (``2021-13-45``, ``yesterday``, a date followed by a line break).

    Examples:
        >>> parse_iso_date("2020-07"), parse_iso_date("2020-02-29")
        ('2020-07', '2020-02-29')
        >>> parse_iso_date("2021-13-45")
        Traceback (most recent call last):
        ...
        actorgraph.errors.QueryError: not an ISO date: '2021-13-45' (expected YYYY, YYYY-MM or YYYY-MM-DD)
    """
    match = _ISO_DATE_RE.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = match.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise QueryError(f"not an ISO date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value


def _term_n3(term: Node) -> str:
    """Serialise a term for a VALUES block; IRIs are re-validated so nothing can close the block early."""
    if isinstance(term, URIRef):
        return f"<{_checked_iri(str(term))}>"
    if isinstance(term, RDFLiteral):
        if term.datatype is not None:
            _checked_iri(str(term.datatype))
        text = term.n3()
        if _LEFTOVER_ESCAPE_RE.search(text):
            raise QueryError(
                f"a value holding a \\u escape cannot be written into a query: {str(term)[:40]!r}"
            )
        return text
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
        if not _VAR_RE.fullmatch(clean):
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
            dates when they start like ``YYYY-MM``, else strings. Each value is then checked against its
            kind, whole (a trailing line break included).
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
        if not _VAR_RE.fullmatch(name):
            raise QueryError(f"not a valid parameter name: {raw_name!r}")
        kind = kinds.get(name) or _guess_kind(name, value)
        try:
            out[name] = _resolve_one(kind, value, gazetteer)
        except QueryError as exc:
            raise QueryError(f"parameter {name} ({kind}): {exc}") from None
    return out


def _guess_kind(name: str, value: str) -> str:
    """The kind of a parameter the query does not declare, from its name and value."""
    if name in ACTOR_PARAMS:
        return "actor"
    if name == "relation":
        return "relation"
    if value.startswith(("<", "actor:", "http://", "https://", "urn:")):
        return "iri"
    if re.fullmatch(r"-?\d+(\.\d+)?", value):
        return "number"
    if re.match(r"\d{4}-\d{2}", value):
        return "date"  # then checked as one: "2021-13-45" or a date followed by a line break is refused
    return "string"


def _resolve_one(kind: str, value: str, gazetteer: ActorResolver | None) -> Node:
    """One ``--param`` value as the RDF term its kind means; anything it cannot mean is an error."""
    if kind == "actor":
        if value.startswith(("http://", "https://", "<")):
            return to_term(value if value.startswith("<") else f"<{value}>")
        if value.startswith("actor:"):
            return _actor_iri(value)
        if not value.strip() or any(ch in value for ch in "\r\n\t\x00"):
            raise QueryError(f"not an actor name: {value!r}")
        if gazetteer is None:
            from .gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        return URIRef(gazetteer.resolve(value).iri)
    if kind == "relation":
        return _resolve_relation(value)
    if kind == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        return _actor_iri(iri) if iri.startswith("actor:") else _checked_iri(iri)
    if kind == "date":
        return RDFLiteral(parse_iso_date(value))
    if kind == "number":
        if not _NUMBER_RE.fullmatch(value) or not math.isfinite(float(value)):
            raise QueryError(f"not a number: {value!r}")
        return to_term(int(value)) if re.fullmatch(r"-?\d+", value) else to_term(float(value))
    if kind == "string":
        if "\x00" in value:
            raise QueryError("a NUL character cannot be part of a string")
        return RDFLiteral(value)
    raise QueryError(
        f"unknown parameter kind {kind!r} (expected actor, relation, iri, date, number or string)"
    )


def _actor_iri(value: str) -> URIRef:
    """``actor:slug`` as the actor's IRI; the slug must look like one (letters, digits, ``-._``)."""
    slug = value[len("actor:") :]
    if not _SLUG_RE.fullmatch(slug):
        raise QueryError(f"not an actor slug: {value!r} (expected actor:letters-digits-and-hyphens)")
    return _checked_iri(ACTOR_BASE + slug)
