"""rdflib's in-memory dataset as a store, its engine sandboxed (no SERVICE, no graph loading, no network)."""

from __future__ import annotations

import contextlib
import contextvars
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

from rdflib import Dataset, Graph
from rdflib.term import Identifier, Node

from ..errors import ActorgraphError, QueryError, QueryRefusedError
from ..graph import PREFIXES, bind_prefixes, serialize_dataset
from ..sparql import CheckedQuery
from .base import Store
from .limits import DEFAULT_TIMEOUT
from .results import QueryResult, RDFTerm, _rdflib_term

__all__ = ["MemoryStore"]

_T = TypeVar("_T")

_RDFLIB_LOCK = threading.RLock()


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
