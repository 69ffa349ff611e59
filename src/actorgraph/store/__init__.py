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

Modules, each importing only those above it in this list:

* ``limits``: the deadline thread and the time and row limits; ``results``: RDF terms and result tables;
* ``base``: the :class:`Store` interface; ``memory``: rdflib (sandboxed); ``oxigraph``: pyoxigraph, and
  :func:`write_store`;
* ``transport``: HTTP with deadlines; ``graphstore``: Graph Store Protocol uploads; ``endpoint``: a remote
  SPARQL endpoint;
* ``locations``: :func:`open_store` and the functions that take any location (:func:`serialize_source`,
  :func:`push`).
"""

from __future__ import annotations

from .base import Store
from .endpoint import EndpointStore
from .graphstore import PushSummary
from .limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from .locations import StoreKind, open_store, push, serialize_source
from .memory import MemoryStore
from .oxigraph import OxigraphStore, write_store
from .results import QueryResult, RDFTerm
from .transport import MAX_RESPONSE_BYTES, EndpointError, EndpointTimeoutError

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
