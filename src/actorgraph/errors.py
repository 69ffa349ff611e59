"""Library exceptions. Each says what was tried, so the CLI can print it as a one-line message."""

from __future__ import annotations

__all__ = [
    "ActorgraphError",
    "GraphInputError",
    "InputError",
    "ModelNotFoundError",
    "OntologyNotFoundError",
    "QueryError",
    "QueryLimitError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "UnknownActorError",
]


class ActorgraphError(Exception):
    """Base class of every error actorgraph raises on purpose."""


class OntologyNotFoundError(ActorgraphError):
    """No ontology folder was found in any of the places tried."""


class ModelNotFoundError(ActorgraphError):
    """No usable spaCy English model is installed."""


class InputError(ActorgraphError):
    """An input file cannot be read or understood; the message names the file and the problem."""


class GraphInputError(ActorgraphError):
    """A graph file (Turtle, TriG, JSON-LD...) is malformed or of an unknown format."""


class QueryError(ActorgraphError):
    """A SPARQL query is malformed or failed to run."""


class QueryRefusedError(QueryError):
    """A query would reach the network or change the store, and was refused before it ran."""


class UnknownActorError(ActorgraphError):
    """An actor name matched nothing in the gazetteer; the message lists the closest matches."""


class QueryTimeoutError(QueryError):
    """A query (or an endpoint's answer) took longer than its time limit (``--timeout``)."""


class QueryLimitError(QueryError):
    """A query returned more rows (or an endpoint more bytes) than its cap (``--max-rows``)."""
