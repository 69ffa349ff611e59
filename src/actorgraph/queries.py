"""The shipped SPARQL query library (``ontology/queries/*.rq``) and running its queries with parameters.

Each ``.rq`` file starts with ``#`` comment lines saying what it returns, how people and bodies are rolled
up to states, and its parameters in a ``Parameters:`` block::

    # Parameters:
    #   ?actor (actor, required)  the actor: label, alias, capital or ISO3 code

The kinds (``actor``, ``relation``, ``string``, ``date``, ``number``, ``iri``) decide how
:func:`~actorgraph.sparql.resolve_params` turns ``--param`` text into RDF terms; optional parameters left
out stay free variables, so the query simply does not filter on them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import QueryError
from .resources import queries_dir
from .sparql import ActorResolver, resolve_params

if TYPE_CHECKING:
    from .store import QueryResult, Store

__all__ = [
    "LibraryQuery",
    "QueryParam",
    "check_params",
    "declared_params",
    "get_query",
    "load_library",
    "load_queries",
    "run_query",
]

_PARAM_RE = re.compile(r"^#\s+\?(\w+)\s+\((\w+)(?:,\s*(required|optional))?\)\s*(.*)$")


@dataclass(frozen=True, slots=True)
class QueryParam:
    """A declared parameter of a library query."""

    name: str
    kind: str
    required: bool
    help: str = ""


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """A library query: its name (the file stem), text, description (the comment header) and parameters."""

    name: str
    text: str
    description: str
    params: tuple[QueryParam, ...]

    @property
    def summary(self) -> str:
        """The first line of the description, without the ``name:`` lead."""
        first = self.description.splitlines()[0] if self.description else ""
        return first.split(": ", 1)[1] if first.startswith(self.name + ":") else first


def _parse(name: str, text: str) -> LibraryQuery:
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    params = []
    for line in header:
        match = _PARAM_RE.match(line)
        if match:
            pname, kind, req, help_text = match.groups()
            params.append(QueryParam(pname, kind, req != "optional", help_text.strip()))
    description = "\n".join(line[1:].strip() for line in header)
    return LibraryQuery(name, text, description.strip(), tuple(params))


def declared_params(text: str) -> tuple[QueryParam, ...]:
    r"""The parameters a query text declares in its ``# Parameters:`` comment header (any ``.rq`` file).

    Examples:
        >>> [(p.name, p.kind) for p in declared_params("#   ?since (date, optional)  from\nSELECT * {}")]
        [('since', 'date')]
    """
    return _parse("query", text).params


def check_params(name: str, declared: tuple[QueryParam, ...], params: Mapping[str, str]) -> None:
    """Refuse a parameter the query does not declare, and a required one left out.

    Raises:
        QueryError: the message names the parameter and lists the declared ones.
    """
    by_name = {p.name: p for p in declared}
    unknown = sorted(set(params) - set(by_name))
    if unknown:
        expected = ", ".join(by_name) or "none"
        raise QueryError(f"query {name} has no parameter {unknown[0]!r} (parameters: {expected})")
    missing = [p for p in declared if p.required and p.name not in params]
    if missing:
        raise QueryError(f"query {name} needs --param {missing[0].name}=... ({missing[0].help})")


def load_queries(directory: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Return every library query's text by name (file stem), sorted by name.

    Args:
        directory: a folder of ``.rq`` files; the shipped ``ontology/queries`` when None.

    Examples:
        >>> "allies_of" in load_queries()
        True
    """
    return {name: q.text for name, q in load_library(directory).items()}


def load_library(directory: str | os.PathLike[str] | None = None) -> dict[str, LibraryQuery]:
    """Return every library query with its description and declared parameters, by name."""
    folder = Path(directory) if directory is not None else queries_dir()
    return {
        path.stem: _parse(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.rq"))
    }


def get_query(name: str, directory: str | os.PathLike[str] | None = None) -> LibraryQuery:
    """Return one library query by name.

    Raises:
        QueryError: no such query; the message lists the library.
    """
    library = load_library(directory)
    if name not in library:
        raise QueryError(f"no library query {name!r} (available: {', '.join(library)})")
    return library[name]


def run_query(
    store: Store,
    name: str,
    gazetteer: ActorResolver | None = None,
    **params: str,
) -> QueryResult:
    """Run a library query on a store.

    Args:
        store: from :func:`~actorgraph.store.open_store`.
        name: the query's name (``allies_of``...).
        gazetteer: resolves actor parameters; the shipped gazetteer is loaded when needed and None.
        **params: parameter values as typed by a user (``actor="Ankara"``, ``relation="supports"``).

    Returns:
        The query's rows.

    Raises:
        QueryError: unknown query, unknown or missing parameter, or the query failed.
        UnknownActorError: an actor name matched nothing (the message lists the closest names).
    """
    query = get_query(name)
    check_params(name, query.params, params)
    bindings = resolve_params(params, {p.name: p.kind for p in query.params}, gazetteer)
    return store.select(query.text, bindings)
