"""What the ACLED and GDELT readers share: numbered CSV lines and building an ``Imported``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from gazetteer import Place
from geoevents.model import Event, Location, Report
from geoevents.store import Imported


class RowError(ValueError):
    """One field of a row that cannot be read; the reader adds the line number."""


class NumberedLines:
    """Text lines (newline restored, for ``csv``) that remember the last line number read."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines
        self.last = 0

    def __iter__(self) -> NumberedLines:
        return self

    def __next__(self) -> str:
        self.last, text = next(self._lines)
        return text + "\n"


def coordinate(value: str, name: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{name} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise RowError(f"{name} {number} is outside -{limit:g}..{limit:g}")
    return number


def imported(
    *,
    origin: str,
    row_id: str,
    text: str,
    title: str | None,
    source: str | None,
    published: date | datetime | None,
    event_date: date,
    event_type: str,
    place: Place | None,
    extra: Mapping[str, Any],
) -> Imported:
    """An imported event, located at ``place`` with the precision its kind allows."""
    event = Event(
        report=Report(row_id, text, title=title, published=published, source=source),
        location=Location.of_place(place) if place is not None else None,
        event_date=event_date,
        date_precision="day",
        event_type=event_type,
        confidence=1.0,
    )
    return Imported(event=event, origin=origin, place=place, extra=extra)
