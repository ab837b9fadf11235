"""Turn a ``Query`` into a PostgreSQL WHERE clause and ORDER BY, with bound parameters only.

The results match the SQLite store's filters term for term: the same inclusive bbox edges
(checked on the exact coordinates after the GiST index narrows), the same NULL date order,
and the same full-text words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geoevents.query import BBox, Query
from geoevents.store.clause import Clause
from geoevents.store.postgis_schema import TEXT_SEARCH

_WORD = re.compile(r"\w+")
_PIECE = re.compile(r"[^\W_]+")


def tsquery(text: str) -> str | None:
    """Every word of ``text`` as a ``to_tsquery`` operand, all required; None if no words.

    A word is a run of ``\\w`` characters, as the SQLite store splits it; its letter and
    digit pieces must follow each other (``foo_bar`` is the phrase ``foo <-> bar``). Operands
    hold letters and digits only, so user text can never be tsquery syntax.
    """
    terms = []
    for word in _WORD.findall(text):
        pieces = _PIECE.findall(word)
        if pieces:
            terms.append(" <-> ".join(pieces))
    return " & ".join(f"({t})" for t in terms) if terms else None


def bbox_terms(clause: Clause, bbox: BBox, geom: str) -> None:
    """Points inside ``bbox``, edges included.

    ``&&`` lets the GiST index narrow (its bounds are rounded outwards), then the stored
    doubles decide exactly. A bbox with minlon > maxlon crosses the antimeridian.
    """
    minx, miny, maxx, maxy = bbox
    x, y = f"ST_X({geom})", f"ST_Y({geom})"
    box = f"{geom} && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"
    if minx <= maxx:
        clause.add(box, minx, miny, maxx, maxy)
        clause.add(f"{x} BETWEEN %s AND %s", minx, maxx)
    else:  # east of minlon or west of maxlon
        clause.add(f"({box} OR {box})", minx, miny, 180.0, maxy, -180.0, miny, maxx, maxy)
        clause.add(f"({x} >= %s OR {x} <= %s)", minx, maxx)
    clause.add(f"{y} BETWEEN %s AND %s", miny, maxy)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a query's bbox, ``located_only`` and place filters look at.

    ``points`` must all be set for ``located_only``; the first is the one ``bbox`` tests.
    Every other filter is on the event (alias ``e``).
    """

    points: tuple[str, ...]
    place_name: str
    place_id: str


EVENTS = Subject(("e.geom",), "e.place_name", "e.place_id")
#: A toponym's own point; ``located_only`` wants its event located too, as SQLite does.
TOPONYMS = Subject(("t.geom", "e.geom"), "p.name", "t.place_id")


def where(query: Query, subject: Subject) -> Clause:
    """Every filter of ``query`` as one WHERE clause over ``subject``."""
    clause = Clause()
    if query.bbox is not None:
        bbox_terms(clause, query.bbox, subject.points[0])
    if query.start is not None:
        clause.add("e.event_date >= %s", query.start)
    if query.end is not None:
        clause.add("e.event_date <= %s", query.end)
    if query.event_types:
        clause.add("e.event_type = ANY(%s)", storable(query.event_types))
    if query.countries:
        clause.add("e.country_code = ANY(%s)", storable(c.upper() for c in query.countries))
    if query.text:
        words = tsquery(query.text)
        if words is None:
            clause.add("false")
        else:
            clause.add(
                f"e.id IN (SELECT id FROM reports WHERE search @@ to_tsquery('{TEXT_SEARCH}', %s))",
                words,
            )
    if query.located_only:
        for point in subject.points:
            clause.add(f"{point} IS NOT NULL")
    if query.place is not None and not storable([query.place]):
        clause.add("false")
    elif query.place:
        clause.add(
            f"(lower({subject.place_name}) = lower(%s) OR {subject.place_id} = %s)",
            query.place, query.place,
        )
    return clause


def storable(values: Iterable[str]) -> list[str]:
    """The values PostgreSQL text can hold: one with a NUL character matches nothing stored."""
    return [v for v in values if "\x00" not in v]


#: ORDER BY for each ``Query.order``, with SQLite's NULL placement spelt out: undated events
#: first oldest-first and last newest-first (PostgreSQL's own default is the opposite).
_ORDERS = {
    "id": "{last}",
    "date": "{e}.event_date NULLS FIRST, {last}",
    "-date": "{e}.event_date DESC NULLS LAST, {last} DESC",
}


def order_by(query: Query, e: str = "e", tiebreak: str | None = None) -> str:
    return " ORDER BY " + _ORDERS[query.order].format(e=e, last=tiebreak or f"{e}.id")


def page(query: Query) -> tuple[str, list[object]]:
    """LIMIT/OFFSET and its parameters; a NULL limit is no limit."""
    if query.limit is None and not query.offset:
        return "", []
    return " LIMIT %s OFFSET %s", [query.limit, query.offset]
