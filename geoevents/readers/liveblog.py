"""The liveblog text format: a three-line header, then one report per non-empty line.

    Line 1  the page title
    Line 2  the publication date, YYYYMMDD
    Line 3  the source URL
    Line 4+ reports, one per line; blank lines are ignored

Each report's id is ``<file stem>:<line number>``, stable for as long as the file is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from geoevents.model import Report
from geoevents.readers.registry import register
from geoevents.readers.source import Source, excerpt

_DATE_LINE = re.compile(r"\d{8}")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
#: The longest line 2 that is taken for a mistyped date ("16 September 2024").
_DATE_LIKE_LENGTH = 24


def looks_like_liveblog(head: list[str]) -> bool:
    """A title, then a YYYYMMDD line or a URL on line 3 under a short line with a digit.

    A header with one flawed line (a date written 2024-03-16, a missing URL) is still a
    liveblog, so the reader names the flaw instead of the file being read as plain text.
    """
    if len(head) < 3 or not head[0].strip():
        return False
    date_line, url_line = head[1].strip(), head[2].strip()
    date_like = len(date_line) <= _DATE_LIKE_LENGTH and any(c.isdigit() for c in date_line)
    return _DATE_LINE.fullmatch(date_line) is not None or (
        date_like and _URL.fullmatch(url_line) is not None
    )


@register("liveblog", extensions=(".txt", ".liveblog"), sniff=looks_like_liveblog)
def read_liveblog(source: Source) -> Iterator[Report]:
    """Reports of a liveblog file, each dated with the page's publication date."""
    title: str | None = None
    published: date | None = None
    url: str | None = None
    last = 0
    for number, line in source.lines():
        last = number
        text = line.strip()
        if number == 1:
            title = text or None
            if title is None:
                source.bad(1, "expected the page title on line 1, found a blank line")
        elif number == 2:
            published = _parse_date(source, text)
        elif number == 3:
            url = text or None
            if url is None or _URL.fullmatch(url) is None:
                source.bad(3, f"expected the source URL on line 3, got {excerpt(text)!r}")
                url = None
        elif text:
            yield Report(id=f"{source.stem}:{number}", text=text, title=title,
                         published=published, source=url)
    if 0 < last < 3:
        source.bad(last + 1, "the file ends inside the header (title, YYYYMMDD date, source URL)")


def _parse_date(source: Source, text: str) -> date | None:
    if _DATE_LINE.fullmatch(text):
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError as exc:
            source.bad(2, f"{text!r} is not a real date: {exc}")
            return None
    source.bad(2, f"expected the publication date as YYYYMMDD on line 2, got {excerpt(text)!r}")
    return None
