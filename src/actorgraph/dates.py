"""Date expressions in English news text, resolved against a reference date (pure, no spaCy).

Assertions carry the date of the event a sentence speaks of, so the graph can be cut by time ("who supported
whom in July 2020"). News text names dates in many shapes ("On March 3", "13 July", "July 23, 2020",
"Sept. 4", "23.07.2020", "2020-07-17", "last Tuesday", "in 2015"); most omit the year, so every expression
is resolved against a reference date, normally the document's publication date.

Design choices:

* Month and weekday names must be capitalised (``March``, ``MARCH``): lower-case "march", "may" or
  "sun" are far more often verbs or nouns than dates in news text.
* A year on its own counts only after "in", "since", "by", "of", "until" (and a few more) or in
  parentheses, and never when it is followed by a lower-case noun ("a force of 2000 troops").
* Ambiguous slashed dates (``03/04/2020``) are ignored: a wrong month is worse than no date.
* An expression that needs a reference year (``July 23``, ``last Tuesday``) is dropped when there is none.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "DateMention",
    "Granularity",
    "document_date_from_head",
    "event_date",
    "find_dates",
    "normalise_date",
]

Granularity = Literal["day", "month", "year"]

#: How far past the reference date a year-less day or month may lie before the previous year is assumed.
_FUTURE_SLACK = _dt.timedelta(days=62)
_MIN_YEAR = 1900
_MAX_YEAR = 2099

_MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


def _cased_alternation(words: list[str]) -> str:
    """Regex alternation accepting each word Title-cased or upper-cased (never lower-case)."""
    forms: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        forms.extend([word.capitalize(), word.upper()])
    return "|".join(forms)


_MONTH = rf"(?P<month>{_cased_alternation(list(_MONTHS))})(?![a-zA-Z])\.?"
_WEEKDAY = rf"(?P<weekday>{_cased_alternation(list(_WEEKDAYS))})(?![a-zA-Z])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])(?!,\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"

# Each pattern names its groups; ``_resolve`` turns a match into a mention. Order does not matter: overlaps
# are resolved by keeping the earliest, then the longest match.
_PATTERNS: dict[str, re.Pattern[str]] = {
    # 2020-07-17, 2020/07/17, 2020-07-17T10:00:00Z
    "iso": re.compile(r"(?<![\d.-])(?P<year>(?:19|20)\d\d)[-/](?P<mnum>[01]\d)[-/](?P<day>[0-3]\d)(?!\d)"),
    # 17.07.2020, 7.7.2020 (day first, as written in Europe and much of the region's press)
    "dotted": re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d])"),
    # 17/07/2020 only when unambiguous (one of the first two numbers is above 12)
    "slashed": re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?!\d)"),
    # July 23, 2020 / Sept. 4 / On March 3
    "month_day": re.compile(rf"(?<![\w-]){_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"),
    # 13 July / 23 July 2020 / 4th of July
    "day_month": re.compile(rf"(?<![\w.,-]){_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
    # November 2020 / Nov. 2020
    "month_year": re.compile(rf"(?<![\w-]){_MONTH},?\s+{_YEAR}"),
    # in July / since early July / mid-July (year from the reference)
    "month_only": re.compile(
        rf"(?i:\b(?:in|during|since|until|till|by|from|through|early|mid|late|end\s+of|beginning\s+of)"
        rf"(?:\s+(?:early|mid|late))?)[\s-]+{_MONTH}(?!\s*\d)"
    ),
    # in 2015 / since 2004 / (2015)
    "year": re.compile(
        rf"(?i:\b(?:in|since|by|of|until|till|during|from|through)(?:\s+(?:early|mid|late))?)[\s-]+{_YEAR}"
        r"(?![-/.]\d)"
        r"|\((?P<pyear>(?:19|20)\d\d)\)"
    ),
    # yesterday / today / tomorrow / earlier that day
    "relative_day": re.compile(
        r"\b(?P<rel>(?i:yesterday|today|tomorrow)|(?i:earlier|later)\s+(?:that|the\s+same|this)\s+day)\b"
    ),
    # on Monday / last Tuesday / next Friday / Monday
    "weekday": re.compile(rf"(?:\b(?P<which>(?i:last|past|this|next|on|previous))\s+)?{_WEEKDAY}"),
    # last month / this year
    "relative_period": re.compile(
        r"\b(?P<which>(?i:last|this|past|previous|next))\s+(?P<period>month|year)\b(?!\s+(?:of|and)\b)"
    ),
}

# Lower-case words that may follow a year ("in 2015 the war ..."); any other lower-case word after a bare
# year suggests a count ("of 2000 troops") and the number is not taken as a year.
_YEAR_FOLLOWERS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "when",
        "as",
        "after",
        "before",
        "while",
        "with",
        "to",
        "for",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "his",
        "her",
        "their",
        "this",
        "that",
        "there",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "did",
        "not",
        "no",
        "at",
        "on",
        "in",
        "by",
        "from",
        "of",
        "until",
        "since",
        "during",
        "amid",
    ]
)
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text, with its resolved ISO value.

    ``iso`` is ``YYYY-MM-DD`` for day granularity, ``YYYY-MM`` for month and ``YYYY`` for year; ``start``
    and ``end`` are offsets into the searched text.
    """

    start: int
    end: int
    text: str
    iso: str
    granularity: Granularity


def _parse_ref(ref: str | None) -> tuple[_dt.date | None, int | None, int | None]:
    """Split a reference ISO string into (full date, year, month), any of which may be unknown."""
    if not ref:
        return None, None, None
    m = re.match(r"\s*((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", ref)
    if not m:
        return None, None, None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    if month is not None and not 1 <= month <= 12:
        return None, year, None
    if month is not None and m.group(3):
        try:
            return _dt.date(year, month, int(m.group(3))), year, month
        except ValueError:
            return None, year, month
    return None, year, month


def _year_for(month: int, day: int | None, ref: str | None) -> int | None:
    """Choose the year of a year-less day or month.

    The reference year, or the previous one if that would put the date more than about two months after
    the reference date (an article of 10 January that says "on Dec. 20" means last December).
    """
    ref_date, ref_year, ref_month = _parse_ref(ref)
    if ref_year is None:
        return None
    if ref_date is None:
        if ref_month is not None and month > ref_month + 2:
            return ref_year - 1
        return ref_year
    try:
        candidate = _dt.date(ref_year, month, day or 1)
    except ValueError:
        # 29 February in a non-leap reference year: try the previous year directly.
        return ref_year - 1 if day == 29 and month == 2 else None
    if candidate - ref_date > _FUTURE_SLACK:
        return ref_year - 1
    return ref_year


def _day_iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _year_ok(year: int) -> bool:
    return _MIN_YEAR <= year <= _MAX_YEAR


def _resolve(kind: str, m: re.Match[str], text: str, ref: str | None) -> tuple[str, Granularity] | None:
    """Turn one pattern match into (iso, granularity), or None when it is not a usable date."""
    g = m.groupdict()
    if kind in ("iso", "dotted"):
        return _wrap_day(_day_iso(int(g["year"]), int(g["mnum"]), int(g["day"])))
    if kind == "slashed":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        if a > 12 >= b:
            return _wrap_day(_day_iso(year, b, a))
        if b > 12 >= a:
            return _wrap_day(_day_iso(year, a, b))
        return None
    if kind in ("month_day", "day_month"):
        month, day = _month_number(g["month"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        day_year = int(g["year"]) if g.get("year") else _year_for(month, day, ref)
        return None if day_year is None else _wrap_day(_day_iso(day_year, month, day))
    if kind == "month_year":
        year = int(g["year"])
        return (f"{year:04d}-{_month_number(g['month']):02d}", "month") if _year_ok(year) else None
    if kind == "month_only":
        month = _month_number(g["month"])
        year_or_none = _year_for(month, None, ref)
        return None if year_or_none is None else (f"{year_or_none:04d}-{month:02d}", "month")
    if kind == "year":
        return _resolve_year(m, text)
    return _resolve_relative(kind, g, ref)


def _wrap_day(iso: str | None) -> tuple[str, Granularity] | None:
    return None if iso is None else (iso, "day")


def _resolve_year(m: re.Match[str], text: str) -> tuple[str, Granularity] | None:
    if m.group("pyear"):
        year = int(m.group("pyear"))
    else:
        year = int(m.group("year"))
        after = _NEXT_WORD.match(text, m.end())
        if after and after.group(1) not in _YEAR_FOLLOWERS:
            return None  # "of 2000 troops", "by 1500 units": a count, not a year
    return (f"{year:04d}", "year") if _year_ok(year) else None


def _resolve_relative(kind: str, g: dict[str, str | None], ref: str | None) -> tuple[str, Granularity] | None:
    ref_date, ref_year, ref_month = _parse_ref(ref)
    if kind == "relative_day":
        if ref_date is None:
            return None
        rel = (g["rel"] or "").lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(rel, 0)
        return (ref_date + _dt.timedelta(days=shift)).isoformat(), "day"
    if kind == "weekday":
        if ref_date is None:
            return None
        target = _WEEKDAYS[(g["weekday"] or "").lower()]
        which = (g["which"] or "").lower()
        back = (ref_date.weekday() - target) % 7
        if which == "next":
            ahead = (target - ref_date.weekday()) % 7 or 7
            return (ref_date + _dt.timedelta(days=ahead)).isoformat(), "day"
        if which in ("last", "past", "previous") and back == 0:
            back = 7  # "last Tuesday" said on a Tuesday is a week ago
        return (ref_date - _dt.timedelta(days=back)).isoformat(), "day"
    if kind == "relative_period":
        if ref_year is None:
            return None
        which, period = (g["which"] or "").lower(), g["period"]
        delta = {"last": -1, "past": -1, "previous": -1, "next": 1}.get(which, 0)
        if period == "year":
            return f"{ref_year + delta:04d}", "year"
        if ref_month is None:
            return None
        index = ref_year * 12 + (ref_month - 1) + delta
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return None


def find_dates(text: str, ref: str | None = None) -> list[DateMention]:
    """Find the date expressions in ``text`` and resolve them against the reference date ``ref``.

    Args:
        text: Any text; a sentence or a whole document.
        ref: The reference date as ISO ``YYYY-MM-DD`` (``YYYY-MM`` or ``YYYY`` resolve less), usually
            the document's date. Without it, expressions that need a year (``July 23``, ``yesterday``) are
            dropped, because a guessed year would silently misplace events.

    Returns:
        Non-overlapping mentions in text order (the earliest, then longest, match wins an overlap).

    Examples:
        >>> [d.iso for d in find_dates("On July 23, 2020 and on 13 July, talks resumed.", "2020-08-31")]
        ['2020-07-23', '2020-07-13']
        >>> [(d.text, d.iso) for d in find_dates("Clashes began in November 2020, not in 2015.")]
        [('November 2020', '2020-11'), ('in 2015', '2015')]
        >>> [d.iso for d in find_dates("Ankara sent 5,000 troops and a force of 2000 men.")]
        []
        >>> [d.iso for d in find_dates("Lavrov called Cavusoglu on Monday and yesterday.", "2020-07-16")]
        ['2020-07-13', '2020-07-15']
        >>> [d.iso for d in find_dates("On Dec. 20 the talks ended.", "2021-01-10")]
        ['2020-12-20']
    """
    found: list[tuple[int, int, str, Granularity]] = []
    for kind, pattern in _PATTERNS.items():
        for m in pattern.finditer(text):
            resolved = _resolve(kind, m, text, ref)
            if resolved is not None:
                found.append((m.start(), m.end(), resolved[0], resolved[1]))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, iso, granularity in found:
        if start < last_end:
            continue
        mentions.append(DateMention(start, end, text[start:end], iso, granularity))
        last_end = end
    return mentions


def event_date(sentence: str, ref: str | None = None) -> str | None:
    """Return the date a sentence speaks of, falling back to the reference date.

    The first day-granularity date wins, else the first month, else the first year: a precise date is
    the best evidence of when the event happened, even if a vaguer one comes first in the sentence.

    Args:
        sentence: The sentence text.
        ref: The document date (ISO), used both to resolve year-less dates and as the fallback.

    Returns:
        ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``ref`` when the sentence has no date; None without either.

    Examples:
        >>> event_date("In July 2020, on July 12, Armenia and Azerbaijan clashed.", "2020-08-31")
        '2020-07-12'
        >>> event_date("In July 2020 the border flared up.", "2020-08-31")
        '2020-07'
        >>> event_date("Turkey supports Azerbaijan.", "2020-08-31")
        '2020-08-31'
        >>> event_date("Turkey supports Azerbaijan.", None) is None
        True
    """
    mentions = find_dates(sentence, ref)
    for granularity in ("day", "month", "year"):
        for mention in mentions:
            if mention.granularity == granularity:
                return mention.iso
    return ref or None


_HEAD_CHARS = 600
_LINE = re.compile(r"[^\n]*")


def document_date_from_head(text: str) -> str | None:
    r"""Find a document's publication date in its first ~600 characters.

    A full date alone on a short line (``2020-08-31``, ``10 m. | 2020-08-31``, ``August 31, 2020``,
    ``31.08.2020``) is taken first, since that is how scraped pages show the publication date; else the
    first full date with an explicit year in the head. Year-less and month-only dates are never taken:
    they are more likely to be event dates than the publication date.

    Args:
        text: The document text (after any front matter).

    Returns:
        The date as ``YYYY-MM-DD``, or None.

    Examples:
        >>> document_date_from_head("Russian-Turkish relations\n\n10 m.   |  2020-08-31\n\nIn July 2020.")
        '2020-08-31'
        >>> document_date_from_head("Published August 31, 2020\nText.")
        '2020-08-31'
        >>> document_date_from_head("On Oct. 14, Erdogan called Putin.") is None
        True
    """
    head = text[:_HEAD_CHARS]
    first_any: str | None = None
    for line in _LINE.finditer(head):
        content = line.group(0)
        for mention in find_dates(content):
            if mention.granularity != "day":
                continue
            if len(content.strip()) <= 60:
                return mention.iso
            if first_any is None:
                first_any = mention.iso
    return first_any


def normalise_date(value: object) -> str | None:
    """Normalise a front-matter date (a YAML date, datetime, year number or string) to ISO.

    Args:
        value: What YAML produced for ``date:``.

    Returns:
        ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY`` when only that much is given), or None if it is not a date.

    Examples:
        >>> normalise_date(_dt.date(2020, 8, 31))
        '2020-08-31'
        >>> normalise_date("2020-08-31T10:00:00Z"), normalise_date("31.08.2020")
        ('2020-08-31', '2020-08-31')
        >>> normalise_date("August 31, 2020")
        '2020-08-31'
        >>> normalise_date("2020-08"), normalise_date(2020), normalise_date("soon")
        ('2020-08', '2020', None)
    """
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"{value:04d}" if _year_ok(value) else None
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-([01]\d)(?:-([0-3]\d))?)?(?:[T ].*)?", stripped)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        if day:
            return _day_iso(int(year), int(month), int(day))
        if month:
            return f"{year}-{month}" if 1 <= int(month) <= 12 else None
        return year
    for mention in find_dates(stripped):
        if mention.granularity == "day":
            return mention.iso
    mentions = find_dates(stripped)
    return mentions[0].iso if mentions else None
