"""actorgraph: evidence-backed knowledge graphs of who supports, pressures, allies with or rivals whom."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .model import Actor, Affiliation, Assertion, Document, RelationType

try:
    __version__ = version("actorgraph")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0"

__all__ = ["Actor", "Affiliation", "Assertion", "Document", "RelationType", "__version__"]
