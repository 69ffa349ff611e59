"""pyoxigraph stores: persistent in a folder or in memory for a graph file, queried by Oxigraph's engine."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Dataset, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from ..atomic import atomic_replace_dir
from ..errors import GraphInputError, QueryError
from ..graph import (
    PREFIXES,
    _remote_contexts,
    bind_prefixes,
    format_for_path,
    load_graph_file,
    normalize_format,
    serialize_dataset,
)
from ..sparql import CheckedQuery, add_values, check_query
from .base import Store, _expect
from .limits import DEFAULT_TIMEOUT
from .results import _PLAIN_TYPES, QueryResult, RDFTerm

__all__ = ["OxigraphStore", "write_store"]

_T = TypeVar("_T")


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
