"""Store behaviour every back-end must share: writes, identity, and each query filter."""

from __future__ import annotations

from datetime import date

import pytest

from geoevents.errors import QueryError
from geoevents.query import Query
from geoevents.store import Store, open_store
from tests.store.samples import DESNA, EVENTS, KYIV, SUVA, acled_row, geoparsed


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(EVENTS)
    return store


def report_ids(store: Store, query: Query) -> list[str]:
    return [e.report_id for e in store.events(query)]


def test_add_returns_ids_in_input_order_and_reads_back_every_field(store):
    result = store.add(EVENTS)
    assert (result.stored, result.duplicates) == (len(EVENTS), 0)
    assert len(set(result.ids)) == len(EVENTS)
    desna = store.event(result.ids[2])
    assert (desna.report_id, desna.place_name, desna.country_code) == ("r3", "Desna", "UA")
    assert (desna.lat, desna.lon) == (DESNA.lat, DESNA.lon)
    assert desna.admin1 == "Chernihiv"
    assert (desna.event_type, desna.event_date, desna.precision) == (
        "shelling", date(2022, 6, 25), "city")
    assert desna.published == date(2022, 6, 25)
    assert desna.origin == "geoparse"
    unlocated = store.event(result.ids[7])
    assert not unlocated.located and unlocated.event_type == "air_strike"


def test_adding_the_same_reports_again_stores_nothing_and_keeps_ids(store):
    first = store.add(EVENTS)
    again = store.add(reversed(EVENTS))
    assert (again.stored, again.duplicates) == (0, len(EVENTS))
    assert again.ids == tuple(reversed(first.ids))
    assert store.count(Query()) == len(EVENTS)
    assert store.count_toponyms(Query()) == 9


def test_a_report_twice_in_one_batch_is_stored_once(store):
    result = store.add([EVENTS[0], EVENTS[1], EVENTS[0]])
    assert (result.stored, result.duplicates) == (2, 1)
    assert result.ids[0] == result.ids[2]
    assert store.count(Query()) == 2


def test_same_text_from_another_source_is_another_report(store):
    other = geoparsed("x1", EVENTS[0].report.text, KYIV, date(2022, 6, 20), source="wire")
    assert store.add([EVENTS[0], other]).stored == 2


def test_extent_is_the_box_around_every_stored_point(store):
    assert store.extent() is None
    store.add(EVENTS)
    # Apia is the westernmost point, Suva the easternmost and southernmost, the Chernihiv
    # Oblast mention the northernmost: toponym points count as well as event points.
    assert store.extent() == (-171.76666, -18.14161, 178.44149, 51.5)


def test_unknown_ids_give_none(filled):
    assert filled.event(10_000) is None
    assert filled.toponym(10_000) is None
    assert filled.place("no-such-place") is None


def test_bbox_keeps_points_inside_including_the_edge(filled):
    assert sorted(report_ids(filled, Query(bbox=(30.0, 49.0, 37.0, 51.0)))) == ["r1", "r2", "r3"]
    # A bbox whose west edge is exactly Kyiv's longitude still holds Kyiv.
    assert "r1" in report_ids(filled, Query(bbox=(KYIV.lon, KYIV.lat, 31.0, 51.0)))
    assert report_ids(filled, Query(bbox=(KYIV.lon + 1e-9, 50.0, 30.6, 51.0))) == []


def test_bbox_crossing_the_antimeridian_finds_both_sides(filled):
    pacific = Query(bbox=(170.0, -25.0, -165.0, -10.0))
    assert sorted(report_ids(filled, pacific)) == ["r4", "r5"]
    assert filled.count(pacific) == 2
    assert report_ids(filled, Query(bbox=(179.0, -25.0, -175.0, -10.0))) == []


def test_date_range_is_inclusive_and_drops_undated_events(filled):
    june_21_to_23 = Query(start=date(2022, 6, 21), end=date(2022, 6, 23), order="date")
    assert report_ids(filled, june_21_to_23) == ["r2", "r4", "r5"]
    assert "r9" not in report_ids(filled, Query(end=date(2030, 1, 1)))


def test_types_countries_and_located_only(filled):
    assert sorted(report_ids(filled, Query(event_types=("shelling", "protest")))) == [
        "r2", "r3", "r5"]
    assert sorted(report_ids(filled, Query(countries=("ua",)))) == ["r1", "r2", "r3"]
    assert filled.count(Query(located_only=True)) == 7
    combined = Query(event_types=("shelling",), countries=("UA",), start=date(2022, 6, 22))
    assert report_ids(filled, combined) == ["r3"]


def test_place_matches_name_case_insensitively_or_id(filled):
    assert report_ids(filled, Query(place="kharkiv")) == ["r2"]
    assert report_ids(filled, Query(place=SUVA.id)) == ["r4"]
    assert report_ids(filled, Query(place="Kharkiv Oblast")) == []


def test_full_text_needs_every_word_and_tolerates_any_input(filled):
    assert report_ids(filled, Query(text="rockets Desna")) == ["r3"]
    assert sorted(report_ids(filled, Query(text="kyiv"))) == ["r1", "r2"]
    assert report_ids(filled, Query(text="rockets Paris")) == []
    for odd in ['"unbalanced', "AND OR NOT", "desna*) NEAR(", "  ", "'; DROP TABLE events; --"]:
        assert filled.count(Query(text=odd)) == len(report_ids(filled, Query(text=odd)))
    assert filled.count(Query(text="'; DROP TABLE events; --")) == 0
    assert filled.count(Query()) == len(EVENTS)


def test_orders_put_undated_events_first_ascending_and_last_descending(filled):
    newest_first = report_ids(filled, Query(order="-date"))
    assert newest_first[0] == "r3" and newest_first[-1] == "r9"
    oldest_first = report_ids(filled, Query(order="date"))
    assert oldest_first[:2] == ["r9", "r8"] and oldest_first[-1] == "r3"
    # Same day: ties broken by id, in the order's direction.
    assert newest_first.index("r6") > newest_first.index("r7")
    assert oldest_first.index("r6") < oldest_first.index("r7")
    ids = [e.id for e in filled.events(Query(order="id"))]
    assert ids == sorted(ids)


def test_pages_tile_the_full_result_and_count_ignores_paging(filled):
    query = Query(order="date")
    everything = report_ids(filled, query)
    pages = [report_ids(filled, query.page(4, offset)) for offset in range(0, 12, 4)]
    assert [r for page in pages for r in page] == everything
    assert pages[-1] == everything[8:]
    assert filled.count(query.page(2, 3)) == len(EVENTS)
    assert report_ids(filled, query.page(0)) == []
    assert report_ids(filled, query.page(None, 7)) == everything[7:]


def test_a_stream_reads_one_snapshot_while_another_writer_adds(filled, store_url):
    stream = filled.events(Query(order="id"))
    first = next(stream)
    with open_store(store_url) as writer:
        writer.add([geoparsed("late", "A later report about Kyiv.", KYIV, date(2022, 7, 1))])
    rest = [e.report_id for e in stream]
    assert [first.report_id, *rest] == [e.report.id for e in EVENTS]
    assert filled.count(Query()) == len(EVENTS) + 1


def test_toponyms_carry_their_own_point_and_event_filters(filled):
    assert filled.count_toponyms(Query()) == 9
    # Kyiv is mentioned by the Kharkiv report: the bbox applies to the mention's point.
    around_kyiv = Query(bbox=(30.0, 50.0, 31.0, 51.0))
    mentions = list(filled.toponyms(around_kyiv))
    assert sorted((t.report_id, t.role) for t in mentions) == [
        ("r1", "location"), ("r2", "mention")]
    kyiv_in_r2 = next(t for t in mentions if t.report_id == "r2")
    text = EVENTS[1].report.text
    assert text[kyiv_in_r2.start:kyiv_in_r2.end] == "Kyiv" == kyiv_in_r2.text
    assert (kyiv_in_r2.lat, kyiv_in_r2.lon) == (KYIV.lat, KYIV.lon)
    assert kyiv_in_r2.event_type == "shelling"
    assert filled.toponym(kyiv_in_r2.id) == kyiv_in_r2
    assert filled.count_toponyms(Query(event_types=("missile_strike",))) == 1
    oblast = Query(place="chernihiv oblast")
    assert [t.text for t in filled.toponyms(oblast)] == ["Chernihiv Oblast"]


def test_places_count_the_events_located_there(filled):
    filled.add([geoparsed("r10", "More shelling in Kyiv.", KYIV, date(2022, 6, 26), "shelling")])
    places = list(filled.places(Query()))
    assert places[0].id == KYIV.id and places[0].events == 2
    assert filled.count_places(Query()) == 7 == len(places)
    shelled = {p.name: p.events for p in filled.places(Query(event_types=("shelling",)))}
    assert shelled == {"Kyiv": 1, "Kharkiv": 1, "Desna": 1}
    assert filled.count_places(Query(bbox=(170.0, -25.0, -165.0, -10.0))) == 2
    oblast = filled.place("710802")
    assert oblast.kind == "admin1" and oblast.events == 0


def test_imported_rows_keep_origin_extra_fields_and_identity(store):
    first = store.add([acled_row("UKR1001"), acled_row("UKR1002")])
    assert first.stored == 2  # same text, different dataset ids
    assert store.add([acled_row("UKR1001")]).duplicates == 1
    record = store.event(first.ids[0])
    assert record.origin == "acled"
    assert record.extra == {"event_type": "Explosions/Remote violence", "fatalities": 0}
    assert (record.admin1, record.date_precision, record.confidence) == ("Chernihiv", "day", 1.0)
    assert store.place("acled:UKR1001").admin1 == "Chernihiv"


def test_impossible_queries_are_refused_before_the_store():
    with pytest.raises(QueryError):
        Query(bbox=(10.0, 60.0, 20.0, 50.0))
    with pytest.raises(QueryError):
        Query(start=date(2022, 7, 1), end=date(2022, 6, 1))


@pytest.mark.parametrize(
    ("limit", "offset", "returned"), [(None, 0, 100), (10, 0, 10), (10, 95, 5), (None, 120, 0)]
)
def test_a_page_returns_what_its_offset_and_limit_leave(limit, offset, returned):
    assert Query(limit=limit, offset=offset).returned(100) == returned
