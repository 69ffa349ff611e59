"""The one :class:`Resources` object extraction reads: relation types, lexicon, word classes and gazetteer.

Extraction reads an ontology folder's ``actorgraph.ttl`` (relation types and their rule hints),
``lexicon.tsv`` (triggers), ``words.tsv`` (word classes) and ``gazetteer/*.tsv`` (actors and what stands for
them), plus any user actor and lexicon files. :func:`load_resources` reads them once; the result is handed to
the spaCy components through their ``initialize``. Its :attr:`~Resources.version` (a hash of every byte read)
keys the extraction cache, so editing any of them, the ontology included, re-extracts.
:meth:`Resources.to_disk` and :meth:`Resources.from_disk` copy the files into and out of a pipeline folder,
the way spaCy's own rulers save their patterns.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import Lexicon, WordClasses, load_lexicon, load_words
from .model import RelationType
from .ontology import parse_relation_types
from .resources import ResourceSources, ontology_dir

__all__ = ["Resources", "load_resources"]

_MANIFEST = "resources.json"


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything extraction reads besides the text: relation types, lexicon, word classes and gazetteer.

    Build one with :func:`load_resources` (or :meth:`from_disk`) and pass it to ``build_nlp``; the spaCy
    components receive it through their ``initialize`` and save it with the pipeline.

    Attributes:
        sources: the files it was read from.
        version: the content hash of those files (:meth:`ResourceSources.version`).
        relation_types: the ontology's relation types by name.
        lexicon: the relation lexicon (checked against ``relation_types``).
        words: the word classes of ``words.tsv``.
        gazetteer: the actors, with the user's actor files added.
    """

    sources: ResourceSources
    version: str
    relation_types: Mapping[str, RelationType] = field(repr=False)
    lexicon: Lexicon = field(repr=False)
    words: WordClasses = field(repr=False)
    gazetteer: Gazetteer = field(repr=False)

    def to_disk(self, path: str | os.PathLike[str]) -> None:
        """Copy every source file into the folder ``path`` (created), for :meth:`from_disk` to read back.

        Examples:
            >>> import tempfile
            >>> res = load_resources()
            >>> folder = Path(tempfile.mkdtemp()) / "resources"
            >>> res.to_disk(folder)
            >>> Resources.from_disk(folder).version == res.version
            True
        """
        folder = Path(path)
        for name, source in self.sources.files():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        manifest = {
            "version": self.version,
            "actors": [f"actors/{i}/{p.name}" for i, p in enumerate(self.sources.actors)],
            "lexicons": [f"lexicons/{i}/{p.name}" for i, p in enumerate(self.sources.lexicons)],
        }
        (folder / _MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: str | os.PathLike[str]) -> Resources:
        """Load resources saved by :meth:`to_disk`.

        Raises:
            InputError: the folder has no manifest or a file is missing or malformed.
        """
        folder = Path(path)
        try:
            manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{folder}: not a saved actorgraph resources folder ({exc})") from None
        return load_resources(
            folder,
            actors=[folder / name for name in manifest.get("actors", [])],
            lexicons=[folder / name for name in manifest.get("lexicons", [])],
        )


def load_resources(
    directory: str | os.PathLike[str] | None = None,
    *,
    actors: Sequence[str | os.PathLike[str]] = (),
    lexicons: Sequence[str | os.PathLike[str]] = (),
) -> Resources:
    """Read an ontology folder (default: the shipped one) and user files into one :class:`Resources`.

    Args:
        directory: an ontology folder laid out like the shipped ``ontology/``.
        actors: user actor files (``--actors``): Turtle, or TSV/CSV with columns id, type, labels, state.
        lexicons: user lexicon files with the columns of ``lexicon.tsv``.

    Returns:
        The resources.

    Raises:
        InputError: a file is missing or malformed; the message names it.

    Examples:
        >>> res = load_resources()
        >>> res.gazetteer.resolve("Ankara").label, res.lexicon.relations("back", "verb")[0].relation
        ('Turkey', 'supports')
    """
    sources = ResourceSources(ontology_dir(directory), tuple(map(Path, actors)), tuple(map(Path, lexicons)))
    version = sources.version()
    ttl = sources.directory / "actorgraph.ttl"
    types = parse_relation_types(ttl.read_text(encoding="utf-8"), str(ttl))
    lexicon = load_lexicon(sources.directory / "lexicon.tsv", sources.lexicons, relation_types=types)
    words = load_words(sources.directory / "words.tsv")
    gazetteer = load_gazetteer(sources.actors, directory=sources.directory / "gazetteer")
    return Resources(sources, version, types, lexicon, words, gazetteer)
