"""Turn a ``Query`` into an SQLite WHERE clause and ORDER BY, with bound parameters only."""

from __future__ import annotations

import re

from geoevents.query import BBox, Query
from geoevents.store.clause import Clause

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_phrase(text: str) -> str | None:
    """Every word of ``text`` as a quoted FTS5 term: user text can never be FTS syntax."""
    words = _WORD.findall(text)
    return " ".join(f'"{w}"' for w in words) if words else None


def bbox_terms(clause: Clause, bbox: BBox, alias: str, rtree: str) -> None:
    """Points inside ``bbox``: the R-tree narrows, the exact coordinates decide.

    The R-tree keeps 32-bit bounds rounded outwards, so it is searched by overlap (never
    losing a point on the edge) and the stored doubles are checked exactly afterwards.
    A bbox with minlon > maxlon crosses the antimeridian and is two longitude ranges.
    """
    minx, miny, maxx, maxy = bbox
    ranges = [(minx, maxx)] if minx <= maxx else [(minx, 180.0), (-180.0, maxx)]
    probe = " UNION ".join(
        f"SELECT id FROM {rtree} WHERE maxlon >= ? AND minlon <= ? AND maxlat >= ? AND minlat <= ?"
        for _ in ranges
    )
    params: list[object] = []
    for lo, hi in ranges:
        params += [lo, hi, miny, maxy]
    clause.add(f"{alias}.id IN ({probe})", *params)
    clause.add(f"{alias}.lat BETWEEN ? AND ?", miny, maxy)
    if minx <= maxx:
        clause.add(f"{alias}.lon BETWEEN ? AND ?", minx, maxx)
    else:
        clause.add(f"({alias}.lon >= ? OR {alias}.lon <= ?)", minx, maxx)


def event_terms(query: Query, clause: Clause, e: str = "e", *, point: str = "e") -> None:
    """Filters on the event (all but bbox and place); ``located_only`` asks it of ``point``."""
    if query.start is not None:
        clause.add(f"{e}.event_date >= ?", query.start.isoformat())
    if query.end is not None:
        clause.add(f"{e}.event_date <= ?", query.end.isoformat())
    if query.event_types:
        marks = ",".join("?" * len(query.event_types))
        clause.add(f"{e}.event_type IN ({marks})", *query.event_types)
    if query.countries:
        marks = ",".join("?" * len(query.countries))
        clause.add(f"{e}.country_code IN ({marks})", *(c.upper() for c in query.countries))
    if query.text:
        phrase = fts_phrase(query.text)
        if phrase is None:
            clause.add("0")
        else:
            matching = "SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?"
            clause.add(f"{e}.id IN ({matching})", phrase)
    if query.located_only:
        clause.add(f"{point}.lat IS NOT NULL")


def place_terms(query: Query, clause: Clause, id_col: str) -> None:
    """The place by name (any case) or id, looked up in the small places table first."""
    if query.place:
        clause.add(
            f"{id_col} IN (SELECT id FROM places WHERE name = ? COLLATE NOCASE OR id = ?)",
            query.place,
            query.place,
        )


def order_by(query: Query, e: str = "e", tiebreak: str | None = None) -> str:
    """The ORDER BY for ``query.order``; NULL dates sort first ascending and last descending."""
    last = tiebreak or f"{e}.id"
    if query.order == "id":
        return f" ORDER BY {last}"
    if query.order == "date":
        return f" ORDER BY {e}.event_date, {last}"
    return f" ORDER BY {e}.event_date DESC, {last} DESC"


def paging(query: Query) -> tuple[str, list[object]]:
    if query.limit is None and not query.offset:
        return "", []
    return " LIMIT ? OFFSET ?", [-1 if query.limit is None else query.limit, query.offset]
