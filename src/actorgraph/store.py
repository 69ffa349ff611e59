"""One query API over four places a graph can live: a file, an Oxigraph store, rdflib memory, an endpoint.

:func:`open_store` picks the backend; every backend runs :func:`~actorgraph.sparql.check_query` before it
executes anything, so ``SERVICE``, ``LOAD``, ``FROM`` and unallowed updates are refused everywhere. Queries
see the union of all graphs as their default graph (statements live in per-document named graphs, actors
in the default graph), like the Turtle file does; an endpoint should be configured the same way (Oxigraph:
``oxigraph serve --union-default-graph``).

Queries against Oxigraph go to Oxigraph's own engine as strings, with parameters as ``substitutions``;
rdflib-prepared queries over an Oxigraph graph would fall back to rdflib's much slower engine.

Limits. Every backend stops a query after ``timeout`` seconds (:class:`~actorgraph.errors.QueryTimeoutError`)
and after ``max_rows`` rows or triples (:class:`~actorgraph.errors.QueryLimitError`). Embedded queries run
in a worker thread the caller stops waiting for at the deadline: rdflib's engine (pure Python) is
interrupted there; Oxigraph's (Rust, and pyoxigraph offers no cancellation) stops at its next row, so an
aggregate over a cross product keeps its thread busy until it yields one: the CLI exits at the deadline,
which ends it. Endpoint requests have one deadline for connecting, waiting and reading (a server that
drips bytes times out too), refuse redirects to another host, and cap the answer at
:data:`MAX_RESPONSE_BYTES`.

Network. Besides the guard, rdflib runs in a sandbox: ``SERVICE`` is refused by a custom evaluation
hook, graph loading (``SPARQL_LOAD_GRAPHS``) is off, and a Python audit hook refuses any socket or
``urllib`` request made while one of our rdflib queries runs. pyoxigraph has no option to disable
``SERVICE`` or ``LOAD`` (its evaluator is built with an HTTP client and the Python API does not expose
the service handler), so for Oxigraph the guard is the barrier.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import ctypes
import gc
import http.client
import io
import json
import os
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, NamedTuple, TypeVar, cast

from rdflib import XSD, BNode, Dataset, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier, Node

from .atomic import atomic_replace_dir
from .errors import (
    ActorgraphError,
    GraphInputError,
    QueryError,
    QueryLimitError,
    QueryRefusedError,
    QueryTimeoutError,
)
from .graph import (
    PREFIXES,
    _remote_contexts,
    bind_prefixes,
    format_for_path,
    load_graph_file,
    normalize_format,
    serialize_dataset,
)
from .sparql import BindingValue, CheckedQuery, add_values, check_query, to_term, with_prefixes

__all__ = [
    "DEFAULT_MAX_ROWS",
    "DEFAULT_TIMEOUT",
    "MAX_RESPONSE_BYTES",
    "EndpointError",
    "EndpointStore",
    "EndpointTimeoutError",
    "MemoryStore",
    "OxigraphStore",
    "PushSummary",
    "QueryResult",
    "RDFTerm",
    "Store",
    "StoreKind",
    "open_store",
    "push",
    "serialize_source",
    "write_store",
]

#: Seconds a query may run (``--timeout``), and an endpoint request may take from connecting to the last byte.
DEFAULT_TIMEOUT = 60.0
#: Rows (or CONSTRUCT triples) ``actorgraph query`` accepts before it stops (``--max-rows``).
DEFAULT_MAX_ROWS = 100_000
#: Largest endpoint answer read into memory.
MAX_RESPONSE_BYTES = 512 * 1024 * 1024

_T = TypeVar("_T")
_RDFLIB_LOCK = threading.RLock()

StoreKind = Literal["auto", "memory", "oxigraph", "file", "endpoint"]

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


class EndpointError(QueryError):
    """A remote SPARQL endpoint or Graph Store could not be reached or answered with an error."""


class EndpointTimeoutError(EndpointError, QueryTimeoutError):
    """An endpoint accepted the request but did not answer completely within the time limit."""


# ----------------------------------------------------------------------------- limits and the rdflib sandbox


def _timeout_message(timeout: float) -> str:
    return f"query timed out after {timeout:g} s (narrow it down or add LIMIT; --timeout raises the limit)"


def _row_cap_message(max_rows: int, what: str = "rows") -> str:
    return (
        f"query stopped: more than {max_rows:,} {what} (the row cap; add LIMIT to the query, "
        "or raise --max-rows)"
    )


def _interrupt(thread: threading.Thread) -> None:
    """Raise QueryTimeoutError inside ``thread`` at its next Python instruction (pure-Python engines stop)."""
    if thread.ident is None:
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread.ident), ctypes.py_object(QueryTimeoutError)
    )


def _with_deadline(work: Callable[[threading.Event], _T], timeout: float | None) -> _T:
    """Run ``work(stop)`` and return its result, or raise QueryTimeoutError after ``timeout`` seconds.

    The work runs in a daemon thread; at the deadline ``stop`` is set (row loops check it) and the thread
    is interrupted, and the caller gets the error at once whatever the engine is doing.
    """
    stop = threading.Event()
    if timeout is None:
        return work(stop)
    outcome: list[tuple[bool, Any]] = []

    def target() -> None:
        try:
            outcome.append((True, work(stop)))
        except BaseException as exc:  # handed to the waiting caller
            # engine objects (pyoxigraph results) must be freed in this thread, not where the error lands
            seen: BaseException | None = exc
            while seen is not None:
                traceback.clear_frames(seen.__traceback__)
                seen = seen.__cause__ or seen.__context__
            outcome.append((False, exc))

    thread = threading.Thread(target=target, name="actorgraph-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive() or not outcome:
        stop.set()
        _interrupt(thread)
        raise QueryTimeoutError(_timeout_message(timeout))
    ok, value = outcome[0]
    if ok:
        return cast("_T", value)
    raise value


_SANDBOXED: contextvars.ContextVar[bool] = contextvars.ContextVar("actorgraph_rdflib_sandbox", default=False)
_NETWORK_EVENTS = frozenset(
    {"urllib.Request", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "http.client.connect"}
)
_SANDBOX_INSTALLED = False


def _audit(event: str, _args: tuple[Any, ...]) -> None:
    """Audit hook: while one of our rdflib queries runs in this thread, nothing may open a connection."""
    if event in _NETWORK_EVENTS and _SANDBOXED.get():
        raise QueryRefusedError(f"query refused: the query tried to reach the network ({event})")


def _refuse_service(_ctx: Any, part: Any) -> Any:
    """Rdflib custom evaluation: SERVICE is never evaluated inside our queries."""
    if part.name == "ServiceGraphPattern" and _SANDBOXED.get():
        raise QueryRefusedError("query refused: SERVICE would send the query to another server")
    raise NotImplementedError  # rdflib evaluates every other part itself


@contextlib.contextmanager
def _rdflib_settings(default_union: bool = True) -> Iterator[None]:
    """Set the global switches of rdflib for our queries: graph loading off, the default graph as asked.

    Held (with a lock) in the thread that waits for the query, never in the worker that may be interrupted
    at the deadline, so the switches are always restored and the lock always released.
    """
    global _SANDBOX_INSTALLED
    import rdflib.plugins.sparql as rdflib_sparql

    with _RDFLIB_LOCK:
        if not _SANDBOX_INSTALLED:
            sys.addaudithook(_audit)
            rdflib_sparql.CUSTOM_EVALS["actorgraph_refuse_service"] = _refuse_service
            _SANDBOX_INSTALLED = True
        load, union = rdflib_sparql.SPARQL_LOAD_GRAPHS, rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION
        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = default_union
        try:
            yield
        finally:
            rdflib_sparql.SPARQL_LOAD_GRAPHS, rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = load, union


@contextlib.contextmanager
def _sandboxed() -> Iterator[None]:
    """In the thread running rdflib's engine: SERVICE refused and network calls blocked (thread-local)."""
    token = _SANDBOXED.set(True)
    try:
        yield
    finally:
        _SANDBOXED.reset(token)


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


def _oxigraph_term(term: Any) -> RDFTerm | None:
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return RDFTerm("uri", term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return RDFTerm("bnode", term.value)
    if isinstance(term, pyoxigraph.Literal):
        datatype: str | None = term.datatype.value if term.datatype is not None else None
        if datatype in _PLAIN_TYPES:
            datatype = None
        return RDFTerm("literal", term.value, datatype, term.language)
    return RDFTerm("literal", str(term))


def _to_oxigraph(term: Node) -> Any:
    import pyoxigraph

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, RDFLiteral):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise QueryError(f"cannot bind a {type(term).__name__} as a query parameter")


def _terms(bindings: Mapping[str, BindingValue] | None) -> dict[str, Node]:
    return {name.lstrip("?$"): to_term(value) for name, value in (bindings or {}).items()}


def _expect(checked: CheckedQuery, *forms: str) -> None:
    if checked.form not in forms:
        raise QueryError(f"expected a {' or '.join(forms)} query, got {checked.form}")


class Store(ABC):
    """A graph that can be queried with SPARQL; see :func:`open_store`.

    Every method checks its query with :func:`~actorgraph.sparql.check_query` before running it.
    """

    kind: str = "abstract"
    location: str = ""

    def __init__(
        self,
        *,
        allow_update: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = None,
    ) -> None:
        self.allow_update = allow_update
        self.timeout = timeout
        self.max_rows = max_rows

    def _limited(self, work: Callable[[threading.Event], _T]) -> _T:
        """Run ``work`` within this store's time limit (see :func:`_with_deadline`)."""
        return _with_deadline(work, self.timeout)

    def _count(self, rows: int, stop: threading.Event, what: str = "rows") -> None:
        """Called once per row read: enforce the row cap, and end a thread whose caller gave up."""
        if stop.is_set():
            raise QueryTimeoutError(_timeout_message(self.timeout or 0.0))
        if self.max_rows is not None and rows > self.max_rows:
            raise QueryLimitError(_row_cap_message(self.max_rows, what))

    # -- queries ------------------------------------------------------------------------------------
    def query(
        self, query: str, bindings: Mapping[str, BindingValue] | None = None
    ) -> QueryResult | bool | Graph:
        """Run any read query: SELECT -> :class:`QueryResult`, ASK -> bool, CONSTRUCT/DESCRIBE -> Graph."""
        checked = check_query(query)
        if checked.form == "SELECT":
            return self._select(checked, _terms(bindings))
        if checked.form == "ASK":
            return self._ask(checked, _terms(bindings))
        return self._construct(checked, _terms(bindings))

    def select(self, query: str, bindings: Mapping[str, BindingValue] | None = None) -> QueryResult:
        """Run a SELECT query.

        Args:
            query: SPARQL text; actorgraph's prefixes are predeclared.
            bindings: variable -> value, bound before evaluation (strings that look like absolute IRIs
                are IRIs; see :func:`~actorgraph.sparql.to_term`).

        Returns:
            Variables and rows of plain Python values.

        Raises:
            QueryRefusedError: the query would reach the network or write.
            QueryError: malformed, not a SELECT, or failed to run.
        """
        checked = check_query(query)
        _expect(checked, "SELECT")
        return self._select(checked, _terms(bindings))

    def ask(self, query: str, bindings: Mapping[str, BindingValue] | None = None) -> bool:
        """Run an ASK query (checked like :meth:`select`)."""
        checked = check_query(query)
        _expect(checked, "ASK")
        return self._ask(checked, _terms(bindings))

    def construct(self, query: str, bindings: Mapping[str, BindingValue] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query (checked like :meth:`select`) into an rdflib Graph."""
        checked = check_query(query)
        _expect(checked, "CONSTRUCT", "DESCRIBE")
        return self._construct(checked, _terms(bindings))

    def update(self, update: str) -> None:
        """Run a SPARQL update; refused unless the store was opened with ``allow_update=True``.

        ``LOAD``, ``SERVICE`` and ``USING`` stay refused even then.
        """
        if not self.allow_update:
            check_query(update, allow_update=False)  # raises the refusal, or QueryError if malformed
            raise QueryRefusedError("query refused: the store was not opened for updates (--allow-update)")
        checked = check_query(update, allow_update=True)
        _expect(checked, "UPDATE")
        self._update(checked)

    # -- backend hooks ------------------------------------------------------------------------------
    @abstractmethod
    def _select(self, checked: CheckedQuery, bindings: dict[str, Node]) -> QueryResult: ...

    @abstractmethod
    def _ask(self, checked: CheckedQuery, bindings: dict[str, Node]) -> bool: ...

    @abstractmethod
    def _construct(self, checked: CheckedQuery, bindings: dict[str, Node]) -> Graph: ...

    @abstractmethod
    def _update(self, checked: CheckedQuery) -> None: ...

    @abstractmethod
    def load_dataset(self, dataset: Graph) -> None:
        """Add every quad of an rdflib dataset (or triple of a graph) to the store."""

    @abstractmethod
    def export(self, format: str = "nquads") -> bytes:
        """Serialise the whole store (the union for triple formats; named graphs kept for quad formats)."""

    def to_dataset(self) -> Dataset:
        """The store's content as an rdflib ``Dataset`` (for exports, validation and views)."""
        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        dataset.parse(data=self.export("nquads"), format="nquads")
        return dataset

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (files, locks); the object must not be used afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location!r}>"


class MemoryStore(Store):
    """rdflib's in-memory ``Dataset`` (``--store memory``), queried with ``initNs`` and ``initBindings``."""

    kind = "memory"

    def __init__(
        self,
        dataset: Graph | None = None,
        *,
        location: str = "",
        allow_update: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = None,
    ) -> None:
        super().__init__(allow_update=allow_update, timeout=timeout, max_rows=max_rows)
        if dataset is None:
            dataset = Dataset(default_union=True)
        elif isinstance(dataset, Dataset):
            dataset.default_union = True
        self.dataset = dataset
        self.location = location or "memory"

    def _evaluate(
        self, checked: CheckedQuery, bindings: dict[str, Node], read: Callable[[Any, threading.Event], _T]
    ) -> _T:
        """Prepare and run a query in the sandbox, and ``read`` its result there (rdflib evaluates lazily)."""
        from rdflib.plugins.sparql import prepareQuery

        def work(stop: threading.Event) -> _T:
            with _sandboxed():
                try:
                    prepared = prepareQuery(checked.text, initNs=PREFIXES)
                    result = self.dataset.query(
                        prepared, initBindings=cast("dict[str, Identifier]", bindings)
                    )
                    return read(result, stop)
                except (ActorgraphError, MemoryError):
                    raise
                except Exception as exc:
                    raise QueryError(
                        f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                    ) from exc

        with _rdflib_settings():
            return self._limited(work)

    def _select(self, checked: CheckedQuery, bindings: dict[str, Node]) -> QueryResult:
        def read(result: Any, stop: threading.Event) -> tuple[list[str], list[tuple[RDFTerm | None, ...]]]:
            variables = [str(v) for v in (result.vars or [])]
            rows: list[tuple[RDFTerm | None, ...]] = []
            for row in result:
                rows.append(tuple(_rdflib_term(row[i]) for i in range(len(variables))))
                self._count(len(rows), stop)
            return variables, rows

        variables, rows = self._evaluate(checked, bindings, read)
        return QueryResult.from_terms(variables, rows)

    def _ask(self, checked: CheckedQuery, bindings: dict[str, Node]) -> bool:
        return self._evaluate(checked, bindings, lambda result, _stop: bool(result.askAnswer))

    def _construct(self, checked: CheckedQuery, bindings: dict[str, Node]) -> Graph:
        def read(result: Any, stop: threading.Event) -> Graph:
            graph = Graph()
            bind_prefixes(graph)
            if result.graph is not None:
                graph += result.graph
            self._count(len(graph), stop, "triples")
            return graph

        return self._evaluate(checked, bindings, read)

    def _update(self, checked: CheckedQuery) -> None:
        # rdflib evaluates updates against the union when SPARQL_DEFAULT_GRAPH_UNION is on, and then fails
        # to add plain triples (INSERT DATA) to it; updates run on the real default graph instead (WHERE
        # clauses reach the named graphs through GRAPH), and the flag is restored for queries.
        def work(_stop: threading.Event) -> None:
            with _sandboxed():
                try:
                    self.dataset.update(checked.text, initNs=PREFIXES)
                except (ActorgraphError, MemoryError):
                    raise
                except Exception as exc:
                    raise QueryError(
                        f"update failed: {str(exc).splitlines()[0] if str(exc) else exc}"
                    ) from exc

        with _rdflib_settings(default_union=False):
            self._limited(work)

    def load_dataset(self, dataset: Graph) -> None:
        """Add every quad of ``dataset``, keeping its named graphs."""
        if isinstance(dataset, Dataset) and isinstance(self.dataset, Dataset):
            for s, p, o, g in dataset.quads((None, None, None, None)):
                self.dataset.graph(g).add((s, p, o))
        else:
            for triple in dataset:
                self.dataset.add(triple)

    def export(self, format: str = "nquads") -> bytes:
        """Serialise with rdflib (see :func:`~actorgraph.graph.serialize_dataset`)."""
        return serialize_dataset(self.dataset, format)

    def to_dataset(self) -> Dataset:
        """The underlying dataset itself (no copy)."""
        if isinstance(self.dataset, Dataset):
            return self.dataset
        return super().to_dataset()


#: (query text, bound variables) that Oxigraph would not substitute (a bound variable is not projected).
_VALUES_BOUND: set[tuple[str, tuple[str, ...]]] = set()


class OxigraphStore(Store):
    """A pyoxigraph ``Store``: persistent in a directory, or in memory for a parsed graph file."""

    kind = "oxigraph"

    def __init__(
        self,
        store: Any,
        *,
        location: str = "",
        allow_update: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = None,
    ) -> None:
        super().__init__(allow_update=allow_update, timeout=timeout, max_rows=max_rows)
        self._store: Any = store
        self.location = location or "oxigraph-memory"

    @property
    def raw(self) -> Any:
        """The pyoxigraph ``Store`` (for bulk operations)."""
        if self._store is None:
            raise QueryError(f"store {self.location} is closed")
        return self._store

    def _run(self, checked: CheckedQuery, bindings: dict[str, Node]) -> Any:
        import pyoxigraph

        substitutions = {pyoxigraph.Variable(k): _to_oxigraph(v) for k, v in bindings.items()}
        text = checked.text
        shape = (text, tuple(sorted(bindings)))
        try:
            if substitutions and shape not in _VALUES_BOUND:  # refused before: skip the attempt (~2 ms)
                try:
                    return self.raw.query(
                        text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
                    )
                except RuntimeError as exc:
                    # Oxigraph substitutes only projected variables (SEP-0007); bind the others with VALUES
                    # at the start of the WHERE clause, which pre-binds them just the same.
                    if "projection" not in str(exc):
                        raise
                    if len(_VALUES_BOUND) < 256:
                        _VALUES_BOUND.add(shape)
            if substitutions:
                # the new text is checked again: what runs is always what was checked
                rechecked = check_query(add_values(text, bindings))
                _expect(rechecked, checked.form)
                text = rechecked.text
            return self.raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc.msg or exc}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def _read(
        self, checked: CheckedQuery, bindings: dict[str, Node], read: Callable[[Any, threading.Event], _T]
    ) -> _T:
        """Run a query and ``read`` its (lazily evaluated) result within the limits."""

        def work(stop: threading.Event) -> _T:
            results = self._run(checked, bindings)
            try:
                return read(results, stop)
            except (OSError, ValueError, RuntimeError) as exc:  # raised while Oxigraph evaluates
                raise QueryError(f"query failed: {exc}") from None
            finally:
                del results  # pyoxigraph results must be freed in the thread that made them

        return self._limited(work)

    def _select(self, checked: CheckedQuery, bindings: dict[str, Node]) -> QueryResult:
        def read(solutions: Any, stop: threading.Event) -> tuple[list[str], list[tuple[RDFTerm | None, ...]]]:
            variables = [v.value for v in solutions.variables]
            rows: list[tuple[RDFTerm | None, ...]] = []
            for solution in solutions:
                rows.append(tuple(_oxigraph_term(solution[i]) for i in range(len(variables))))
                self._count(len(rows), stop)
            return variables, rows

        variables, rows = self._read(checked, bindings, read)
        return QueryResult.from_terms(variables, rows)

    def _ask(self, checked: CheckedQuery, bindings: dict[str, Node]) -> bool:
        return self._read(checked, bindings, lambda result, _stop: bool(result))

    def _construct(self, checked: CheckedQuery, bindings: dict[str, Node]) -> Graph:
        import pyoxigraph

        def read(triples: Any, stop: threading.Event) -> bytes:
            kept = []
            for triple in triples:
                kept.append(triple)
                self._count(len(kept), stop, "triples")
            data: bytes = pyoxigraph.serialize(kept, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
            return data

        data = self._read(checked, bindings, read)
        graph = Graph()
        bind_prefixes(graph)
        graph.parse(data=data, format="nt")
        return graph

    def _update(self, checked: CheckedQuery) -> None:
        def work(_stop: threading.Event) -> None:
            try:
                self.raw.update(checked.text, prefixes=PREFIXES)
            except SyntaxError as exc:
                raise QueryError(f"malformed SPARQL update: {exc.msg or exc}") from exc
            except (OSError, ValueError, RuntimeError) as exc:
                raise QueryError(f"update failed: {exc}") from exc

        self._limited(work)

    def load_dataset(self, dataset: Graph) -> None:
        """Bulk-load an rdflib dataset through N-Quads (named graphs kept)."""
        import pyoxigraph

        data = serialize_dataset(dataset, "nquads")
        self.raw.bulk_load(input=data, format=pyoxigraph.RdfFormat.N_QUADS)
        self.raw.flush()

    def export(self, format: str = "nquads") -> bytes:
        """Dump the store: N-Quads directly (sorted), other formats through rdflib for readable output."""
        import pyoxigraph

        canonical = normalize_format(format)
        data = self.raw.dump(format=pyoxigraph.RdfFormat.N_QUADS)
        if canonical == "nquads":
            lines = sorted({line for line in data.splitlines() if line.strip()})
            return b"\n".join(lines) + (b"\n" if lines else b"")
        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        dataset.parse(data=data, format="nquads")
        return serialize_dataset(dataset, canonical)

    def close(self) -> None:
        """Flush and drop the pyoxigraph store, releasing the directory lock."""
        if self._store is not None:
            if self.allow_update:
                with contextlib.suppress(OSError, RuntimeError):
                    self._store.flush()
            self._store = None
            gc.collect()


class EndpointStore(Store):
    """A remote SPARQL 1.1 endpoint, spoken to with the SPARQL 1.1 Protocol over urllib.

    Parameters are bound with a ``VALUES`` block (:func:`~actorgraph.sparql.add_values`) and prefixes
    prepended, since the server knows neither.
    """

    kind = "endpoint"

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        allow_update: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = None,
    ) -> None:
        super().__init__(allow_update=allow_update, timeout=timeout, max_rows=max_rows)
        _check_http(url)
        self.location = url
        self.url = url
        self.update_url = update_url or _sibling(url, "update") or url
        self.store_url = store_url or _sibling(url, "store")

    @property
    def request_timeout(self) -> float:
        """Seconds an HTTP request may take from connecting to its last byte (never unlimited)."""
        return self.timeout if self.timeout is not None else DEFAULT_TIMEOUT

    def _post(self, url: str, form: Mapping[str, str], accept: str) -> bytes:
        body = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        return _send(request, self.request_timeout)

    def _run(self, checked: CheckedQuery, bindings: dict[str, Node], accept: str) -> bytes:
        text = with_prefixes(add_values(checked.text, bindings) if bindings else checked.text)
        final = check_query(text)  # what is sent is exactly what was checked
        _expect(final, checked.form)
        return self._post(self.url, {"query": final.text}, accept)

    def _select(self, checked: CheckedQuery, bindings: dict[str, Node]) -> QueryResult:
        data = self._run(checked, bindings, "application/sparql-results+json")
        try:
            document = json.loads(data)
            variables = list(document["head"].get("vars", []))
            bindings_list = document["results"]["bindings"]
            if self.max_rows is not None and len(bindings_list) > self.max_rows:
                raise QueryLimitError(_row_cap_message(self.max_rows))
            rows = [tuple(_json_term(binding.get(var)) for var in variables) for binding in bindings_list]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EndpointError(f"{self.url}: not a SPARQL JSON result ({exc})") from exc
        return QueryResult.from_terms(variables, rows)

    def _ask(self, checked: CheckedQuery, bindings: dict[str, Node]) -> bool:
        data = self._run(checked, bindings, "application/sparql-results+json")
        try:
            return bool(json.loads(data)["boolean"])
        except (ValueError, KeyError, TypeError) as exc:
            raise EndpointError(f"{self.url}: not a SPARQL JSON boolean result ({exc})") from exc

    def _construct(self, checked: CheckedQuery, bindings: dict[str, Node]) -> Graph:
        data = self._run(checked, bindings, "application/n-triples")
        graph = Graph()
        bind_prefixes(graph)
        try:
            graph.parse(data=data, format="nt")
        except Exception as exc:
            raise EndpointError(f"{self.url}: not an N-Triples result ({exc})") from exc
        if self.max_rows is not None and len(graph) > self.max_rows:
            raise QueryLimitError(_row_cap_message(self.max_rows, "triples"))
        return graph

    def _update(self, checked: CheckedQuery) -> None:
        final = check_query(with_prefixes(checked.text), allow_update=True)
        self._post(self.update_url, {"update": final.text}, "*/*")

    def load_dataset(self, dataset: Graph) -> None:
        """Push the dataset through the Graph Store Protocol (see :func:`push`); needs ``allow_update``."""
        if not self.allow_update:
            raise QueryRefusedError(
                "query refused: loading into an endpoint needs --allow-update (or use push)"
            )
        if not self.store_url:
            raise EndpointError(f"{self.url}: no Graph Store URL known; use push with the store URL")
        push(dataset, self.store_url, timeout=self.request_timeout)

    def export(self, format: str = "nquads") -> bytes:
        """Fetch the whole dataset (Graph Store GET), or the union through CONSTRUCT when no store URL."""
        if self.store_url:
            request = urllib.request.Request(self.store_url, headers={"Accept": "application/n-quads"})
            data = _send(request, self.request_timeout)
            dataset = Dataset(default_union=True)
            bind_prefixes(dataset)
            dataset.parse(data=data, format="nquads")
            return serialize_dataset(dataset, format)
        graph = self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return serialize_dataset(graph, format)


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


def _check_http(url: str) -> None:
    try:
        parsed = urllib.parse.urlsplit(url)
        parsed.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise EndpointError(f"not a valid endpoint URL: {url!r} ({exc})") from exc
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise EndpointError(f"not an http(s) endpoint URL: {url!r}")


def _sibling(url: str, name: str) -> str | None:
    """Oxigraph serves /query, /update and /store side by side; derive one from another."""
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path.rstrip("/")
    for known in ("/query", "/update", "/store", "/sparql"):
        if path.endswith(known):
            return urllib.parse.urlunsplit(parsed._replace(path=path[: -len(known)] + "/" + name, query=""))
    return None


def _origin(url: str) -> tuple[str, str, int]:
    parsed = urllib.parse.urlsplit(url)
    scheme = parsed.scheme.lower()
    return scheme, (parsed.hostname or "").lower(), parsed.port or (443 if scheme == "https" else 80)


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects on the endpoint's own scheme, host and port only; a query never goes elsewhere."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        target = urllib.parse.urljoin(req.full_url, newurl)
        if _origin(target) != _origin(req.full_url):
            raise EndpointError(
                f"{req.full_url}: the endpoint redirects to another host or scheme ({target}); not followed"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = urllib.parse.urlsplit(url).hostname or ""
    handlers: list[urllib.request.BaseHandler] = [_SameOriginRedirects()]
    if host in ("localhost", "127.0.0.1", "::1"):
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def _socket_of(response: Any) -> Any:
    """The socket under an http.client response, to shorten its timeout as the deadline nears."""
    return getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)


def _receive(request: urllib.request.Request, timeout: float, stop: threading.Event) -> bytes:
    """Send the request, read the whole answer (at most MAX_RESPONSE_BYTES); errors become EndpointError."""
    url = request.full_url
    deadline = time.monotonic() + timeout
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            sock = _socket_of(response)
            while not stop.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("deadline")
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.settimeout(remaining)
                chunk = response.read1(1 << 16)
                if not chunk:
                    if getattr(response, "length", None):  # fewer bytes than Content-Length announced
                        raise http.client.IncompleteRead(b"".join(chunks), response.length)
                    break
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise QueryLimitError(
                        f"{url}: the answer is larger than {MAX_RESPONSE_BYTES // 2**20} MB; "
                        "add LIMIT to the query"
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode("utf-8", "replace").strip().splitlines()
        first = detail[0] if detail else exc.reason
        raise EndpointError(f"{url}: HTTP {exc.code}: {first}") from exc
    except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            raise EndpointTimeoutError(
                f"{url}: timed out after {timeout:g} s waiting for the endpoint's answer (--timeout)"
            ) from exc
        if isinstance(reason, http.client.IncompleteRead):
            raise EndpointError(
                f"{url}: the endpoint closed the connection in the middle of its answer"
            ) from exc
        if isinstance(reason, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
            raise EndpointError(f"{url}: the endpoint closed the connection without answering") from exc
        if isinstance(reason, http.client.HTTPException):
            raise EndpointError(f"{url}: not an HTTP answer ({type(reason).__name__})") from exc
        raise EndpointError(f"{url}: cannot reach the endpoint ({reason})") from exc


def _send(request: urllib.request.Request, timeout: float) -> bytes:
    """Send a request and return the answer's body, all within ``timeout`` seconds.

    The request runs in a worker thread the caller stops waiting for at the deadline, so neither a server
    that never answers nor one that drips a byte at a time can hold a query past it.

    Raises:
        EndpointTimeoutError: no complete answer within ``timeout`` seconds.
        EndpointError: the endpoint cannot be reached, answers with an HTTP error, is not HTTP, or redirects
            to another host.
    """
    _check_http(request.full_url)
    try:
        return _with_deadline(lambda stop: _receive(request, timeout, stop), timeout + 1.0)
    except EndpointTimeoutError:
        raise
    except QueryTimeoutError as exc:
        raise EndpointTimeoutError(
            f"{request.full_url}: timed out after {timeout:g} s waiting for the endpoint's answer (--timeout)"
        ) from exc


# ----------------------------------------------------------------------------- opening and writing


def _is_url(location: object) -> bool:
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def _load_file_into_oxigraph(path: Path, store: Any, bulk: bool = True) -> None:
    """Parse a graph file with Oxigraph's parsers; JSON-LD goes through the guarded rdflib reader.

    ``bulk=False`` loads in one transaction instead of with the parallel bulk loader: into an in-memory
    store that takes ~10% longer on 2 cores and peaks at 2/3 of the bulk loader's memory (380 vs 590 MB for
    1M triples; ``bench/RESULTS.md``).
    """
    import pyoxigraph

    fmt = format_for_path(path)
    formats = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
    }
    if fmt == "json-ld":
        dataset = load_graph_file(path, fmt)
        store.bulk_load(input=serialize_dataset(dataset, "nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
        return
    try:
        load = store.bulk_load if bulk else store.load
        load(path=str(path), format=formats[fmt], base_iri=path.resolve().as_uri())
    except SyntaxError as exc:
        message = str(exc.msg or exc)
        message = (
            message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
        )
        line, col = exc.lineno or "?", exc.offset or "?"
        raise GraphInputError(f"{path}:{line}:{col}: malformed {fmt}: {message}") from exc


def _check_no_remote_jsonld(path: Path) -> None:
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return
    remote = sorted(set(_remote_contexts(document)))
    if remote:
        raise GraphInputError(
            f"{path}: JSON-LD refers to the context {remote[0]!r}, which actorgraph never fetches"
        )


def open_store(
    location: str | os.PathLike[str] | Graph,
    kind: str = "auto",
    *,
    allow_update: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
) -> Store:
    """Open a graph for querying, wherever it lives.

    Args:
        location: a graph file (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``), an Oxigraph store
            directory, an ``http(s)://`` SPARQL endpoint, or an rdflib ``Dataset``/``Graph``.
        kind: ``auto`` (decide from the location), ``memory`` (rdflib), ``oxigraph`` (pyoxigraph), ``file``
            (a file parsed into an in-memory Oxigraph store) or ``endpoint``.
        allow_update: allow SPARQL updates (``--allow-update``). A persistent Oxigraph store is opened
            read-only without it, so several readers can share it.
        timeout: seconds a query may run, on every backend (an endpoint request: from connecting to the
            last byte); None lifts the limit for embedded stores (endpoint requests still stop after
            :data:`DEFAULT_TIMEOUT`).
        max_rows: rows (or CONSTRUCT triples) a query may return; None for no cap.

    Returns:
        A :class:`Store`; close it (or use it as a context manager) when done.

    Raises:
        GraphInputError: the location does not exist, is of an unknown format, or is malformed.
        EndpointError: the endpoint URL is not http(s).

    Examples:
        >>> from actorgraph.graph import build_dataset
        >>> with open_store(build_dataset([]), "memory") as store:
        ...     store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a ag:Statement }").rows
        [(0,)]
    """
    limits: dict[str, Any] = {"allow_update": allow_update, "timeout": timeout, "max_rows": max_rows}
    if kind not in ("auto", "memory", "oxigraph", "file", "endpoint"):
        raise GraphInputError(
            f"unknown store kind {kind!r} (expected auto, memory, oxigraph, file or endpoint)"
        )
    if isinstance(location, Graph):
        if kind in ("auto", "memory"):
            return MemoryStore(location, **limits)
        store = _new_oxigraph_memory(**limits)
        store.load_dataset(location)
        return store
    if _is_url(location) or kind == "endpoint":
        return EndpointStore(str(location), **limits)
    path = Path(location)
    if path.is_dir():
        import pyoxigraph

        if kind == "file":
            raise GraphInputError(f"{path}: is a directory (an Oxigraph store?), not a graph file")
        try:
            raw = pyoxigraph.Store(str(path)) if allow_update else pyoxigraph.Store.read_only(str(path))
        except OSError as exc:
            raise GraphInputError(f"{path}: cannot open as an Oxigraph store ({exc})") from exc
        oxi = OxigraphStore(raw, location=str(path), **limits)
        if kind == "memory":
            try:
                dataset = oxi.to_dataset()
            finally:
                oxi.close()
            return MemoryStore(dataset, location=str(path), **limits)
        return oxi
    if not path.exists():
        raise GraphInputError(f"{path}: no such graph file, store directory or endpoint")
    if kind == "memory":
        return MemoryStore(load_graph_file(path), location=str(path), **limits)
    if format_for_path(path) == "json-ld":
        _check_no_remote_jsonld(path)
    file_store = _new_oxigraph_memory(**limits)
    file_store.location = str(path)
    _load_file_into_oxigraph(path, file_store.raw, bulk=False)
    return file_store


def _new_oxigraph_memory(**limits: Any) -> OxigraphStore:
    import pyoxigraph

    return OxigraphStore(pyoxigraph.Store(), **limits)


def write_store(source: Graph | str | os.PathLike[str], directory: str | os.PathLike[str]) -> Path:
    """Build a persistent Oxigraph store from a dataset or graph file, atomically.

    The store is bulk-loaded in a temporary directory next to ``directory`` and swapped in only when
    complete, so an interrupted build leaves the previous store intact.

    Args:
        source: an rdflib ``Dataset``/``Graph`` or a graph file.
        directory: the store directory to create or replace.

    Returns:
        The store directory.
    """
    import pyoxigraph

    target = Path(directory)
    with atomic_replace_dir(target) as tmp:
        raw = pyoxigraph.Store(str(tmp))
        try:
            if isinstance(source, Graph):
                raw.bulk_load(input=serialize_dataset(source, "nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
            else:
                path = Path(source)
                if not path.is_file():
                    raise GraphInputError(f"{path}: no such graph file")
                if format_for_path(path) == "json-ld":
                    _check_no_remote_jsonld(path)
                _load_file_into_oxigraph(path, raw)
            raw.flush()
            raw.optimize()
        finally:
            del raw
            gc.collect()
    return target


# ----------------------------------------------------------------------------- push (Graph Store Protocol)


@dataclass(frozen=True)
class PushSummary:
    """What :func:`push` sent: quads, HTTP requests, and the target."""

    endpoint: str
    graph: str | None
    quads: int
    requests: int

    def render(self) -> str:
        """One line for the CLI."""
        where = f"graph <{self.graph}>" if self.graph else "the dataset (named graphs kept)"
        return f"pushed {self.quads} quads to {self.endpoint}, {where}, in {self.requests} request(s)"


def _chunks(lines: list[bytes], chunk_bytes: int) -> list[bytes]:
    chunks: list[bytes] = []
    current: list[bytes] = []
    size = 0
    for line in lines:
        if current and size + len(line) + 1 > chunk_bytes:
            chunks.append(b"\n".join(current) + b"\n")
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    if current:
        chunks.append(b"\n".join(current) + b"\n")
    return chunks


def _graph_url(endpoint: str, graph: str | None) -> str:
    parsed = urllib.parse.urlsplit(endpoint)
    params = urllib.parse.parse_qsl(parsed.query, keep_blank_values=True)
    params = [(k, v) for k, v in params if k not in ("graph", "default")]
    if graph is None:
        query = urllib.parse.urlencode(params) + ("&" if params else "") + "default"
    else:
        query = urllib.parse.urlencode([*params, ("graph", graph)])
    return urllib.parse.urlunsplit(parsed._replace(query=query))


def serialize_source(source: Graph | Store | str | os.PathLike[str], fmt: str) -> bytes:
    """Serialise a graph, a store or anything :func:`open_store` accepts, in ``fmt``."""
    if isinstance(source, Graph):
        return serialize_dataset(source, fmt)
    if isinstance(source, Store):
        return source.export(fmt)
    with open_store(source) as store:
        return store.export(fmt)


def _dataset_of(source: Graph | Store | str | os.PathLike[str]) -> Graph:
    if isinstance(source, Graph):
        return source
    if isinstance(source, Store):
        return source.to_dataset()
    with open_store(source) as store:
        return store.to_dataset()


@dataclass
class _Upload:
    """One Graph Store request of a push: where, how, the body and how many quads it carries."""

    url: str
    method: str
    content_type: str
    body: bytes
    quads: int
    graph: str | None = None


def _send_uploads(uploads: list[_Upload], endpoint: str, timeout: float) -> int:
    """Send the requests of a push in order; a failure part-way says what the server already holds."""
    total = sum(u.quads for u in uploads)
    graphs_total = len({u.graph for u in uploads})
    done = quads = 0
    graphs_done: set[str | None] = set()
    for index, upload in enumerate(uploads):
        request = urllib.request.Request(
            upload.url, data=upload.body, method=upload.method, headers={"Content-Type": upload.content_type}
        )
        try:
            _send(request, timeout)
        except EndpointError as exc:
            if done == 0:
                raise
            finished = len(graphs_done - {upload.graph})
            graphs = f", {finished} of {graphs_total} graphs complete" if graphs_total > 1 else ""
            raise type(exc)(
                f"{exc}; push stopped at request {index + 1} of {len(uploads)}: {done} request(s) done, "
                f"{quads:,} of {total:,} quads stored{graphs} on {endpoint} (a partial copy: rerun the push "
                "to complete it; quads already stored are not duplicated)"
            ) from exc
        done += 1
        quads += upload.quads
        graphs_done.add(upload.graph)
    return done


def push(
    source: Graph | Store | str | os.PathLike[str],
    endpoint: str,
    graph_iri: str | None = None,
    *,
    chunk_bytes: int = 32 * 1024 * 1024,
    timeout: float = 120.0,
) -> PushSummary:
    """Load a graph into a SPARQL 1.1 server through the Graph Store HTTP Protocol, in bulk.

    Without ``graph_iri`` the whole dataset is POSTed as N-Quads to ``endpoint`` (the server's dataset
    URL, e.g. Oxigraph's ``/store``), so each document keeps its named graph; a server that refuses
    N-Quads there (HTTP 415) gets one N-Triples POST per graph instead. With ``graph_iri`` the union is
    written into that graph: the first chunk with PUT (replacing it), further chunks with POST. Large
    graphs go in a few chunks of ``chunk_bytes``, never a request per triple.

    Args:
        source: an rdflib dataset, an open store, a graph file or an Oxigraph store directory.
        endpoint: the Graph Store URL (``http(s)://``).
        graph_iri: the named graph to replace with the union; None keeps the dataset's graphs.
        chunk_bytes: maximum request body size.
        timeout: seconds per request.

    Returns:
        What was sent.

    Raises:
        EndpointError: the server cannot be reached or answers with an error; when some requests had
            already succeeded, the message says how many and how many quads the server now holds.
    """
    _check_http(endpoint)
    if graph_iri is not None:
        to_term(f"<{graph_iri}>")  # validates the IRI
        triples = [line for line in serialize_source(source, "nt").splitlines() if line.strip()]
        uploads = [
            _Upload(
                _graph_url(endpoint, graph_iri),
                "PUT" if index == 0 else "POST",
                "application/n-triples",
                chunk,
                chunk.count(b"\n"),
                graph_iri,
            )
            for index, chunk in enumerate(_chunks(triples, chunk_bytes) or [b""])
        ]
        return PushSummary(endpoint, graph_iri, len(triples), _send_uploads(uploads, endpoint, timeout))
    lines = [line for line in serialize_source(source, "nquads").splitlines() if line.strip()]
    uploads = [
        _Upload(endpoint, "POST", "application/n-quads", chunk, chunk.count(b"\n"))
        for chunk in _chunks(lines, chunk_bytes)
    ]
    try:
        requests = _send_uploads(uploads, endpoint, timeout)
    except EndpointError as exc:
        if "HTTP 415" not in str(exc) or "push stopped" in str(exc):
            raise
        requests = _push_per_graph(_dataset_of(source), endpoint, chunk_bytes, timeout)
    return PushSummary(endpoint, None, len(lines), requests)


def _push_per_graph(dataset: Graph, endpoint: str, chunk_bytes: int, timeout: float) -> int:
    """Fallback for servers without dataset-level N-Quads: one N-Triples POST per graph (plus chunks)."""
    graphs: list[tuple[str | None, Graph]] = []
    if isinstance(dataset, Dataset):
        for graph in dataset.graphs():
            name = None if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
            graphs.append((name, graph))
    else:
        graphs.append((None, dataset))
    uploads: list[_Upload] = []
    for name, graph in sorted(graphs, key=lambda item: item[0] or ""):
        data = serialize_dataset(graph, "nt")
        lines = [line for line in data.splitlines() if line.strip()]
        uploads.extend(
            _Upload(
                _graph_url(endpoint, name), "POST", "application/n-triples", chunk, chunk.count(b"\n"), name
            )
            for chunk in _chunks(lines, chunk_bytes)
        )
    return _send_uploads(uploads, endpoint, timeout)
