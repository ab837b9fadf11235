"""The columnar event blocks embedded in map pages: compact, lossless where they promise."""

from __future__ import annotations

from datetime import date

from maps.payload import COORD_SCALE, PRECISIONS, clip, decode, encode
from tests.maps.html_support import record


def _blocks(records, **options):
    payload = encode(records, **options)
    return payload, decode(payload.core), decode(payload.texts)


def test_columns_restore_ids_coordinates_dates_and_types():
    records = [
        record(event_id=10, lat=50.45466, lon=30.5238, place="Kyiv", event_type="missile_strike",
               day=date(2022, 6, 20)),
        record(event_id=11, lat=-18.14161, lon=178.44149, place="Suva", event_type="disaster",
               day=None),
        record(event_id=15, event_type="sabotage"),
    ]
    payload, core, _ = _blocks(records)
    ev, places = core["events"], core["places"]
    ids, total = [], 0
    for delta in ev["id"]:
        total += delta
        ids.append(total)
    assert ids == [10, 11, 15]
    first = ev["place"][0]
    assert (places["lat"][first] / COORD_SCALE, places["lon"][first] / COORD_SCALE) == (
        50.45466, 30.5238)
    assert core["names"][places["name"][ev["place"][1]]] == "Suva"
    assert ev["day"][:2] == [(date(2022, 6, 20) - date(1970, 1, 1)).days, -1]
    # Built-in types first in legend order, user-defined ones after.
    assert payload.types == ("missile_strike", "disaster", "sabotage")
    assert [payload.types[t] for t in ev["type"]] == ["missile_strike", "disaster", "sabotage"]


def test_report_text_travels_apart_from_what_the_map_draws():
    _, core, texts = _blocks([record("Sirens sounded over the port.", title="Alert",
                                     source="https://example.org/a")])
    assert "Sirens" not in str(core)
    strings = texts["strings"]
    assert [strings[texts["events"][key][0]] for key in ("text", "title", "source")] == [
        "Sirens sounded over the port.", "Alert", "https://example.org/a"]


def test_repeated_text_places_and_sources_are_stored_once():
    payload, core, texts = _blocks([record("The same line, syndicated.") for _ in range(50)])
    assert payload.events == 50
    assert texts["strings"].count("The same line, syndicated.") == 1
    assert len(core["places"]["name"]) == 1
    assert set(texts["events"]["text"]) == {texts["strings"].index("The same line, syndicated.")}


def test_unlocated_events_are_counted_not_drawn():
    payload, core, texts = _blocks([record(), record(lat=None, lon=None, place=None)])
    assert (payload.events, payload.unlocated) == (1, 1)
    assert len(core["events"]["type"]) == len(texts["events"]["text"]) == 1


def test_long_reports_are_cut_at_a_word_and_flagged():
    long_text = "Artillery fire " * 40
    _, _, texts = _blocks([record(long_text), record("Short.")], text_limit=60)
    kept = texts["strings"][texts["events"]["text"][0]]
    assert len(kept) <= 60 and kept.endswith("\u2026") and "Artill\u2026" not in kept
    assert texts["events"]["text"][0] in texts["cut"]
    assert texts["events"]["text"][1] not in texts["cut"]


def test_text_limit_zero_keeps_whole_reports():
    long_text = "word " * 500
    _, _, texts = _blocks([record(long_text)], text_limit=0)
    assert texts["strings"][texts["events"]["text"][0]] == long_text.strip()
    assert texts["cut"] == []


def test_clip_keeps_line_breaks_and_reports_cuts():
    assert clip("  first line\nsecond  ", 40) == ("first line\nsecond", False)
    assert clip("one two three four five six", 12) == ("one two\u2026", True)
    assert clip("one two,\nthree four five six", 14) == ("one two\u2026", True)


def test_country_level_events_name_their_countries_for_area_circles():
    payload, core, _ = _blocks([record(precision="country", country="UA"),
                                record(precision="sea", country=None), record(precision="bogus")])
    assert payload.countries == ("UA",)
    assert [PRECISIONS[p] for p in core["events"]["precision"]] == ["country", "sea", "city"]
