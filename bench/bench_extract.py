"""Extraction benchmarks: overhead over the parse, workers, incremental builds, memory, and textacy as a peer.

Each function does one measurement in the current process and returns plain data; ``run_all.py`` runs them
in fresh child processes (``child.py``) so that memory peaks and lazy imports are measured per run.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from common import WORK, RssSampler


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file())


def _plain_pass(nlp: Any, files: list[Path], batch_size: int) -> float:
    """Wall time of plain ``nlp.pipe`` over the files' texts (read inside the timed region, as "
    "extract does)."""
    start = time.perf_counter()
    for _doc in nlp.pipe((p.read_text(encoding="utf-8") for p in files), batch_size=batch_size):
        pass
    return time.perf_counter() - start


def _extract_pass(extractor: Any, corpus: Path, out: Path, workers: int = 1) -> tuple[float, int, int]:
    """Wall time of ``actorgraph extract`` (the library call behind it) writing JSONL; (seconds, "
    "docs, assertions)."""
    from actorgraph.extract import write_assertions

    start = time.perf_counter()
    summary = write_assertions(extractor, [corpus], output=out, fmt="jsonl", workers=workers)
    return time.perf_counter() - start, summary.documents, summary.assertions


def extraction_overhead(
    corpus: str, repeats: int = 3, batch_size: int = 64, model: str | None = None
) -> dict[str, Any]:
    """Extractor vs plain ``nlp.pipe`` (same model, same batch size, same files), interleaved in one process.

    Both pipelines are loaded and warmed up first; then the two passes alternate (ABBA order) so that a
    change in machine load hits both alike. Returns per-run seconds and ratios.
    """
    import spacy

    from actorgraph.extract import Extractor

    folder = Path(corpus)
    files = _files(folder)
    extractor = Extractor(model, batch_size=batch_size)
    loaded = time.perf_counter()
    ours = extractor.nlp
    load_ours = time.perf_counter() - loaded
    loaded = time.perf_counter()
    plain = spacy.load(extractor.model_name)
    load_plain = time.perf_counter() - loaded
    out = WORK / "overhead.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    # warm-up on a couple of files (first-call costs: vectors, lazily built tables)
    warm = WORK / "overhead_warm"
    shutil.rmtree(warm, ignore_errors=True)
    warm.mkdir(parents=True)
    for path in files[:2]:
        shutil.copy(path, warm / path.name)
    _plain_pass(plain, _files(warm), batch_size)
    _extract_pass(extractor, warm, out)
    plain_s: list[float] = []
    ours_s: list[float] = []
    docs = assertions = 0
    for run in range(repeats):
        first_plain = run % 2 == 0
        if first_plain:
            plain_s.append(_plain_pass(plain, files, batch_size))
        seconds, docs, assertions = _extract_pass(extractor, folder, out)
        ours_s.append(seconds)
        if not first_plain:
            plain_s.append(_plain_pass(plain, files, batch_size))
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    enabled = [name for name in ours.pipe_names if name not in getattr(ours, "disabled", [])]
    return {
        "files": len(files),
        "bytes": len(text.encode("utf-8")),
        "words": len(text.split()),
        "batch_size": batch_size,
        "model": extractor.model_name,
        "plain_s": plain_s,
        "extract_s": ours_s,
        "ratio": [o / p for o, p in zip(ours_s, plain_s, strict=True)],
        "documents": docs,
        "assertions": assertions,
        "plain_components": list(plain.pipe_names),
        "extractor_components": enabled,
        "load_plain_s": load_plain,
        "load_extractor_s": load_ours,
    }


def extract_run(
    corpus: str, workers: int = 1, batch_size: int = 64, model: str | None = None
) -> dict[str, Any]:
    """One cold ``actorgraph extract`` of ``corpus`` with ``workers`` processes (model loading included)."""
    from actorgraph.extract import Extractor

    folder = Path(corpus)
    size = sum(p.stat().st_size for p in _files(folder))
    out = WORK / f"extract_w{workers}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    extractor = Extractor(model, batch_size=batch_size)
    with RssSampler() as sampler:
        seconds, docs, assertions = _extract_pass(extractor, folder, out, workers=workers)
    return {
        "tree_peak_rss_mb": sampler.total_peak_mb,
        "largest_process_peak_rss_mb": sampler.single_peak_mb,
        "workers": workers,
        "bytes": size,
        "seconds": seconds,
        "mb_per_s": size / 1e6 / seconds,
        "documents": docs,
        "assertions": assertions,
    }


def incremental_build(corpus: str, out_dir: str, step: str, change: str | None = None) -> dict[str, Any]:
    """One ``actorgraph build`` (library call) of ``corpus`` into ``out_dir``.

    ``step`` is ``cold`` (out_dir and its cache removed first), ``noop`` (nothing changed since the last
    build) or ``change`` (the file ``change`` gets one more paragraph first). Returns the wall time and how
    many documents were extracted vs served from the cache.
    """
    from actorgraph.build import build_graph_files

    out = Path(out_dir)
    if step == "cold":
        shutil.rmtree(out, ignore_errors=True)
    if step == "change" and change:
        target = Path(corpus) / change
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nRussia and Turkey agreed on a new ceasefire on day {time.time_ns() % 1000}.\n")
    start = time.perf_counter()
    summary = build_graph_files([Path(corpus)], out, workers=1, store=True, html=True)
    seconds = time.perf_counter() - start
    return {
        "step": step,
        "seconds": seconds,
        "documents": summary.documents,
        "extracted": summary.extracted,
        "cached": summary.cached,
        "assertions": summary.assertions,
        "triples": summary.triples,
    }


def peer_textacy(
    corpus: str, batch_size: int = 64, model: str | None = None, repeats: int = 3
) -> dict[str, Any]:
    """textacy's ``subject_verb_object_triples`` beside our relation component, on the same parse.

    The text is parsed once with our pipeline minus our relation component; then each run times our
    component and textacy's SVO extraction over the same ``Doc`` objects, and the parse is reported for scale.
    """
    try:
        import textacy
        from textacy.extract import subject_verb_object_triples
    except Exception as exc:  # textacy missing or incompatible with this spaCy
        return {"available": False, "reason": f"{type(exc).__name__}: {exc}"}

    from actorgraph.documents import load_documents
    from actorgraph.extract import Extractor, _block_tasks
    from actorgraph.model import Document
    from actorgraph.pipeline import block_doc
    from actorgraph.pipeline.relations import EXTENSION

    extractor = Extractor(model, batch_size=batch_size)
    nlp = extractor.nlp
    docs = [d for d in load_documents([Path(corpus)]) if isinstance(d, Document)]
    tasks = [t for d in docs for t in _block_tasks(d)]
    ours_names = [n for n in nlp.pipe_names if n.startswith("actorgraph")]
    components = [nlp.get_pipe(n) for n in ours_names]

    def make_docs() -> Any:
        # the block context travels in user_data, exactly as actorgraph.pipeline.extract_blocks sets it
        for number, task in enumerate(tasks):
            yield block_doc(nlp, task, number)

    parse_s: list[float] = []
    ours_s: list[float] = []
    svo_s: list[float] = []
    ours_count = svo_count = 0
    for _ in range(repeats):
        with nlp.select_pipes(disable=ours_names):
            start = time.perf_counter()
            parsed = list(nlp.pipe(make_docs(), batch_size=batch_size))
            parse_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        ours_count = 0
        for doc in parsed:
            for component in components:
                doc = component(doc)
            ours_count += len(doc._.get(EXTENSION) or []) if doc.has_extension(EXTENSION) else 0
        ours_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        svo_count = sum(len(list(subject_verb_object_triples(doc))) for doc in parsed)
        svo_s.append(time.perf_counter() - start)
        del parsed
    return {
        "available": True,
        "textacy": textacy.__version__,
        "blocks": len(tasks),
        "parse_s": parse_s,
        "ours_s": ours_s,
        "textacy_s": svo_s,
        "ours_count": ours_count,
        "textacy_count": svo_count,
        "ours_components": ours_names,
    }
