"""White House releases written for the tests: their publisher makes "we" and "the President" the US."""

from __future__ import annotations


def release(title: str, date: str, body: str) -> str:
    """A release's text: its title, date and a whitehouse.gov source, then the body."""
    url = f"https://www.whitehouse.gov/briefing-room/statements-releases/{date.replace('-', '/')}/release/"
    return f"---\ntitle: \"{title}\"\ndate: '{date}'\nsource_url: {url}\n---\n\n{body}"
