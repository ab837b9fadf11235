"""When an event happened: the publication date, refined by what the report itself says.

A liveblog line published on Saturday that says "on Friday" describes Friday; "yesterday"
means the day before publication; "on June 23" names the day outright. Dates introduced by
"since", "until" or "next" describe something else and are ignored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from geoevents.model import DatePrecision

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NUMBER = {m[:3]: i for i, m in enumerate(MONTHS, 1)}
_MONTH = r"(?P<{g}>(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{g}>(?:19|20)\d\d))?"

_CUE = re.compile(
    r"\b(?=[0-9mtwfsyjaondl])(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?P<yesterday>yesterday|last\s+night)"
    r"|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))"
    r"|"
    + _MONTH.format(g="m1")
    + r"\s+"
    + _DAY.format(g="d1")
    + r"\b"
    + _YEAR.format(g="y1")
    + r"|"
    + _DAY.format(g="d2")
    + r"\s+(?:of\s+)?"
    + _MONTH.format(g="m2")
    + _YEAR.format(g="y2")
    + r")\b"
)
#: Words just before a date that make it something other than the event's date.
_NOT_EVENT = re.compile(
    r"\b(?:since|until|till|next|by|before|from|through|coming|every)\s+(?:the\s+)?$"
)
_EXPLICIT_INTRO = re.compile(r"\b(?:on|early|late|overnight|as\s+of)\s+(?:the\s+)?$")


def event_date(text: str, published: date | None) -> tuple[date | None, DatePrecision | None]:
    """The event's date and how it was found: ``"day"`` from the text, ``"published"`` otherwise."""
    lowered = text.lower()
    for m in _CUE.finditer(lowered):
        before = lowered[max(0, m.start() - 24) : m.start()]
        if _NOT_EVENT.search(before):
            continue
        found = _resolve(m, published, explicit_ok=bool(_EXPLICIT_INTRO.search(before)))
        if found is not None:
            return found, "day"
    return (published, "published") if published else (None, None)


def _resolve(m: re.Match[str], published: date | None, explicit_ok: bool) -> date | None:
    if m["weekday"]:
        if published is None:
            return None
        back = (published.weekday() - WEEKDAYS.index(m["weekday"])) % 7
        return published - timedelta(days=back)
    if m["yesterday"]:
        return published - timedelta(days=1) if published else None
    if m["today"]:
        return published
    if m["iso"]:
        return _safe_date(int(m["iy"]), int(m["im"]), int(m["id"]))
    if not explicit_ok:
        return None
    month = _MONTH_NUMBER.get((m["m1"] or m["m2"])[:3])
    day = int(m["d1"] or m["d2"])
    year = m["y1"] or m["y2"]
    if month is None:
        return None
    if year:
        return _safe_date(int(year), month, day)
    if published is None:
        return None
    found = _safe_date(published.year, month, day)
    if found and found > published + timedelta(days=7):  # "on December 30" read in January
        found = _safe_date(published.year - 1, month, day)
    return found


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
