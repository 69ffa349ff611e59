"""Per-document extraction cache: incremental and resumable builds.

Extraction is the expensive stage and it is a pure function of (document text, extractor versions), so each
document's assertions are stored in their own file, keyed by the document's content hash and the extractor's
:attr:`~actorgraph.extract.Extractor.version_key`. Each file is written atomically the moment its document is
done, so a build killed halfway keeps every finished document and the rerun continues from there; an unchanged
corpus is rebuilt from the cache alone, and changing one document re-extracts only that document.

Layout::

    <directory>/v-<sha1(version_key)[:16]>/<sha1(name)[:20]>-<sha1(content_hash)[:20]>.jsonl

Line 1 of an entry is a header with the document metadata the graph needs (name, title, date, source, url,
content hash), the version key and the number of assertions; each further line is one
:meth:`Assertion.to_json` object. An entry whose header or line count does not check out is ignored (and
removed), never half-trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .atomic import atomic_write_text
from .model import Assertion, Document

__all__ = ["CACHE_FORMAT", "ExtractionCache", "content_hash"]

#: Version of the entry format; part of each header, so a future format change simply misses.
CACHE_FORMAT = 1

_METADATA = ("name", "title", "date", "source", "url", "content_hash")


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def content_hash(doc: Document) -> str:
    """The document's content hash: :attr:`Document.content_hash`, or the SHA-1 of its text when unset.

    Examples:
        >>> content_hash(Document("a.txt", "x", content_hash="abc"))
        'abc'
        >>> content_hash(Document("a.txt", "x"))
        '11f6ad8ec52a2984abaafd7c3b516503785c2072'
    """
    return doc.content_hash or _sha1(doc.text)


class ExtractionCache:
    """Cached assertions per document for one extractor version.

    Args:
        directory: The cache folder (created on first write), e.g. ``out/.cache``.
        version_key: The extractor's version key; entries of other versions are invisible to this cache.

    Examples:
        >>> import tempfile
        >>> cache = ExtractionCache(Path(tempfile.mkdtemp()), "v1")
        >>> doc = Document("a.txt", "Turkey supports Azerbaijan.")
        >>> cache.get(doc) is None
        True
        >>> cache.put(doc, [])
        >>> cache.get(doc)
        []
    """

    def __init__(self, directory: Path, version_key: str) -> None:
        self.directory = Path(directory)
        self.version_key = version_key
        self.version_dir = self.directory / f"v-{_sha1(version_key)[:16]}"

    # -- paths

    @staticmethod
    def _name_part(name: str) -> str:
        return _sha1(name)[:20]

    def path_for(self, doc: Document) -> Path:
        """The entry file of ``doc`` in this version (whether or not it exists)."""
        return self.version_dir / f"{self._name_part(doc.name)}-{_sha1(content_hash(doc))[:20]}.jsonl"

    # -- reading

    def _read(self, path: Path) -> tuple[dict[str, Any], list[Assertion]] | None:
        """Header and assertions of an entry, or None when it is missing, foreign or damaged."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        try:
            header = json.loads(lines[0])
            if (
                not isinstance(header, dict)
                or header.get("format") != CACHE_FORMAT
                or header.get("version_key") != self.version_key
                or not isinstance(header.get("document"), dict)
                or header.get("count") != len(lines) - 1
            ):
                raise ValueError("bad header")
            assertions = [Assertion.from_json(json.loads(line)) for line in lines[1:]]
        except (IndexError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return header, assertions

    def get(self, doc: Document) -> list[Assertion] | None:
        """The cached assertions of ``doc`` (same name, content and version), or None on a miss.

        A damaged entry (truncated, edited, not JSON) counts as a miss and is removed, so the document is
        simply extracted again.
        """
        path = self.path_for(doc)
        if not path.is_file():
            return None
        entry = self._read(path)
        if entry is None:
            path.unlink(missing_ok=True)
            return None
        header, assertions = entry
        meta = header["document"]
        if meta.get("name") != doc.name or meta.get("content_hash") != content_hash(doc):
            return None  # a hash-prefix collision: treat as a miss, never serve another document's results
        return assertions

    def __contains__(self, doc: object) -> bool:
        return isinstance(doc, Document) and self.get(doc) is not None

    def entries(self) -> Iterator[tuple[dict[str, Any], list[Assertion]]]:
        """Every valid entry of this version: ``(document metadata, assertions)``, in file-name order.

        The metadata dict has the keys name, title, date, source, url and content_hash, enough to describe the
        document in the graph without reading the input again.
        """
        if not self.version_dir.is_dir():
            return
        for path in sorted(self.version_dir.glob("*.jsonl")):
            entry = self._read(path)
            if entry is not None:
                yield dict(entry[0]["document"]), entry[1]

    # -- writing

    def put(self, doc: Document, assertions: Iterable[Assertion]) -> None:
        """Store the assertions of ``doc`` atomically, replacing any older entry for the same document name.

        Args:
            doc: The document (its name, metadata and content hash are recorded in the header).
            assertions: Its assertions (all of them, possibly none).
        """
        lines = [json.dumps(a.to_json(), ensure_ascii=False) for a in assertions]
        header = {
            "format": CACHE_FORMAT,
            "version_key": self.version_key,
            "document": {
                "name": doc.name,
                "title": doc.title,
                "date": doc.date,
                "source": doc.source,
                "url": doc.url,
                "content_hash": content_hash(doc),
            },
            "count": len(lines),
        }
        path = self.path_for(doc)
        atomic_write_text(path, "\n".join([json.dumps(header, ensure_ascii=False), *lines]) + "\n")
        prefix = self._name_part(doc.name) + "-"
        for old in self.version_dir.glob(prefix + "*.jsonl"):
            if old != path:  # an earlier content of this document
                old.unlink(missing_ok=True)

    def prune(self, keep: Iterable[str]) -> int:
        """Remove the entries of documents no longer present, and the entries of other extractor versions.

        Args:
            keep: The documents still in the input, by name or by content hash (either identifies an entry
                to keep; a document whose content changed is kept only through its new entry, because
                :meth:`put` already dropped the old one).

        Returns:
            The number of entries removed (entries of other versions included).
        """
        wanted = {_sha1(value)[:20] for value in keep}
        removed = 0
        if self.directory.is_dir():
            for other in self.directory.glob("v-*"):
                if other.is_dir() and other != self.version_dir:
                    removed += sum(1 for _ in other.glob("*.jsonl"))
                    shutil.rmtree(other, ignore_errors=True)
        if self.version_dir.is_dir():
            for path in self.version_dir.iterdir():
                if path.name.startswith("."):  # a temporary file left by a killed writer
                    path.unlink(missing_ok=True)
                    continue
                name_part, _, hash_part = path.stem.partition("-")
                if path.suffix == ".jsonl" and name_part not in wanted and hash_part not in wanted:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

    def mtimes(self) -> list[float]:
        """Modification times of this version's entries: when each document was last extracted.

        The build records the newest as the extraction time, so rebuilding an unchanged corpus from the cache
        gives the same provenance (and an isomorphic graph).
        """
        if not self.version_dir.is_dir():
            return []
        times: list[float] = []
        for path in self.version_dir.glob("*.jsonl"):
            try:
                times.append(path.stat().st_mtime)
            except OSError:  # removed meanwhile
                continue
        return times

    def clear(self) -> None:
        """Remove the whole cache folder (all versions)."""
        shutil.rmtree(self.directory, ignore_errors=True)

    def __len__(self) -> int:
        return sum(1 for _ in self.version_dir.glob("*.jsonl")) if self.version_dir.is_dir() else 0

    def __repr__(self) -> str:
        return f"ExtractionCache({os.fspath(self.directory)!r}, version_key={self.version_key[:12]!r}...)"
