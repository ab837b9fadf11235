"""Reports from a request body: JSON (one report, a list, or ``{"reports": [...]}``) or text.

The whole batch is checked before anything is geoparsed or stored, so a bad report
anywhere means a 400 that names it and nothing written.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

import orjson
from starlette.requests import Request

from api.errors import ApiError, BadRequest
from geoevents.errors import InputError
from geoevents.model import Report
from geoevents.readers import Source, detect, get
from geoevents.readers.jsonl import to_report

#: The most reports one request may carry.
MAX_REPORTS = 10_000
_TEXT_NAME = "request"
#: What a text/plain body may be: a liveblog, JSON Lines, else paragraphs of plain text.
_TEXT_FORMATS = ("liveblog", "jsonl", "text")


async def read_reports(request: Request) -> list[Report]:
    """The reports a POST carries, by its Content-Type; any flaw is a 400 or a 415."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in ("application/json", "text/plain"):
        raise ApiError(
            415,
            f"send reports as application/json or text/plain, not {media_type or 'no type'!r}",
        )
    body = await request.body()
    if not body.strip():
        raise BadRequest("the request body is empty")
    reports = _from_json(body) if media_type == "application/json" else _from_text(body)
    if not reports:
        raise BadRequest("the request body holds no reports")
    if len(reports) > MAX_REPORTS:
        raise BadRequest(f"{len(reports)} reports in one request; send at most {MAX_REPORTS}")
    return reports


def _from_json(body: bytes) -> list[Report]:
    try:
        doc = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"the body is not valid JSON: {exc}") from None
    if isinstance(doc, list):
        doc = {"reports": doc}
    if isinstance(doc, dict) and "reports" in doc:
        records = doc["reports"]
        if not isinstance(records, list):
            raise BadRequest('"reports" must be a list of report objects')
        return [_report(record, f"reports[{i}]") for i, record in enumerate(records)]
    return [_report(doc, "the report")]


def _report(record: Any, where: str) -> Report:
    if (
        isinstance(record, dict)
        and record.get("id") is None
        and isinstance(record.get("text"), str)
    ):
        digest = hashlib.sha256(record["text"].strip().encode("utf-8")).hexdigest()
        record = {**record, "id": f"api-{digest[:16]}"}
    try:
        return to_report(record)
    except ValueError as exc:
        raise BadRequest(f"{where}: {exc}") from None


def _from_text(body: bytes) -> list[Report]:
    """Liveblog text (title, date and source lines first) or plain paragraphs."""
    source = Source(io.BytesIO(body), _TEXT_NAME)
    fmt = detect(source)
    if fmt.name not in _TEXT_FORMATS:
        fmt = get("text")
    try:
        return list(fmt.read(source))
    except InputError as exc:
        raise BadRequest(f"line {exc.line}: {exc.message}" if exc.line else exc.message) from None
