"""HTML pages: recognising them, masking markup and non-prose elements, their blocks and their metadata."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..dates import normalise_date
from .spans import _BLANK_RUN, Span, _Closer, _merge

_RAW_ELEMENTS = "script|style|nav|head|noscript|template|svg|iframe|object|footer|form|select|button"
_ATTRS = r"(?:[^>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}')*"
_RAW_OPEN = re.compile(rf"<(?P<tag>{_RAW_ELEMENTS})\b{_ATTRS}>", re.I)
_ALWAYS_TO_END = frozenset({"script", "style"})
_COMMENT_OPEN = re.compile(r"<!--")
_COMMENT_CLOSE = re.compile(r"-->")
_TAG = re.compile(
    r"<(?:/?[A-Za-z][\w:.-]*(?=[\s/>])(?:[^>\"'<]|\"[^\"]{0,2000}\"|'[^']{0,2000}')*>"
    r"|/?[A-Za-z][\w.+-]*:[^\s<>]{1,2000}>"  # autolinks <https://...>
    r"|[\w.+-]{1,200}@[\w.-]{1,200}>"  # <user@example.org>
    r"|![A-Za-z\[][^<>]{0,2000}>|\?[^<>]{0,2000}\?>)"
)

_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|blockquote|section|article|header|main"
    rf"|aside|figure|figcaption|pre|address|details|summary|caption)\b{_ATTRS}>",
    re.I,
)
_HTML_HEADING = re.compile(rf"<h(?P<level>[1-6])\b{_ATTRS}>", re.I)
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


def is_html(text: str, name: str = "") -> bool:
    """Whether a document is an HTML page (by its name's suffix or its first tag).

    Examples:
        >>> is_html("<!DOCTYPE html><html><body>x</body></html>"), is_html("# Title", "a.md")
        (True, False)
    """
    if name.lower().endswith((".html", ".htm")):
        return True
    return bool(_HTML_START.match(text[:4096]))


def _element_spans(text: str, spans: list[Span]) -> None:
    """Mask comments and the whole of script/style/nav/head/... elements, tags included.

    Scripts and styles left open run to the end of the text (as in a browser, and so that script code
    can never reach the parser); other open elements mask only their opening tag.
    """
    if "<" not in text:
        return
    pos = 0
    comment_closer = _Closer(_COMMENT_CLOSE)
    while True:
        m = _COMMENT_OPEN.search(text, pos)
        if m is None:
            break
        close = comment_closer.search(text, m.end())
        end = close.end() if close else m.end()
        spans.append((m.start(), end))
        pos = end
    pos = 0
    closers: dict[str, _Closer] = {}
    while True:
        m = _RAW_OPEN.search(text, pos)
        if m is None:
            break
        tag = m.group("tag").lower()
        if tag not in closers:
            closers[tag] = _Closer(re.compile(rf"</{tag}\s*>", re.I))
        close = closers[tag].search(text, m.end())
        if close is not None:
            end = close.end()
        elif tag in _ALWAYS_TO_END:
            end = len(text)
        else:
            end = m.end()
        spans.append((m.start(), end))
        if end >= len(text):
            break
        pos = end


def _html_blocks(text: str, masked: str) -> Iterator[Span]:
    """Blocks of an HTML page: text between block-level tags and blank lines; headings left out."""
    separators: list[Span] = [m.span() for m in _HTML_BLOCK_TAG.finditer(text)]
    separators.extend(m.span() for m in _BLANK_RUN.finditer(masked))
    closers: dict[str, _Closer] = {}
    for m in _HTML_HEADING.finditer(text):
        level = m.group("level")
        if level not in closers:
            closers[level] = _Closer(re.compile(rf"</h{level}\s*>", re.I))
        close = closers[level].search(text, m.end())
        separators.append((m.start(), close.end() if close else m.end()))
    pos = 0
    for start, end in _merge(separators, len(text)):
        if start > pos:
            yield pos, start
        pos = max(pos, end)
    if pos < len(text):
        yield pos, len(text)


_TITLE_TAG = re.compile(r"<title\b[^>]{0,2000}>(?P<title>[^<]{0,2000})</title\s*>", re.I)
_META_TAG = re.compile(r"<meta\b(?:[^>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}')*>", re.I)
_TIME_TAG = re.compile(r"<time\b(?:[^>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}')*>", re.I)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+))")
_DATE_META_KEYS = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "parsely-pub-date",
        "sailthru.date",
    }
)
_TITLE_META_KEYS = frozenset({"og:title", "twitter:title"})


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTRIBUTE.finditer(tag)
    }


def _html_metadata(text: str) -> tuple[str | None, str | None, str | None]:
    """Title, date and canonical URL of an HTML page, from <title>, <meta> and <time>."""
    head = text[:500_000]
    title = date = url = None
    m = _TITLE_TAG.search(head)
    if m:
        title = " ".join(html.unescape(m.group("title")).split()) or None
    for tag in _META_TAG.finditer(head):
        attrs = _attributes(tag.group(0))
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content", "")
        if date is None and key in _DATE_META_KEYS:
            date = normalise_date(content)
        elif title is None and key in _TITLE_META_KEYS and content.strip():
            title = " ".join(content.split())
        elif url is None and key == "og:url" and content.strip():
            url = content.strip()
    if date is None:
        for tag in _TIME_TAG.finditer(text):
            value = _attributes(tag.group(0)).get("datetime")
            if value and (date := normalise_date(value)):
                break
    return title, date, url
