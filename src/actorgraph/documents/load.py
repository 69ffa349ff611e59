"""Building :class:`~actorgraph.model.Document` objects from strings and files."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..dates import document_date_from_head, normalise_date
from ..errors import InputError
from ..model import Document
from .boilerplate import _boilerplate_spans, _head_date_line_spans, _reference_list_span
from .decode import _decode
from .discover import _files_under, _Names, _read_regular_file
from .frontmatter import _clean, _front_matter, _meta_str
from .html import _TAG, _element_spans, _html_metadata, is_html
from .markdown import _ATX, _FOOTNOTE, _markdown_spans
from .spans import _NON_SPACE, Span, _line_bounds, _mask, _merge
from .urls import _url_spans

__all__ = ["Skipped", "document_from_text", "load_document", "load_documents"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file that could not be read; ``reason`` is the one-line message of the error."""

    name: str
    path: Path
    reason: str


def _text_skip_spans(text: str, body_start: int) -> list[Span]:
    spans: list[Span] = []
    _element_spans(text, spans)
    if "<" in text:
        spans.extend(m.span() for m in _TAG.finditer(text, body_start))
    _markdown_spans(text, spans)
    _url_spans(text, spans)
    _boilerplate_spans(text, body_start, spans)
    _head_date_line_spans(text, body_start, spans)
    reference = _reference_list_span(text, body_start)
    if reference is not None:
        spans.append(reference)
    return spans


def _html_skip_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    _element_spans(text, spans)
    spans.extend(m.span() for m in _TAG.finditer(text))
    _url_spans(text, spans)
    spans.extend(m.span() for m in _FOOTNOTE.finditer(text))
    return spans


def _first_title(text: str, masked: str, body_start: int) -> str | None:
    atx = _ATX.search(text, body_start)
    if atx >= 0:
        start, end = _line_bounds(text, atx)
        title = " ".join(masked[start:end].split())
        if title:
            return title
    first = _NON_SPACE.search(masked, body_start)
    if first is None:
        return None
    start, end = _line_bounds(masked, first.start())
    line = " ".join(masked[start:end].split())
    if len(line) <= 150 and not line.endswith((".", "!", "?", ",", ";", ":")):
        return line
    return None


def _build(
    name: str,
    text: str,
    *,
    content_hash: str,
    warnings: list[str],
    date: str | None = None,
) -> Document:
    if is_html(text, name):
        spans = _html_skip_spans(text)
        title, html_date, url = _html_metadata(text)
        return Document(
            name=name,
            text=text,
            title=title,
            date=date or html_date,
            url=url,
            skip_spans=_merge(spans, len(text)),
            content_hash=content_hash,
            warnings=tuple(warnings),
        )
    body_start, front, fm_warnings = _front_matter(text, name)
    warnings.extend(fm_warnings)
    spans = _text_skip_spans(text, body_start)
    if body_start:
        spans.append((0, body_start))
    skip_spans = _merge(spans, len(text))
    front = front or {}
    meta = {
        key: value_str
        for key, value in front.items()
        if key not in ("title", "date", "source", "url") and (value_str := _meta_str(value)) is not None
    }
    front_date = normalise_date(front.get("date")) if front.get("date") is not None else None
    if front.get("date") is not None and front_date is None:
        shown = _meta_str(front.get("date")) or type(front.get("date")).__name__
        warnings.append(f"{name}: front matter date {shown[:40]!r} is not a date; ignored")
    title = _clean(front.get("title"))
    if title is None:
        title = _first_title(text, _mask(text, skip_spans), body_start)
    return Document(
        name=name,
        text=text,
        title=title,
        date=date or front_date or document_date_from_head(text[body_start:]),
        source=_clean(front.get("source")),
        url=_clean(front.get("url")),
        body_start=body_start,
        skip_spans=skip_spans,
        content_hash=content_hash,
        warnings=tuple(warnings),
        meta=meta,
    )


def document_from_text(text: str, name: str = "<text>", date: str | None = None) -> Document:
    r"""Build a document from a string (gold sentences, the Python API), exactly as if read from a file.

    Args:
        text: The text.
        name: The document name used in outputs and messages.
        date: The document date (ISO); overrides any date found in the text.

    Returns:
        The document; ``content_hash`` is the SHA-256 of the UTF-8 encoded text.

    Examples:
        >>> doc = document_from_text("---\ntitle: Talks\ndate: 2020-07-17\n---\nTurkey backs Azerbaijan.\n")
        >>> doc.title, doc.date, doc.text[doc.body_start:]
        ('Talks', '2020-07-17', 'Turkey backs Azerbaijan.\n')
    """
    content_hash = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    return _build(
        name, text, content_hash=content_hash, warnings=[], date=normalise_date(date) if date else None
    )


def load_document(path: str | os.PathLike[str], name: str | None = None) -> Document:
    """Read one input file into a document.

    Args:
        path: The file.
        name: The document name (defaults to the file name); see :func:`iter_input_files`.

    Returns:
        The document. ``content_hash`` is the SHA-256 of the file's bytes; a guessed encoding or broken
        front matter adds a message to ``warnings``. An empty file gives a document without blocks.

    Raises:
        InputError: The file cannot be read, is binary, is not a regular file (a FIFO, a device) or is
            larger than :data:`MAX_INPUT_BYTES`.
    """
    file_path = Path(path)
    label = name or file_path.name
    raw = _read_regular_file(file_path)
    text, warnings = _decode(raw, str(file_path), label)
    return _build(label, text, content_hash=hashlib.sha256(raw).hexdigest(), warnings=warnings)


def load_documents(
    paths: Iterable[str | os.PathLike[str]],
    strict: bool = False,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Document | Skipped]:
    """Read every input file under ``paths`` (see :func:`iter_input_files`), one at a time.

    Args:
        paths: Files and folders.
        strict: Raise on the first unreadable file instead of yielding :class:`Skipped` and going on.
        exclude: Folders never to read (the build's output folder).

    Yields:
        A document per readable file, a ``Skipped`` for each unreadable file, missing path or output folder.

    Raises:
        InputError: Two different files have the same document name (always); with ``strict=True``, any
            unreadable input.
    """
    names = _Names()
    skip = tuple(Path(p) for p in exclude)
    for raw in paths:
        try:
            files = _files_under(raw, skip)
        except InputError as error:
            if strict:
                raise
            yield Skipped(name=str(raw), path=Path(raw), reason=str(error))
            continue
        for file_path, name in files:
            if not names.fresh(name, file_path):
                continue
            try:
                yield load_document(file_path, name)
            except InputError as error:
                if strict:
                    raise
                yield Skipped(name=name, path=file_path, reason=str(error))
