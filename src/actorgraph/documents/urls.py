"""Bare URLs and e-mail addresses, masked in every kind of document."""

from __future__ import annotations

import re

from .spans import Span

# URLs are found from literal markers (str.find runs at memchr speed, a regex alternation does not).
_URL_MARKERS = ("://", "www.", "WWW.", "mailto:", "Mailto:", "MAILTO:", "javascript:", "JavaScript:", "data:")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,19}$")
_URL_REST = re.compile(r"[^\s<>\"'“”‘’\[\]{}|\\^`]*")
_URL_TRAILING = ".,;:!?*_"
_EMAIL_DOMAIN = re.compile(r"[\w-]{1,200}(?:\.[\w-]{1,200})+")
_EMAIL_LOCAL = re.compile(r"[\w.+-]{1,200}$")


def _url_spans(text: str, spans: list[Span]) -> None:
    """Mask bare URLs (``https://...``, ``www.``, ``mailto:``, ``javascript:``) and e-mail addresses."""
    at = text.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(text, max(0, at - 200), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if local is not None and domain is not None:
            spans.append((local.start(), domain.end()))
        at = text.find("@", at + 1)
    starts: list[int] = []
    for marker in _URL_MARKERS:
        index = text.find(marker)
        while index >= 0:
            if marker == "://":
                scheme = _URL_SCHEME.search(text, max(0, index - 20), index)
                if scheme is not None:
                    starts.append(scheme.start())
            elif not marker.startswith(("mailto", "Mailto", "MAILTO", "java", "Java", "data")) or (
                index + len(marker) < len(text) and not text[index + len(marker)].isspace()
            ):
                starts.append(index)
            index = text.find(marker, index + len(marker))
    covered = -1
    for start in sorted(starts):
        if start < covered or (start > 0 and text[start - 1].isalnum()):
            continue  # inside a URL already masked, or "kwww." / "metadata:" (not a URL start)
        rest = _URL_REST.match(text, start)
        url = text[start : rest.end() if rest else start]
        while url and (url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if len(url) > 7 or (len(url) > 4 and not url.endswith(":")):
            spans.append((start, start + len(url)))
            covered = start + len(url)
