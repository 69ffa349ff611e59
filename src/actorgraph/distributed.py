"""Extraction on a Dask cluster: the scale-out engine for archives one machine cannot keep up with.

Extraction is per document, so it distributes without coordination. The client (the machine running
``actorgraph build|extract --scheduler ...``) reads the documents, sends them to the cluster in chunks, and
receives the assertions back **in input order**, so the cache, the JSONL, the graph and the store are written
exactly as by a local build. Each worker loads the spaCy model once (a worker plugin keeps the extractor) and
checks that its actorgraph, model, lexicon and gazetteer are the client's (the version key); a worker that
dies mid-run is replaced and its chunks are recomputed by Dask.

Two kinds of scheduler:

- ``tcp://HOST:8786``: an existing cluster (``dask scheduler`` on one machine, ``dask worker tcp://HOST:8786``
  on each of the others, every one with the same ``pip install actorgraph`` and model).
- ``local:N``: a ``LocalCluster`` of N worker processes on this machine, started and stopped with the run.

Dask is an optional dependency (``pip install 'actorgraph[dask]'``).
"""

from __future__ import annotations

import itertools
import logging
import re
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from .extract import Extractor
    from .model import Assertion, Document

__all__ = ["PLUGIN_NAME", "SchedulerSpec", "dask_client", "extract_on_dask", "parse_scheduler"]

#: Name of the worker plugin that holds each worker's extractor (the same as ``_dask_worker.PLUGIN_NAME``).
PLUGIN_NAME = "actorgraph-extractor"
_LOCAL = re.compile(r"local(?::(\d+))?")


@dataclass(frozen=True)
class SchedulerSpec:
    """Where extraction runs: an address of a running scheduler, or a local cluster of ``workers`` processes.

    Examples:
        >>> parse_scheduler("local:2")
        SchedulerSpec(address=None, workers=2)
        >>> parse_scheduler("tcp://10.0.0.5:8786").address
        'tcp://10.0.0.5:8786'
    """

    address: str | None
    workers: int = 0


def parse_scheduler(spec: str) -> SchedulerSpec:
    """Read ``--scheduler``: ``local:N``, ``local`` (one worker per core) or a scheduler URL.

    Raises:
        InputError: anything else (the message shows the accepted forms).
    """
    text = spec.strip()
    local = _LOCAL.fullmatch(text)
    if local:
        workers = int(local.group(1)) if local.group(1) else 0
        if local.group(1) and not 1 <= workers <= 256:
            raise InputError(f"--scheduler {spec!r}: local:N needs 1 <= N <= 256")
        return SchedulerSpec(None, workers)
    if re.fullmatch(r"(tcp|tls|ws|wss|inproc|ucx)://[^\s/]+(:\d+)?/?", text):
        return SchedulerSpec(text.rstrip("/"))
    raise InputError(f"--scheduler {spec!r}: expected local:N (N worker processes) or tcp://HOST:PORT")


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - dask is in the dev and dask extras
        raise InputError(
            "--scheduler needs Dask: pip install 'actorgraph[dask]' (dask[distributed])"
        ) from exc
    return distributed


@contextmanager
def dask_client(spec: SchedulerSpec | str) -> Iterator[Any]:
    """A connected ``distributed.Client``; a ``local:N`` cluster lives as long as the ``with`` block.

    Raises:
        InputError: Dask is not installed, or the scheduler cannot be reached.
    """
    if isinstance(spec, str):
        spec = parse_scheduler(spec)
    distributed = _import_distributed()
    if spec.address is None:
        import os

        workers = spec.workers or os.cpu_count() or 1
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # no fixed port: several clusters may run at once
            silence_logs=logging.ERROR,
        )
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(spec.address, timeout="20s")
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler at {spec.address}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()


def extract_on_dask(
    extractor: Extractor,
    docs: Iterable[Document],
    client: Any,
    chunks: Iterable[list[Document]] | None = None,
) -> Iterator[tuple[Document, list[Assertion]]]:
    """Extract documents on a Dask cluster, yielding ``(document, assertions)`` in input order.

    At most two chunks per worker are in flight, so memory on the client stays flat whatever the input size.

    Args:
        extractor: The client's extractor (only its settings travel; workers load their own model).
        docs: Documents, possibly a lazy iterator.
        client: A connected ``distributed.Client`` (see :func:`dask_client`).
        chunks: How to cut ``docs`` into tasks (default: the same chunks as local worker processes).

    Yields:
        Each document with its assertions, in the order the documents came in.
    """
    from ._dask_worker import ExtractorPlugin, extract_chunk
    from .extract import _chunks

    client.register_plugin(ExtractorPlugin(extractor), name=PLUGIN_NAME)
    key = extractor.version_key
    run = uuid.uuid4().hex[:12]
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    in_flight: deque[tuple[list[Document], Any]] = deque()
    numbers = itertools.count()
    try:
        for chunk in chunks if chunks is not None else _chunks(docs):
            future = client.submit(extract_chunk, chunk, key, key=f"actorgraph-{run}-{next(numbers)}")
            in_flight.append((chunk, future))
            while len(in_flight) >= 2 * workers:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())
    finally:
        for _chunk, future in in_flight:
            future.cancel()


def _collect(chunk: list[Document], future: Any) -> Iterator[tuple[Document, list[Assertion]]]:
    yield from zip(chunk, future.result(), strict=True)
