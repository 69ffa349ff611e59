"""Wherever a graph lives (file, Oxigraph folder, endpoint, rdflib graph): open it, serialise it, push it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from rdflib import Graph

from ..errors import GraphInputError
from ..graph import format_for_path, load_graph_file, serialize_dataset
from .base import Store
from .endpoint import EndpointStore
from .graphstore import DEFAULT_CHUNK_BYTES, PushSummary, _push
from .limits import DEFAULT_TIMEOUT
from .memory import MemoryStore
from .oxigraph import OxigraphStore, _check_no_remote_jsonld, _load_file_into_oxigraph, _new_oxigraph_memory

__all__ = ["StoreKind", "open_store", "push", "serialize_source"]

StoreKind = Literal["auto", "memory", "oxigraph", "file", "endpoint"]


def _is_url(location: object) -> bool:
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


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


def push(
    source: Graph | Store | str | os.PathLike[str],
    endpoint: str,
    graph_iri: str | None = None,
    *,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
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
    return _push(
        lambda fmt: serialize_source(source, fmt),
        lambda: _dataset_of(source),
        endpoint,
        graph_iri,
        chunk_bytes=chunk_bytes,
        timeout=timeout,
    )
