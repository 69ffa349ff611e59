"""A remote SPARQL 1.1 endpoint as a store (SPARQL 1.1 Protocol; loading through the Graph Store)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Mapping

from rdflib import Dataset, Graph
from rdflib.term import Node

from ..errors import QueryLimitError, QueryRefusedError
from ..graph import bind_prefixes, serialize_dataset
from ..sparql import CheckedQuery, add_values, check_query, with_prefixes
from .base import Store, _expect
from .graphstore import DEFAULT_CHUNK_BYTES, _push
from .limits import DEFAULT_TIMEOUT, _row_cap_message
from .results import QueryResult, _json_term
from .transport import EndpointError, _check_http, _send

__all__ = ["EndpointStore"]


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
        """Push the dataset through the Graph Store Protocol (as :func:`~actorgraph.store.push` does).

        Needs ``allow_update``.
        """
        if not self.allow_update:
            raise QueryRefusedError(
                "query refused: loading into an endpoint needs --allow-update (or use push)"
            )
        if not self.store_url:
            raise EndpointError(f"{self.url}: no Graph Store URL known; use push with the store URL")
        _push(
            lambda fmt: serialize_dataset(dataset, fmt),
            lambda: dataset,
            self.store_url,
            None,
            chunk_bytes=DEFAULT_CHUNK_BYTES,
            timeout=self.request_timeout,
        )

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


def _sibling(url: str, name: str) -> str | None:
    """Oxigraph serves /query, /update and /store side by side; derive one from another."""
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path.rstrip("/")
    for known in ("/query", "/update", "/store", "/sparql"):
        if path.endswith(known):
            return urllib.parse.urlunsplit(parsed._replace(path=path[: -len(known)] + "/" + name, query=""))
    return None
