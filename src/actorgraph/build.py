"""One-command build: documents -> assertions (cached) -> RDF graph -> Turtle, JSONL, Oxigraph store, HTML.

Extraction results are cached per document (content hash + model + lexicon + gazetteer versions), so a rebuild
only extracts what changed and a killed build resumes where it stopped. Every output is written atomically.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .atomic import atomic_write_text, atomic_writer
from .documents import Skipped, load_documents
from .model import Activity, Assertion, Document

__all__ = ["MANIFEST", "BuildSummary", "build_graph_files", "extraction_time"]

#: File in the output folder that records what the last complete build was made from.
MANIFEST = ".build-manifest"


@dataclass
class BuildSummary:
    """What a build did: counts, top relations, skipped inputs and where the outputs are."""

    documents: int = 0
    extracted: int = 0
    cached: int = 0
    actors: int = 0
    assertions: int = 0
    negated: int = 0
    triples: int = 0
    top_relations: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    up_to_date: bool = False

    def render(self) -> str:
        """A short human summary for the terminal."""
        lines = [
            f"documents   {self.documents} ({self.extracted} extracted, {self.cached} from cache)",
            f"actors      {self.actors}",
            f"assertions  {self.assertions} ({self.negated} negated)",
            f"triples     {self.triples}"
            if not self.up_to_date
            else "graph       unchanged since the last build",
        ]
        if self.top_relations:
            top = ", ".join(f"{name} {count}" for name, count in self.top_relations)
            lines.append(f"top relations  {top}")
        for item in self.skipped:
            lines.append(f"skipped     {item.name}: {item.reason.removeprefix(f'{item.path}: ')}")
        for warning in self.warnings:
            lines.append(f"warning     {warning}")
        for path in self.outputs:
            lines.append(f"{'up to date' if self.up_to_date else 'wrote':<11} {path}")
        lines.append(f"time        {self.seconds:.1f} s")
        return "\n".join(lines)


def extraction_time(mtimes: Iterable[float]) -> str:
    """The activity time recorded in the graph: ``SOURCE_DATE_EPOCH`` if set, else the newest extraction.

    Using when the cached extractions were made (not when the graph was assembled) keeps rebuilds of an
    unchanged corpus isomorphic.

    Examples:
        >>> extraction_time([0.0, 86400.0])
        '1970-01-02T00:00:00Z'
    """
    env = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = float(env) if env else max(mtimes, default=time.time())
    return datetime.fromtimestamp(int(stamp), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _light(doc: Document) -> Document:
    """Drop the text of a document once extracted: the graph only needs its metadata."""
    return dataclasses.replace(doc, text="", skip_spans=())


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Remove what a killed build may have left half-written (atomic writes' temporaries, store swaps)."""
    import shutil

    for name in ("graph.ttl", "assertions.jsonl", "graph.html", "store", MANIFEST):
        for pattern in (f".{name}.*.tmp", f".{name}.*.old"):
            for stale in out_dir.glob(pattern):
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink(missing_ok=True)


def build_graph_files(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    model: str | None = None,
    actors_files: Sequence[Path] = (),
    workers: int = 1,
    store: bool = True,
    html: bool = True,
    strict: bool = False,
    on_document: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Build the knowledge graph of ``paths`` into ``out_dir``.

    Args:
        paths: files and folders of articles (``.txt``, ``.md``, ``.html``).
        out_dir: output folder; gets ``graph.ttl``, ``assertions.jsonl``, ``graph.html`` and ``store/``.
        model: spaCy model name (default: the installed English small model).
        actors_files: extra actor files (Turtle or TSV/CSV).
        workers: extraction processes.
        store: also write the persistent Oxigraph store.
        html: also write the interactive HTML view.
        strict: stop at the first unreadable input instead of skipping it.
        on_document: called with each document name as it is done (progress bars).

    Returns:
        A :class:`BuildSummary`.
    """
    from .cache import ExtractionCache
    from .extract import Extractor
    from .gazetteer import load_gazetteer
    from .graph import build_dataset, write_graph

    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    summary = BuildSummary()
    extractor = Extractor(model=model, actors_files=actors_files)
    cache = ExtractionCache(out_dir / ".cache", extractor.version_key)
    progress = on_document or (lambda _name: None)

    order: list[str] = []
    documents: dict[str, Document] = {}
    results: dict[str, list[Assertion]] = {}

    def pending() -> Iterator[Document]:
        for item in load_documents(paths, strict=strict):
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                progress(item.name)
                continue
            # document warnings already name the file ("name: line 5: ..."); do not name it twice
            summary.warnings.extend(
                w if w.startswith(f"{item.name}:") else f"{item.name}: {w}" for w in item.warnings
            )
            if not item.text.strip():
                summary.warnings.append(f"{item.name}: empty file, nothing to extract")
            order.append(item.name)
            documents[item.name] = _light(item)
            cached = cache.get(item)
            if cached is not None:
                results[item.name] = cached
                summary.cached += 1
                progress(item.name)
                continue
            yield item

    for doc, assertions in extractor.extract_documents(pending(), workers=workers):
        cache.put(doc, assertions)
        # the graph is built from the cache's (JSON) form of fresh results too, so a build that resumes from
        # the cache gives exactly the graph of an uninterrupted one (the pipeline's actors carry more detail)
        results[doc.name] = [Assertion.from_json(a.to_json()) for a in assertions]
        summary.extracted += 1
        progress(doc.name)

    cache.prune({documents[name].content_hash for name in order})
    all_assertions = [a for name in order for a in results.get(name, [])]
    manifest = _manifest(extractor.version_key, [documents[n] for n in order], paths, store=store, html=html)
    summary.documents = len(order)
    summary.assertions = len(all_assertions)
    summary.negated = sum(a.negated for a in all_assertions)
    summary.actors = len({a.subject.id for a in all_assertions} | {a.object.id for a in all_assertions})
    summary.top_relations = Counter(a.relation.name for a in all_assertions if not a.negated).most_common(5)

    jsonl_path = out_dir / "assertions.jsonl"
    outputs = (
        [jsonl_path, out_dir / "graph.ttl"] + [out_dir / "store"] * store + [out_dir / "graph.html"] * html
    )
    manifest_path = out_dir / MANIFEST
    if summary.extracted == 0 and _read(manifest_path) == manifest and all(p.exists() for p in outputs):
        # nothing changed since the last complete build: its outputs are this build's outputs
        summary.up_to_date = True
        summary.outputs.extend(outputs)
        summary.seconds = time.perf_counter() - started
        return summary
    manifest_path.unlink(missing_ok=True)
    with atomic_writer(jsonl_path, mode="w") as handle:
        for assertion in all_assertions:
            handle.write(json.dumps(assertion.to_json(), ensure_ascii=False) + "\n")
    summary.outputs.append(jsonl_path)

    activity = Activity(
        tool_version=__version__,
        model_name=extractor.model_name,
        model_version=extractor.model_version,
        time=extraction_time(cache.mtimes()),
    )
    gazetteer = load_gazetteer(actors_files)
    dataset = build_dataset(
        all_assertions, [documents[n] for n in order], gazetteer=gazetteer, activity=activity
    )
    summary.triples = len(dataset)
    ttl_path = out_dir / "graph.ttl"
    write_graph(dataset, ttl_path, "turtle")
    summary.outputs.append(ttl_path)

    if store:
        from .store import write_store

        store_dir = out_dir / "store"
        write_store(dataset, store_dir)
        summary.outputs.append(store_dir)
    if html:
        from .netview import to_networkx
        from .store import open_store
        from .views import write_html

        html_path = out_dir / "graph.html"
        # the view reads statements with one SPARQL query: Oxigraph answers it far faster than rdflib
        with open_store(out_dir / "store" if store else dataset) as reader:
            multigraph = to_networkx(reader)
        write_html(multigraph, html_path, title="actorgraph: " + ", ".join(p.name for p in paths))
        summary.outputs.append(html_path)
    atomic_write_text(manifest_path, manifest)
    summary.seconds = time.perf_counter() - started
    return summary


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _manifest(
    version_key: str, documents: Sequence[Document], paths: Sequence[Path], *, store: bool, html: bool
) -> str:
    """What a complete build was made from: extractor version, every document's content, and the options.

    A rebuild whose manifest matches the last complete build's, with no document extracted anew, can keep the
    outputs as they are (the manifest is written last, so an interrupted build never matches).
    """
    lines = [f"actorgraph {__version__}", f"extractor {version_key}", f"store {store} html {html}"]
    lines += [f"input {p}" for p in paths]
    lines += [f"doc {d.content_hash} {d.name}" for d in documents]
    return "\n".join(lines) + "\n"
