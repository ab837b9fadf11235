"""JSON Lines: one report object per line.

    {"id": "a1", "text": "...", "published": "2022-06-25", "source": "https://...", "title": "..."}

``id`` (a string or an integer) and ``text`` are required; ``published`` is an ISO 8601 date
or datetime; other keys are ignored. The report keeps the input's id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from geoevents.model import Report
from geoevents.readers.registry import register
from geoevents.readers.source import Source, excerpt


class _BadRecord(ValueError):
    """A JSON line that parses but is not a report."""


def looks_like_jsonl(head: list[str]) -> bool:
    """The first non-blank line opens a JSON object."""
    first = next((line.strip() for line in head if line.strip()), "")
    return first.startswith("{")


@register("jsonl", extensions=(".jsonl", ".ndjson", ".jsonlines"), sniff=looks_like_jsonl)
def read_jsonl(source: Source) -> Iterator[Report]:
    """Reports of a JSON Lines file; blank lines are ignored."""
    return source.parse_lines(parse_line, _BadRecord)


def parse_line(line: str) -> Report:
    """The report on one JSON line, or ``_BadRecord`` saying what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _BadRecord(f"invalid JSON at column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise _BadRecord("invalid JSON: nested too deeply") from None
    return to_report(record)


def to_report(record: Any) -> Report:
    """A ``Report`` from one decoded JSON object, or ``_BadRecord`` saying what is wrong."""
    if not isinstance(record, dict):
        raise _BadRecord(f"expected a JSON object, got {type(record).__name__}")
    # The text is checked first: it is what every report needs, whatever supplies its id.
    text = _text(record.get("text"))
    _refuse_nul(record)
    return Report(
        id=_id(record.get("id")),
        text=text,
        title=_optional_str(record, "title"),
        published=_published(record.get("published")),
        source=_optional_str(record, "source"),
    )


def _id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _BadRecord(f'"id" must be a string or an integer, got {excerpt(json.dumps(value))}')
    text = str(value).strip()
    if not text:
        raise _BadRecord('"id" is blank')
    return text


def _text(value: Any) -> str:
    if value is None:
        raise _BadRecord('"text" is missing')
    if not isinstance(value, str):
        raise _BadRecord(f'"text" must be a string, got {type(value).__name__}')
    if not value.strip():
        raise _BadRecord('"text" is blank')
    return value


def _refuse_nul(record: dict[str, Any]) -> None:
    """Refuse a ``\\u0000`` escape as a raw NUL is refused: PostgreSQL text cannot hold it."""
    for key in ("id", "text", "title", "source"):
        value = record.get(key)
        if isinstance(value, str) and "\x00" in value:
            at = value.index("\x00") + 1
            raise _BadRecord(f'"{key}" holds a NUL character (\\u0000) at character {at}')


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadRecord(f'"{key}" must be a string, got {type(value).__name__}')
    return value.strip() or None


def _published(value: Any) -> date | datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _BadRecord(f'"published" must be an ISO 8601 date string, got {excerpt(json.dumps(value))}')
    text = value.strip()
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise _BadRecord(
            f'"published" is not an ISO 8601 date or datetime: {excerpt(text)!r}'
        ) from None
