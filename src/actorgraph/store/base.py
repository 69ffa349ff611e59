"""The :class:`Store` interface: every query checked by the guard, then run by a backend within the limits."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TypeVar

from rdflib import Dataset, Graph
from rdflib.term import Node

from ..errors import QueryError, QueryLimitError, QueryRefusedError, QueryTimeoutError
from ..graph import bind_prefixes
from ..sparql import BindingValue, CheckedQuery, check_query, to_term
from .limits import DEFAULT_TIMEOUT, _row_cap_message, _timeout_message, _with_deadline
from .results import QueryResult

__all__ = ["Store"]

_T = TypeVar("_T")


def _terms(bindings: Mapping[str, BindingValue] | None) -> dict[str, Node]:
    return {name.lstrip("?$"): to_term(value) for name, value in (bindings or {}).items()}


def _expect(checked: CheckedQuery, *forms: str) -> None:
    if checked.form not in forms:
        raise QueryError(f"expected a {' or '.join(forms)} query, got {checked.form}")


class Store(ABC):
    """A graph that can be queried with SPARQL; see :func:`~actorgraph.store.open_store`.

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
        """Run ``work`` within this store's time limit (see :func:`.limits._with_deadline`)."""
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
