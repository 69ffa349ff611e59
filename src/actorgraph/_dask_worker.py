"""The worker side of :mod:`actorgraph.distributed` (it imports Dask: imported only when Dask is used)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

if TYPE_CHECKING:
    from .extract import Extractor
    from .model import Assertion, Document

__all__ = ["PLUGIN_NAME", "ExtractorPlugin", "extract_chunk"]

#: Name of the worker plugin that holds each worker's extractor.
PLUGIN_NAME = "actorgraph-extractor"


class ExtractorPlugin(WorkerPlugin):  # type: ignore[misc]
    """Gives every worker (replacements of dead ones too) its own extractor, model loaded once per process."""

    name = PLUGIN_NAME

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor

    def setup(self, worker: Any) -> None:
        """Load the model now, so the first task does not pay for it."""
        _ = self.extractor.nlp


def extract_chunk(chunk: list[Document], expected_key: str) -> list[list[Assertion]]:
    """Task body: extract one chunk of documents on this worker.

    Raises:
        RuntimeError: the worker's actorgraph, model, lexicon or gazetteer differ from the client's.
    """
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ExtractorPlugin)
    extractor = plugin.extractor
    if extractor.version_key != expected_key:
        raise RuntimeError(
            "this Dask worker runs a different actorgraph, model, lexicon or gazetteer than the client "
            f"(version key {extractor.version_key[:12]} != {expected_key[:12]}): install the same versions"
        )
    return [assertions for _doc, assertions in extractor._extract_serial(chunk)]
