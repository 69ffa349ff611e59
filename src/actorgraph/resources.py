"""Find the data files that ship with actorgraph: the ontology, gazetteer, lexicon, word classes and queries.

The files live once, in the top-level ``ontology/`` folder; the wheel carries a copy under
``actorgraph/_data/ontology``. :func:`ontology_dir` finds whichever applies. :mod:`actorgraph.bundle` loads
them into the one :class:`~actorgraph.bundle.Resources` object extraction uses.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import InputError, OntologyNotFoundError

__all__ = [
    "ENV_VAR",
    "GAZETTEER_FILES",
    "ResourceSources",
    "gazetteer_dir",
    "lexicon_path",
    "ontology_dir",
    "queries_dir",
    "shapes_path",
    "words_path",
]

ENV_VAR = "ACTORGRAPH_ONTOLOGY_DIR"

#: The files of a gazetteer folder, in the order they are read.
GAZETTEER_FILES = (
    "states.tsv",
    "organizations.tsv",
    "groups.tsv",
    "named_bodies.tsv",
    "people.tsv",
    "bodies.tsv",
    "titles.tsv",
    "cities.tsv",
    "combining_forms.tsv",
    "nouns.tsv",
    "publishers.tsv",
    "homonyms.tsv",
)


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


def words_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the word-class file (``ontology/words.tsv``)."""
    return ontology_dir(explicit) / "words.tsv"


@dataclass(frozen=True)
class ResourceSources:
    """Where the extraction data comes from: an ontology folder plus user actor and lexicon files.

    Attributes:
        directory: the ontology folder (``actorgraph.ttl``, ``lexicon.tsv``, ``words.tsv``, ``gazetteer/``).
        actors: user actor files (Turtle, TSV or CSV), added after the gazetteer's own actors.
        lexicons: user lexicon files, added after the shipped entries.
    """

    directory: Path
    actors: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()

    def files(self) -> list[tuple[str, Path]]:
        """Every file read, as (name inside a saved pipeline folder, path), in reading order."""
        names = ["actorgraph.ttl", "lexicon.tsv", "words.tsv", *(f"gazetteer/{n}" for n in GAZETTEER_FILES)]
        out = [(name, self.directory / name) for name in names]
        out += [(f"actors/{i}/{p.name}", p) for i, p in enumerate(self.actors)]
        out += [(f"lexicons/{i}/{p.name}", p) for i, p in enumerate(self.lexicons)]
        return out

    def version(self) -> str:
        """SHA-1 over the names and bytes of every file: the extraction cache key of these resources.

        Raises:
            InputError: a file cannot be read.
        """
        digest = hashlib.sha1(usedforsecurity=False)
        for name, path in self.files():
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
            digest.update(name.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()


def classifier_dir() -> Path:
    """The shipped weights of the trained relation classifier (``src/actorgraph/_models/...``).

    Kept here, with the other shipped data, so the extraction cache key can hash them without importing spaCy.
    """
    return Path(__file__).resolve().parent / "_models" / "actorgraph_relation_classifier"
