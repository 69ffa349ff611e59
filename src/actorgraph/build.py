"""One-command build: documents -> assertions (cached) -> RDF graph -> Turtle, JSONL, Oxigraph store, HTML.

Extraction results are cached per document (content hash + model + lexicon + gazetteer versions), so a rebuild
only extracts what changed and a killed build resumes where it stopped. One build at a time writes an output
folder (a lock, :func:`~actorgraph.outdir.lock_output`), and its outputs are written into a fresh generation
folder and published together by one rename (:func:`~actorgraph.outdir.publish`): killed at any moment, the
output folder holds the previous build or the new one, never a mixture.
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
from typing import Any

from . import __version__
from .atomic import atomic_write_text, atomic_writer
from .documents import Skipped, check_input_names, load_documents
from .model import Activity, Assertion, Document
from .outdir import (
    ARTIFACTS,
    current_generation,
    lock_output,
    new_generation,
    publish,
    remove_old_generations,
)

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
    """Remove what a killed build of an older version may have left (atomic writes' temporaries, store swaps).

    Builds now write into generation folders, and :func:`~actorgraph.outdir.remove_old_generations`
    removes the unpublished ones.
    """
    import shutil

    for name in (*ARTIFACTS, MANIFEST):
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
    on_wait: Callable[[str], None] | None = None,
    classifier: bool = True,
    scheduler: str | None = None,
) -> BuildSummary:
    """Build the knowledge graph of ``paths`` into ``out_dir``.

    Args:
        paths: files and folders of articles (``.txt``, ``.md``, ``.html``).
        out_dir: output folder; gets ``graph.ttl``, ``assertions.jsonl``, ``graph.html`` and ``store/``
            (links into the published generation, see :mod:`actorgraph.outdir`).
        model: spaCy model name (default: the installed English small model).
        actors_files: extra actor files (Turtle or TSV/CSV).
        workers: extraction processes.
        store: also write the persistent Oxigraph store.
        html: also write the interactive HTML view.
        strict: stop at the first unreadable input instead of skipping it.
        on_document: called with each document name as it is done (progress bars).
        on_wait: called with a message when another build holds ``out_dir`` and this one waits for it.
        classifier: let the trained relation classifier add to the rules (False: the rules alone).
        scheduler: extract on Dask: ``local:N`` (a local cluster of N processes) or a scheduler address
            (``tcp://HOST:8786``); None extracts here (with ``workers`` processes).

    Returns:
        A :class:`BuildSummary`.

    Raises:
        InputError: two inputs have the same document name (before anything is extracted), or with
            ``strict`` an input cannot be read.
    """
    out_dir = Path(out_dir)
    with lock_output(out_dir, on_wait):
        return _build_locked(
            paths,
            out_dir,
            model=model,
            actors_files=actors_files,
            workers=workers,
            store=store,
            html=html,
            strict=strict,
            on_document=on_document,
            classifier=classifier,
            scheduler=scheduler,
        )


def _build_locked(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    model: str | None,
    actors_files: Sequence[Path],
    workers: int,
    store: bool,
    html: bool,
    strict: bool,
    on_document: Callable[[str], None] | None,
    classifier: bool = True,
    scheduler: str | None = None,
) -> BuildSummary:
    from .cache import ExtractionCache
    from .extract import Extractor

    started = time.perf_counter()
    _remove_stale_temporaries(out_dir)
    summary = BuildSummary()
    summary.warnings.extend(remove_old_generations(out_dir))
    check_input_names(paths, exclude=[out_dir])
    extractor = Extractor(model=model, actors_files=actors_files, classifier=classifier)
    cache = ExtractionCache(out_dir / ".cache", extractor.version_key)
    progress = on_document or (lambda _name: None)

    order: list[str] = []
    documents: dict[str, Document] = {}
    results: dict[str, list[Assertion]] = {}

    def pending() -> Iterator[Document]:
        for item in load_documents(paths, strict=strict, exclude=[out_dir]):
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

    for doc, assertions in extractor.extract_documents(pending(), workers=workers, scheduler=scheduler):
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

    names = ["assertions.jsonl", "graph.ttl"] + ["store"] * store + ["graph.html"] * html
    outputs = [out_dir / name for name in names]
    current = current_generation(out_dir)
    if (
        summary.extracted == 0
        and current is not None
        and _read(current / MANIFEST) == manifest
        and all(p.exists() for p in outputs)
    ):
        # nothing changed since the last complete build: its outputs are this build's outputs
        summary.up_to_date = True
        summary.outputs.extend(outputs)
        summary.seconds = time.perf_counter() - started
        return summary

    generation = new_generation(out_dir)
    try:
        summary.triples = _write_generation(
            generation,
            all_assertions,
            [documents[n] for n in order],
            extractor,
            cache,
            actors_files,
            paths,
            store=store,
            html=html,
        )
        atomic_write_text(generation / MANIFEST, manifest)
        summary.warnings.extend(publish(out_dir, generation))
    except BaseException:
        import shutil

        if current_generation(out_dir) != generation:
            shutil.rmtree(generation, ignore_errors=True)
        raise
    summary.outputs.extend(outputs)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_generation(
    generation: Path,
    assertions: list[Assertion],
    documents: list[Document],
    extractor: Any,
    cache: Any,
    actors_files: Sequence[Path],
    paths: Sequence[Path],
    *,
    store: bool,
    html: bool,
) -> int:
    """Write every output of a build into its (unpublished) generation folder; return the triple count."""
    from .gazetteer import load_gazetteer
    from .graph import build_dataset, write_graph

    with atomic_writer(generation / "assertions.jsonl", mode="w") as handle:
        for assertion in assertions:
            handle.write(json.dumps(assertion.to_json(), ensure_ascii=False) + "\n")
    activity = Activity(
        tool_version=__version__,
        model_name=extractor.model_name,
        model_version=extractor.model_version,
        time=extraction_time(cache.mtimes()),
    )
    gazetteer = load_gazetteer(actors_files)
    dataset = build_dataset(assertions, documents, gazetteer=gazetteer, activity=activity)
    write_graph(dataset, generation / "graph.ttl", "turtle")
    if store:
        from .store import write_store

        write_store(dataset, generation / "store")
    if html:
        from .netview import to_networkx
        from .store import open_store
        from .views import write_html

        title = "actorgraph: " + ", ".join(p.name for p in paths)
        # the view reads statements with one SPARQL query: Oxigraph answers it far faster than rdflib
        with open_store(generation / "store" if store else dataset, timeout=None) as reader:
            network = to_networkx(reader)
        write_html(network, generation / "graph.html", title=title)
    return len(dataset)


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
