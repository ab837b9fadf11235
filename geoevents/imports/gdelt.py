"""GDELT 2.0 event exports: tab-separated, no header, the 61 columns of the event codebook.

The event's location is ``ActionGeo_*``; ``ActionGeo_Type`` says what the point stands for
(1 a country, 2 a US state, 3 a US city, 4 a world city, 5 a world ADM1 region).
CAMEO codes map to canonical event types; the codes stay in the record's ``extra`` fields.
GDELT has no report text, so the text is a short description built from the coded fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime

from gazetteer import Place, country_code_of_fips
from geoevents.imports.rows import RowError, coordinate, imported
from geoevents.readers.registry import register
from geoevents.readers.source import Source
from geoevents.store import Imported

COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
_AT = {name: i for i, name in enumerate(COLUMNS)}

#: ActionGeo_Type -> the kind of place the point stands for.
KIND_OF_GEO_TYPE = {"1": "country", "2": "admin1", "3": "city", "4": "city", "5": "admin1"}

#: CAMEO root codes (the verb classes) and the canonical type each maps to.
ROOT_LABELS = {
    1: "Public statement", 2: "Appeal", 3: "Intent to cooperate", 4: "Consultation",
    5: "Diplomatic cooperation", 6: "Material cooperation", 7: "Aid", 8: "Yielding",
    9: "Investigation", 10: "Demand", 11: "Disapproval", 12: "Rejection", 13: "Threat",
    14: "Protest", 15: "Show of force", 16: "Reduced relations", 17: "Coercion",
    18: "Assault", 19: "Fighting", 20: "Mass violence",
}
ROOT_TYPES = {
    1: "diplomacy", 2: "diplomacy", 3: "diplomacy", 4: "diplomacy", 5: "diplomacy",
    14: "protest", 18: "armed_clash", 19: "armed_clash", 20: "armed_clash",
}
#: Finer CAMEO codes where the verb says how the attack was made.
CODE_TYPES = {
    "194": "shelling",  # fight with artillery and tanks
    "195": "air_strike",  # employ aerial weapons
    "1951": "air_strike",  # precision-guided aerial munitions
    "1952": "drone_strike",  # remotely piloted aerial munitions
}


def looks_like_gdelt(head: list[str]) -> bool:
    """A header-less line of 61 tab-separated fields whose second is a YYYYMMDD date."""
    first = next((line for line in head if line.strip()), "")
    fields = first.split("\t")
    return len(fields) == len(COLUMNS) and len(fields[1]) == 8 and fields[1].isdigit()


@register("gdelt", extensions=(".csv", ".tsv"), sniff=looks_like_gdelt)
def read_gdelt(source: Source) -> Iterator[Imported]:
    """Imported events of a GDELT 2.0 export; a bad line is reported with its number."""
    return source.parse_lines(to_imported, RowError)


def to_imported(line: str) -> Imported:
    """One GDELT line (the 61 fields in codebook order) as an ``Imported`` event."""
    fields = line.split("\t")
    if len(fields) != len(COLUMNS):
        raise RowError(f"expected {len(COLUMNS)} tab-separated columns, found {len(fields)}")

    def get(name: str) -> str:
        return fields[_AT[name]].strip()

    event_id = get("GLOBALEVENTID")
    if not event_id.isdigit():
        raise RowError(f"GLOBALEVENTID {event_id!r} is not a number")
    day = _yyyymmdd(get("SQLDATE"), "SQLDATE")
    code, root = get("EventCode"), _root(get("EventRootCode"))
    label = ROOT_LABELS.get(root, "Event")
    place = _action_place(get)
    named = [a for a in (get("Actor1Name"), get("Actor2Name")) if a]
    actors = " and ".join(named) or "unnamed actors"
    where = f" in {place.name}" if place else ""
    extra = {
        "GLOBALEVENTID": int(event_id),
        "EventCode": code,
        "EventRootCode": get("EventRootCode"),
        "QuadClass": get("QuadClass"),
        "GoldsteinScale": get("GoldsteinScale"),
        "NumMentions": get("NumMentions"),
        "AvgTone": get("AvgTone"),
        "Actor1Name": get("Actor1Name"),
        "Actor2Name": get("Actor2Name"),
        "ActionGeo_Type": get("ActionGeo_Type"),
    }
    return imported(
        origin="gdelt",
        row_id=event_id,
        text=f"{label} (CAMEO {code}) involving {actors}{where}.",
        title=label,
        source=get("SOURCEURL") or None,
        published=_added(get("DATEADDED")) or day,
        event_date=day,
        event_type=CODE_TYPES.get(code) or ROOT_TYPES.get(root, "other"),
        place=place,
        extra=extra,
    )


def _action_place(get: Callable[[str], str]) -> Place | None:
    """The ActionGeo point as a place, or None when GDELT could not locate the event."""
    geo_type = get("ActionGeo_Type")
    if geo_type in ("", "0") and not get("ActionGeo_Lat"):
        return None
    kind = KIND_OF_GEO_TYPE.get(geo_type)
    if kind is None:
        raise RowError(f"ActionGeo_Type {geo_type!r} is not one of 0-5")
    lat = coordinate(get("ActionGeo_Lat"), "ActionGeo_Lat", 90)
    lon = coordinate(get("ActionGeo_Long"), "ActionGeo_Long", 180)
    parts = [p.strip() for p in get("ActionGeo_FullName").split(",") if p.strip()]
    name = parts[0] if parts else get("ActionGeo_FeatureID") or "unnamed"
    admin1 = parts[0] if kind == "admin1" else (parts[-2] if len(parts) >= 3 else None)
    feature = get("ActionGeo_FeatureID") or f"{lat:.4f},{lon:.4f}"
    return Place(
        id=f"gdelt:{feature}",
        name=name,
        kind=kind,
        country_code=country_code_of_fips(get("ActionGeo_CountryCode")),
        admin1=admin1,
        population=0,
        lat=lat,
        lon=lon,
    )


def _root(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _yyyymmdd(text: str, name: str) -> date:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise RowError(f"{name} {text!r} is not a date like 20220625") from None


def _added(text: str) -> datetime | None:
    """DATEADDED (YYYYMMDDHHMMSS, UTC): when GDELT saw the article."""
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S") if text else None
    except ValueError:
        raise RowError(f"DATEADDED {text!r} is not a timestamp like 20220625143000") from None
