"""The masked text and the prose blocks of a document: what the pipeline parses, one block at a time."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document
from .html import _html_blocks, is_html
from .markdown import _ATX, _LIST_MARKER
from .spans import _BLANK_RUN, _NON_SPACE, Span, _mask

__all__ = ["MAX_BLOCK_CHARS", "SPLIT_BLOCK_CHARS", "blocks", "masked_text"]

#: Blocks longer than this are split, so the parser's memory stays bounded on run-on scraped text (a block
#: is parsed whole, and 64 blocks go to the parser together: see README, Robustness).
MAX_BLOCK_CHARS = 5_000
#: Pieces a block over MAX_BLOCK_CHARS is cut into are at most this long (at sentence-like boundaries).
SPLIT_BLOCK_CHARS = 2_000


def masked_text(doc: Document) -> str:
    r"""Return ``doc.text`` with every skip span blanked: same length, newlines kept, all else spaces.

    Parse this instead of ``doc.text`` and every offset is still an offset into the original file's text.
    HTML entities are left as they are (decoding them would change the length).

    Args:
        doc: The document.

    Returns:
        The masked text.

    Examples:
        >>> from actorgraph.documents import document_from_text
        >>> doc = document_from_text("See [Turkey](https://x.org) *now*.\n")
        >>> masked_text(doc)
        'See  Turkey                  now .\n'
    """
    return _mask(doc.text, doc.skip_spans)


_LINE_TERMINAL = tuple('.!?…"”’»)')
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[A-Z\"“‘(])")
_SETEXT = re.compile(r"[^\S\n]{0,3}(?:={3,}|-{3,})[^\S\n]*\r?")


def _trim(masked: str, start: int, end: int) -> Span | None:
    """Shrink (start, end) to its first and last non-space character of the masked text."""
    first = _NON_SPACE.search(masked, start, end)
    if first is None:
        return None
    return first.start(), first.start() + len(masked[first.start() : end].rstrip())


def _split_long(masked: str, start: int, end: int) -> list[Span]:
    """Cut a long block into pieces at sentence-like boundaries.

    A piece ends at the last boundary within SPLIT_BLOCK_CHARS; a sentence longer than that runs on to
    its end within MAX_BLOCK_CHARS; a run-on "sentence" without any boundary is cut at a space (else hard)
    near MAX_BLOCK_CHARS, so it still reaches the pipeline as one over-long sentence, which the pipeline's
    per-sentence caps skip with a warning rather than parse as fragments.
    """
    pieces: list[Span] = []
    pos = start
    while end - pos > SPLIT_BLOCK_CHARS:
        limit = pos + SPLIT_BLOCK_CHARS
        cut = None
        for m in _SENTENCE_BREAK.finditer(masked, pos + SPLIT_BLOCK_CHARS // 2, limit):
            cut = m.end()
        if cut is None:
            later = _SENTENCE_BREAK.search(masked, limit, min(end, pos + MAX_BLOCK_CHARS))
            cut = later.end() if later is not None else None
        if cut is None:
            if end - pos <= MAX_BLOCK_CHARS:
                break
            hard = pos + MAX_BLOCK_CHARS
            space = masked.rfind(" ", pos + MAX_BLOCK_CHARS // 2, hard)
            cut = space + 1 if space > pos else hard
        trimmed = _trim(masked, pos, cut)
        if trimmed is not None:
            pieces.append(trimmed)
        pos = cut
    trimmed = _trim(masked, pos, end)
    if trimmed is not None:
        pieces.append(trimmed)
    return pieces


def _has_many_paragraphs(masked: str) -> bool:
    runs = _BLANK_RUN.finditer(masked)
    return next(runs, None) is not None and next(runs, None) is not None


def _is_heading_like(line: str) -> bool:
    """A short line without final punctuation standing alone: a title, subheading or picture caption."""
    stripped = line.strip()
    return 0 < len(stripped) <= 80 and len(stripped.split()) <= 12 and not stripped.endswith(_LINE_TERMINAL)


def _segment_blocks(text: str, masked: str, lines: list[Span]) -> Iterator[Span]:
    """Blocks of a run of non-blank lines: one per line when lines are paragraphs, else the whole run."""
    if len(lines) == 1:
        yield lines[0]
        return
    body = lines[:-1]
    ends_sentence = sum(1 for s, e in body if masked[s:e].rstrip().endswith(_LINE_TERMINAL))
    wrapped = all(len(masked[s:e].strip()) <= 100 for s, e in body) and ends_sentence < len(body) / 2
    if not wrapped:
        yield from lines
        return
    group_start = lines[0][0]
    previous_end = lines[0][1]
    for s, e in lines[1:]:
        if _LIST_MARKER.match(text, s):
            yield group_start, previous_end
            group_start = s
        previous_end = e
    yield group_start, previous_end


def _text_blocks(text: str, masked: str) -> Iterator[Span]:
    """Paragraph blocks of a text or markdown document, headings and stand-alone short lines excluded."""
    many = _has_many_paragraphs(masked)
    paragraph: list[Span] = []

    def flush(underline: bool) -> Iterator[Span]:
        """Emit the blocks of the paragraph gathered so far; ``underline``: a setext rule follows it."""
        if not paragraph:
            return
        last = paragraph[-1]
        if underline and _is_heading_like(masked[last[0] : last[1]]):
            paragraph.pop()  # a setext heading ("Title" over "====")
        elif len(paragraph) == 1 and many and _is_heading_like(masked[last[0] : last[1]]):
            paragraph.pop()  # a stand-alone title, subheading or caption
        segment: list[Span] = []
        for s, e in paragraph:
            if _ATX.match(text, s) is not None:
                if segment:
                    yield from _segment_blocks(text, masked, segment)
                segment = []
            else:
                segment.append((s, e))
        if segment:
            yield from _segment_blocks(text, masked, segment)
        paragraph.clear()

    pos = 0
    length = len(masked)
    while pos <= length:
        end = masked.find("\n", pos)
        if end < 0:
            end = length
        if _NON_SPACE.search(masked, pos, end) is None:
            yield from flush(_SETEXT.fullmatch(text, pos, end) is not None)
        else:
            paragraph.append((pos, end))
        pos = end + 1
    yield from flush(False)


def blocks(doc: Document) -> list[Span]:
    r"""Return the prose blocks of a document, in text order, as (start, end) offsets into ``doc.text``.

    A block is a paragraph (lines between blank lines; in HTML, text between block-level tags). When the
    lines of a paragraph look like paragraphs themselves (long, or mostly ending a sentence, as in scraped
    one-paragraph-per-line text), each line is a block. Headings, and in documents of three or more
    paragraphs the short stand-alone lines without final punctuation (titles, picture captions), are left
    out. Each block is trimmed of whitespace and masked characters; entirely masked blocks are dropped;
    blocks over :data:`MAX_BLOCK_CHARS` are split at sentence-like boundaries into pieces of at most
    :data:`SPLIT_BLOCK_CHARS` so parsing memory stays bounded. Sentences should never cross a block boundary.

    Args:
        doc: The document.

    Returns:
        Sorted, non-overlapping, non-empty spans.

    Examples:
        >>> from actorgraph.documents import document_from_text
        >>> doc = document_from_text("# Title\n\nTurkey backs Azerbaijan.\nRussia objects.\n")
        >>> [doc.text[s:e] for s, e in blocks(doc)]
        ['Turkey backs Azerbaijan.', 'Russia objects.']
    """
    text = doc.text
    masked = masked_text(doc)
    raw = _html_blocks(text, masked) if is_html(text, doc.name) else _text_blocks(text, masked)
    result: list[Span] = []
    for start, end in raw:
        trimmed = _trim(masked, start, end)
        if trimmed is None:
            continue
        if trimmed[1] - trimmed[0] > MAX_BLOCK_CHARS:
            result.extend(_split_long(masked, *trimmed))
        else:
            result.append(trimmed)
    return result
