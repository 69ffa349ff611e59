"""Span primitives shared by the scanners: line-anchored patterns, closers, merging and masking.

A span is a ``(start, end)`` pair of offsets into the decoded text. Scanners append the spans of what is not
prose; :func:`_merge` sorts and joins them and :func:`_mask` blanks them without changing the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

Span = tuple[int, int]

_SP = r"[^\S\n]"  # horizontal white space (tabs, no-break spaces, CR), never a newline
_NON_SPACE = re.compile(r"\S")
_BLANK_RUN = re.compile(r"\n[^\S\n]*\n")


class _LinePattern:
    """A regular expression that must match at the start of a line.

    ``^`` with ``re.M`` makes the engine try every position of a 50 MB text; searching for a literal
    newline followed by the pattern lets it skip ahead at C speed (about ten times faster). The first line
    is tried separately with the anchored form. ``body`` must not have a top-level ``|``.
    """

    __slots__ = ("after_newline", "anchored")

    def __init__(self, body: str, flags: int = 0) -> None:
        self.anchored = re.compile(body, re.M | flags)
        self.after_newline = re.compile("\n" + body, re.M | flags)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Match at ``pos`` (which should be a line start)."""
        return self.anchored.match(text, pos, len(text) if endpos is None else endpos)

    def matches(self, text: str, start: int = 0) -> Iterator[tuple[int, re.Match[str]]]:
        """Yield (line start, match) for every line at or after ``start`` (a line start) that matches."""
        first = self.anchored.match(text, start) if start == 0 or text[start - 1] == "\n" else None
        if first is not None:
            yield start, first
        for m in self.after_newline.finditer(text, start):
            yield m.start() + 1, m

    def spans(self, text: str, start: int = 0) -> Iterator[Span]:
        """The (line start, match end) spans of :meth:`matches`."""
        for line_start, m in self.matches(text, start):
            yield line_start, m.end()

    def search(self, text: str, pos: int) -> int:
        """The start of the first matching line at or after ``pos`` (a line start), or -1."""
        for line_start, _ in self.matches(text, pos):
            return line_start
        return -1


def _line_bounds(text: str, pos: int) -> Span:
    """(start, end) of the line containing ``pos``, without its newline."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


class _Closer:
    """Search for a closing delimiter, remembering where a search failed.

    Once a closer is missing after position p it is missing after any later position too, so repeated
    searches for unclosed openers (``<!--``, ``<nav>``, fences) cost one scan in total instead of one
    scan each: this keeps hostile input with thousands of unclosed openers linear.
    """

    __slots__ = ("missing_from", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.missing_from: int | None = None

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        if self.missing_from is not None and pos >= self.missing_from:
            return None
        found = self.pattern.search(text, pos)
        if found is None:
            self.missing_from = pos
        return found


def _merge(spans: list[Span], length: int) -> tuple[Span, ...]:
    """Sort, clip and merge overlapping or touching spans."""
    merged: list[Span] = []
    last_start = last_end = -1
    for start, end in sorted(spans):
        start, end = max(0, start), min(length, end)
        if start >= end:
            continue
        if start <= last_end:
            last_end = max(last_end, end)
            continue
        if last_end >= 0:
            merged.append((last_start, last_end))
        last_start, last_end = start, end
    if last_end >= 0:
        merged.append((last_start, last_end))
    return tuple(merged)


def _mask(text: str, spans: Iterable[Span]) -> str:
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            start = pos
        if start >= end:
            continue
        pieces.append(text[pos:start])
        segment = text[start:end]
        if "\n" in segment:
            pieces.append("\n".join(" " * len(line) for line in segment.split("\n")))
        else:
            pieces.append(" " * len(segment))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
