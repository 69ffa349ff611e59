"""Graph Store HTTP Protocol: a graph written into a server in a few bulk requests, failures told in full."""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..graph import serialize_dataset
from ..sparql import to_term
from .transport import EndpointError, _check_http, _send

__all__ = ["DEFAULT_CHUNK_BYTES", "PushSummary"]

#: Largest request body :func:`~actorgraph.store.push` sends.
DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024


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


def _push(
    serialize: Callable[[str], bytes],
    dataset: Callable[[], Graph],
    endpoint: str,
    graph_iri: str | None,
    *,
    chunk_bytes: int,
    timeout: float,
) -> PushSummary:
    """Send a graph, serialised on demand by ``serialize(fmt)``, to a Graph Store.

    See :func:`~actorgraph.store.push`, which passes any source this way.

    ``dataset()`` gives the graph as an rdflib dataset, for the per-graph fallback only.
    """
    _check_http(endpoint)
    if graph_iri is not None:
        to_term(f"<{graph_iri}>")  # validates the IRI
        triples = [line for line in serialize("nt").splitlines() if line.strip()]
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
    lines = [line for line in serialize("nquads").splitlines() if line.strip()]
    uploads = [
        _Upload(endpoint, "POST", "application/n-quads", chunk, chunk.count(b"\n"))
        for chunk in _chunks(lines, chunk_bytes)
    ]
    try:
        requests = _send_uploads(uploads, endpoint, timeout)
    except EndpointError as exc:
        if "HTTP 415" not in str(exc) or "push stopped" in str(exc):
            raise
        requests = _push_per_graph(dataset(), endpoint, chunk_bytes, timeout)
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
