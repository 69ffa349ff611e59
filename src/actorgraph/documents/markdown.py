"""Markdown syntax: the words stay, the markup around them (links, emphasis, headings, tables) is masked."""

from __future__ import annotations

import re

from .spans import _SP, Span, _Closer, _line_bounds, _LinePattern

_FENCE = _LinePattern(rf"{_SP}{{0,3}}(?P<fence>`{{3,}}|~{{3,}})[^\n]*$")
_LINKED_IMAGE = re.compile(r"\[!\[[^\[\]\n]{0,1000}\]\([^()\n]{0,2000}\)\]\([^()\n]{0,2000}\)")
_URL_PART = (
    rf"\((?:[^()\s]|\([^()\s]{{0,500}}\)){{0,2000}}"
    rf"(?:{_SP}+(?:\"[^\"\n]{{0,500}}\"|'[^'\n]{{0,500}}'))?{_SP}*\)"
)
_IMAGE = re.compile(rf"!\[[^\[\]\n]{{0,1000}}\](?:{_URL_PART}|\[[^\[\]\n]{{0,200}}\])")
_LINK = re.compile(rf"\[(?P<text>[^\[\]\n]{{0,1000}})(?P<tail>\](?:{_URL_PART}|\[[^\[\]\n]{{0,200}}\]))")
_LINK_DEF = _LinePattern(rf"{_SP}{{0,3}}\[[^\[\]\n]{{1,200}}\]:[^\n]*$")

_EMPHASIS_CHAR = re.compile(r"[`*]")
_UNDERSCORES = re.compile(r"_+")
_ATX = _LinePattern(rf"{_SP}{{0,3}}(?P<marks>#{{1,6}})(?={_SP}|$)")
_BLOCKQUOTE = _LinePattern(rf"{_SP}{{0,3}}(?:>{_SP}?)+")
_LIST_MARKER = _LinePattern(rf"{_SP}*(?:[-+*•▪◦‣]|\d{{1,3}}[.)])(?={_SP}+\S)")
_RULE = _LinePattern(rf"{_SP}{{0,3}}(?:[-*_=]{_SP}*){{3,}}$")
_TABLE_SEPARATOR = _LinePattern(rf"{_SP}*\|?(?:{_SP}*:?-{{3,}}:?{_SP}*\|)+(?:{_SP}*:?-{{3,}}:?{_SP}*)?$")
_PIPE = re.compile(r"\|")
_FOOTNOTE = re.compile(
    rf"\[\^?\d{{1,3}}(?:[,–-]{_SP}*\d{{1,3}}){{0,20}}\](?![(\[:])"
    r"|\[\^[^\[\]\s]{1,40}\](?![(\[])"
    r"|\[(?:citation needed|edit|clarification needed|according to whom\?|when\?|who\?)\]"
)
_CARET_FOOTNOTE = re.compile(r"\^\d{1,3}\b")
_CARET_AFTER = frozenset(".,;:!?\"”’')]")


def _fence_spans(text: str, spans: list[Span]) -> None:
    """Mask fenced code blocks; an unclosed fence masks only its own line."""
    if "```" not in text and "~~~" not in text:
        return
    pos = 0
    closers: dict[str, _Closer] = {}
    while pos < len(text):
        found = next(_FENCE.matches(text, pos), None)
        if found is None:
            return
        line_start, m = found
        fence = m.group("fence")
        if fence not in closers:
            pattern = rf"^{_SP}{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}{_SP}*$"
            closers[fence] = _Closer(re.compile(pattern, re.M))
        close = closers[fence].search(text, m.end())
        end = close.end() if close is not None else m.end()
        spans.append((line_start, end))
        pos = _line_bounds(text, end)[1] + 1 if end < len(text) else len(text)


def _markdown_spans(text: str, spans: list[Span]) -> None:
    """Markdown syntax: keep the words, mask the markup around them.

    Each scan is skipped when its key character does not occur at all, which is the common case for
    plain scraped text.
    """
    _fence_spans(text, spans)
    if "[" in text:
        spans.extend(m.span() for m in _LINKED_IMAGE.finditer(text))
        spans.extend(m.span() for m in _IMAGE.finditer(text))
        for m in _LINK.finditer(text):
            if m.start() > 0 and text[m.start() - 1] == "!":
                continue  # an image, masked whole above
            spans.append((m.start(), m.start("text")))
            spans.append(m.span("tail"))
        spans.extend(_LINK_DEF.spans(text))
        spans.extend(m.span() for m in _FOOTNOTE.finditer(text))
    if "^" in text:
        for m in _CARET_FOOTNOTE.finditer(text):
            before = text[m.start() - 1] if m.start() else " "
            if before.isalnum() or before in _CARET_AFTER:  # "said.^1", "Turkey^2"; not "2 ^ 3"
                spans.append(m.span())
    if "`" in text or "*" in text:
        spans.extend(m.span() for m in _EMPHASIS_CHAR.finditer(text))
    if "~~" in text:
        spans.extend(m.span() for m in re.finditer("~~", text))
    if "_" in text:
        for m in _UNDERSCORES.finditer(text):
            start, end = m.span()
            inside_word = start > 0 and text[start - 1].isalnum() and end < len(text) and text[end].isalnum()
            if not inside_word:  # snake_case stays, _emphasis_ goes
                spans.append((start, end))
    if "#" in text:
        for line_start, m in _ATX.matches(text):
            spans.append((line_start, m.end()))
            line_end = text.find("\n", m.end())
            content = text[m.end() : len(text) if line_end < 0 else line_end].rstrip()
            before = content.rstrip("#")
            if len(before) < len(content) and (not before or before[-1] in " \t"):
                spans.append((m.end() + len(before), m.end() + len(content)))  # closing "##"
    if ">" in text:
        spans.extend(_BLOCKQUOTE.spans(text))
    spans.extend(_LIST_MARKER.spans(text))
    spans.extend(_RULE.spans(text))
    if "|" in text:
        spans.extend(_TABLE_SEPARATOR.spans(text))
        # Table rows: lines starting with "|" or holding two or more; lone pipes ("10 m. | date") stay.
        line_start, line_end = -1, -1
        pipes: list[int] = []
        for m in _PIPE.finditer(text):
            if m.start() >= line_end:
                if len(pipes) >= 2 or (pipes and not text[line_start : pipes[0]].strip()):
                    spans.extend((i, i + 1) for i in pipes)
                line_start, line_end = _line_bounds(text, m.start())
                pipes = []
            pipes.append(m.start())
        if len(pipes) >= 2 or (pipes and not text[line_start : pipes[0]].strip()):
            spans.extend((i, i + 1) for i in pipes)
