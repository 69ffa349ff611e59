"""Find the data files that ship with actorgraph: the ontology, gazetteer, lexicon and query library.

The files live once, in the top-level ``ontology/`` folder; the wheel carries a copy under
``actorgraph/_data/ontology``. :func:`ontology_dir` finds whichever applies.
"""

from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path

from .errors import OntologyNotFoundError

__all__ = ["ENV_VAR", "gazetteer_dir", "lexicon_path", "ontology_dir", "queries_dir", "shapes_path"]

ENV_VAR = "ACTORGRAPH_ONTOLOGY_DIR"


def ontology_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the ontology folder: explicit argument, env var, installed wheel, then source checkout.

    Args:
        explicit: a folder given by the caller (``--ontology``); wins over everything else.

    Returns:
        The first candidate folder that exists and holds ``actorgraph.ttl``.

    Raises:
        OntologyNotFoundError: none exists; the message lists every path tried.
    """
    candidates: list[Path] = []
    if explicit is not None:
        candidates.append(Path(explicit))
    if os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    with contextlib.suppress(ModuleNotFoundError, TypeError):  # only in odd import setups
        candidates.append(Path(str(resources.files("actorgraph") / "_data" / "ontology")))
    candidates.append(Path(__file__).resolve().parents[2] / "ontology")
    for path in candidates:
        if (path / "actorgraph.ttl").is_file():
            return path
    tried = ", ".join(str(p) for p in candidates)
    raise OntologyNotFoundError(f"ontology folder not found (tried: {tried})")


def queries_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder of the shipped SPARQL query library (``ontology/queries``)."""
    return ontology_dir(explicit) / "queries"


def gazetteer_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder of the shipped actor gazetteer (``ontology/gazetteer``)."""
    return ontology_dir(explicit) / "gazetteer"


def lexicon_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the relation lexicon file (``ontology/lexicon.tsv``)."""
    return ontology_dir(explicit) / "lexicon.tsv"


def shapes_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the SHACL shapes file (``ontology/shapes.ttl``)."""
    return ontology_dir(explicit) / "shapes.ttl"
