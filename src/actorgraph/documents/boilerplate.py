"""Boilerplate around the article: bylines, share bars, captions, link lists, appeals, dates, references."""

from __future__ import annotations

import re

from ..dates import find_dates
from .markdown import _ATX, _LIST_MARKER
from .spans import _BLANK_RUN, _NON_SPACE, _SP, Span, _line_bounds, _LinePattern

_HEAD_CHARS = 600

_NAME_WORD = r"[A-Z][\w.'’-]*"
_BYLINE = _LinePattern(
    rf"{_SP}*(?:By|BY|Written by|Reporting by|Story by|Words by){_SP}+"
    rf"{_NAME_WORD}(?:{_SP}+(?:{_NAME_WORD}|de|da|van|von|al|el|bin|and|&))*{_SP}*"
    rf"(?:[|•·][^\n]*|,{_SP}*{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,5}}{_SP}*)?$"
)
#: A news dateline opening a paragraph: "WASHINGTON (Reuters) - ", "KYIV, March 3 (AP) — ",
#: "MOSCOW, Oct. 5 -- " (a place in capitals with an agency or a date: "NATO — the alliance ..." is prose).
_DATELINE = _LinePattern(
    rf"{_SP}*[A-Z][A-Z.'’-]+(?:{_SP}[A-Z][A-Z.'’-]+){{0,3}}"
    rf"(?:(?:,{_SP}*[A-Z][A-Za-z.]+(?:{_SP}+[A-Za-z.]+){{0,2}}(?:{_SP}+\d{{1,2}})?(?:,{_SP}*\d{{4}})?)"
    rf"(?:{_SP}*\([A-Za-z .&/-]{{2,40}}\))?|{_SP}*\([A-Za-z .&/-]{{2,40}}\))"
    rf"{_SP}*(?:-{{1,2}}|—|–){_SP}+(?=[A-Z\"“‘'])"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\u00a0]*\n[ \t\r\u00a0]*\Z")
_READING_TIME = _LinePattern(
    rf"{_SP}*\d{{1,3}}{_SP}*(?:m|min|mins|minutes?)\.?(?:{_SP}+read)?{_SP}*(?:[|•·][^\n]*)?$", re.I
)
_CAPTIONS = (
    _LinePattern(
        rf"{_SP}*\(?(?:Photo(?:graph)?|Image|Picture|Illustration|Caption|Credit|Photo credit|Image credit)s?"
        rf"(?:{_SP}+by)?{_SP}*[:|©][^\n]*$"
    ),
    _LinePattern(rf"{_SP}*(?:©|\([cC]\){_SP}|Copyright{_SP})[^\n]{{0,200}}$"),
)
# Agency credits ending a caption line; searched only when one of the names occurs at all.
_CREDIT_LINE = _LinePattern(
    rf"[^\n]{{0,200}}(?:Getty Images|AP Photo[^\n]{{0,60}}|Shutterstock(?:\.com)?)\)?{_SP}*$"
)
_CREDIT_NAMES = ("Getty Images", "AP Photo", "Shutterstock")
_SHARE_LINE = _LinePattern(
    rf"{_SP}*(?:(?:Share(?:{_SP}+(?:this|on|via))?(?:{_SP}+(?:article|story|post|page))?|Tweet|E-?mail"
    r"|Print|Facebook|Twitter|LinkedIn|WhatsApp|Telegram|Reddit|Pinterest|VK|Copy link|Comments?"
    rf"|Advertisement|ADVERTISEMENT|Remind me later|Subscribe(?: now)?|Sign up)(?:{_SP}|[:|•·,/.])*)+$"
)
_READ_MORE_LINE = _LinePattern(
    rf"{_SP}*[*_]{{0,2}}(?:Read more|Read also|Also read|See also|Related|RELATED|READ MORE|MORE)"
    rf"{_SP}*:[^\n]*$"
)
_BOILERPLATE_HEAD = rf"{_SP}*(?:#{{1,6}}{_SP}+)?[*_]{{0,3}}{_SP}*"
_BOILERPLATE_TAIL = rf"{_SP}*[*_]{{0,3}}{_SP}*:?{_SP}*[*_]{{0,3}}{_SP}*$"
_BOILERPLATE_LIST = _LinePattern(
    _BOILERPLATE_HEAD
    + rf"(?i:related(?:{_SP}+(?:posts|articles|stories|news|content|coverage|reading|links))?|read more"
    rf"|read also|also read|see also|more from{_SP}[^\n]{{1,60}}|more on this(?:{_SP}+(?:topic|story))?"
    r"|more stories|you may also like|you might also like"
    rf"|recommended(?:{_SP}+(?:for you|articles|stories))?"
    rf"|popular(?:{_SP}+(?:posts|stories))?|most read|trending(?:{_SP}+now)?"
    rf"|share this(?:{_SP}+(?:article|story|post|page))?|subscribe(?:{_SP}+to{_SP}[^\n]{{1,60}})?"
    rf"|sign up for{_SP}[^\n]{{1,60}}|newsletter|follow us(?:{_SP}+on{_SP}[^\n]{{1,60}})?"
    r"|tags|topics|comments|leave a (?:reply|comment))" + _BOILERPLATE_TAIL
)
_APPEAL = _LinePattern(
    _BOILERPLATE_HEAD
    + rf"(?i:a message from{_SP}[^\n]{{1,80}}|support (?:us|our journalism|independent journalism))"
    + _BOILERPLATE_TAIL
)
_APPEAL_WORDS = re.compile(
    r"(?i:donat|support|subscri|contribut|journalis|dear reader|newsletter|remind me later|thank you)"
)
_REFERENCE_LINE = re.compile(rf"{_SP}*(?:\[\^?\d{{1,3}}\]|\^\d{{1,3}}{_SP}|↑)")
_REFERENCE_HEADING = re.compile(
    rf"{_SP}*(?:#{{1,6}}{_SP}+)?[*_]{{0,2}}(?i:references|notes|sources|footnotes|endnotes|bibliography)"
    rf"[*_]{{0,2}}{_SP}*:?{_SP}*"
)
_DATE_LINE_FILLER = re.compile(
    r"(?i:published|updated|posted|last modified|date)|\b(?:on|at|am|pm|AM|PM|GMT|UTC|MSK|[A-Z]{1,3}T)\b"
    r"|\d{1,2}[:.]\d\d(?:[:.]\d\d)?|[\s|,•·:–—()-]"
)


def _is_short_item(line: str) -> bool:
    """A line that can belong to a list of related links: short, or a list item, or only a link."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) <= 120 and len(stripped.split()) <= 20:
        return True
    return len(stripped) <= 300 and (
        _LIST_MARKER.match(stripped) is not None or stripped.startswith(("[", "<", "http"))
    )


def _paragraph_end(text: str, pos: int) -> int:
    """End of the paragraph (run of non-blank lines) that starts at or after ``pos``."""
    blank = _BLANK_RUN.search(text, pos)
    return blank.start() if blank else len(text)


def _boilerplate_spans(text: str, start: int, spans: list[Span]) -> None:
    """Mask boilerplate: bylines, share bars, captions, "Related posts" lists, donation appeals."""
    for pattern in (_BYLINE, _READING_TIME, *_CAPTIONS, _SHARE_LINE, _READ_MORE_LINE):
        spans.extend(pattern.spans(text, start))
    for line_start, m in _DATELINE.matches(text, start):
        # only where a paragraph opens, not on a wrapped line that happens to start with a capital word
        if line_start == start or _PARAGRAPH_BREAK.search(text, max(start, line_start - 200), line_start):
            spans.append((line_start, m.end()))
    if any(name in text for name in _CREDIT_NAMES):
        spans.extend(_CREDIT_LINE.spans(text, start))
    for line_start, m in _BOILERPLATE_LIST.matches(text, start):
        end = pos = m.end()
        items = scanned = 0
        while pos < len(text) and items < 40 and scanned < 200:
            scanned += 1
            next_start = pos + 1
            next_end = text.find("\n", next_start)
            next_end = len(text) if next_end < 0 else next_end
            line = text[next_start:next_end]
            if _ATX.match(line) or not _is_short_item(line):
                break
            if line.strip():
                items += 1
                end = next_end
            pos = next_end
        spans.append((line_start, end))
    # A donation appeal ("A Message from The Moscow Times:") runs to the end of its paragraph, and on
    # through the following paragraphs while they still read like an appeal.
    pos = start
    while pos < len(text):
        found = next(_APPEAL.matches(text, pos), None)
        if found is None:
            break
        line_start, m = found
        end = _paragraph_end(text, m.end())
        while end < len(text):
            next_text = _NON_SPACE.search(text, end)
            if next_text is None:
                end = len(text)
                break
            following_end = _paragraph_end(text, next_text.start())
            if _ATX.match(text, _line_bounds(text, next_text.start())[0]) or not _APPEAL_WORDS.search(
                text, next_text.start(), following_end
            ):
                break
            end = following_end
        spans.append((line_start, end))
        pos = end


def _reference_list_span(text: str, start: int) -> Span | None:
    """The trailing list of numbered references (``[1] Source, 23.07.2020``), if the text ends with one."""
    pos = len(text)
    first_ref: int | None = None
    while pos > start:
        line_start = max(start, text.rfind("\n", start, pos - 1) + 1)
        line = text[line_start:pos]
        if line.strip():
            if _REFERENCE_LINE.match(line):
                first_ref = line_start
            else:
                if first_ref is not None and _REFERENCE_HEADING.fullmatch(line.rstrip("\n")):
                    first_ref = line_start
                break
        if line_start == start:
            break
        pos = line_start
    return None if first_ref is None else (first_ref, len(text))


def _head_date_line_spans(text: str, start: int, spans: list[Span]) -> None:
    """Mask lines near the top that only state the publication date (``2020-08-31``, ``Updated: ...``)."""
    head_end = min(len(text), start + _HEAD_CHARS)
    pos = start
    while pos < head_end:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if 0 < len(line.strip()) <= 80:
            mentions = [d for d in find_dates(line) if d.granularity == "day"]
            if mentions:
                rest = line
                for mention in reversed(mentions):
                    rest = rest[: mention.start] + rest[mention.end :]
                if not _DATE_LINE_FILLER.sub("", rest):
                    spans.append((pos, end))
        pos = end + 1
