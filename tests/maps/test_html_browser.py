"""Map pages in real headless Chromium, with the network cut off."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from maps import write_map
from maps.browser import chromium, chromium_path, offline, wait_until_drawn
from maps.style import type_label
from tests.maps.html_support import HOSTILE, record, spread

pytestmark = pytest.mark.browser

#: Events reachable on screen: cluster counts plus single markers (spiderfied ones included).
REACHABLE_JS = """() => {
  let n = 0;
  for (const c of document.querySelectorAll('.marker-cluster')) n += Number(c.textContent);
  return n + document.querySelectorAll('.leaflet-marker-icon.ge-dot').length;
}"""


@pytest.fixture(scope="module")
def browser():
    if not Path(chromium_path()).exists():
        pytest.skip(f"needs Chromium at {chromium_path()} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="needs playwright from PyPI")
    with chromium() as instance:
        yield instance


@dataclass
class MapPage:
    """An open map and everything it did that a user should never see."""

    page: object
    refused: list[str]
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def shown(self) -> int:
        return int(self.page.locator(".ge-count").get_attribute("data-shown"))

    def reachable(self) -> int:
        return self.page.evaluate(REACHABLE_JS)

    def settle(self) -> None:
        wait_until_drawn(self.page)
        self.page.wait_for_timeout(50)  # let marker cluster finish its frame

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.page.evaluate("window.__pwned") is None


@pytest.fixture
def open_map(browser, tmp_path) -> Iterator:
    pages = []

    def _open(records, *, offline_page: bool = True, serve_assets: bool = False, **options):
        path = tmp_path / f"map{len(pages)}.html"
        write_map(records, path, offline=offline_page, **options)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        opened = MapPage(page, offline(page, serve_assets=serve_assets))
        page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
        page.on("console", lambda msg: opened.errors.append(msg.text)
                if msg.type == "error" and not msg.text.startswith("Failed to load resource")
                else None)
        page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        opened.settle()
        assert page.locator(".folium-map").get_attribute("data-geoevents") == "ready"
        pages.append(page)
        return opened

    yield _open
    for page in pages:
        page.close()


def _not_tiles(urls: list[str]) -> list[str]:
    return [url for url in urls if not url.startswith("https://tile.openstreetmap.org/")]


def test_offline_map_draws_every_event_with_the_network_cut_off(open_map):
    records = spread(300) + [record(lat=None, lon=None, place=None)]
    shown = open_map(records)
    assert shown.shown() == 300
    assert shown.reachable() == 300
    assert shown.page.locator(".ge-count").text_content() == (
        "300 of 300 events shown (1 without a place, not mapped)")
    assert _not_tiles(shown.refused) == []
    shown.assert_clean()


def test_online_map_draws_from_the_cdn_addresses(open_map):
    shown = open_map(spread(40), offline_page=False, serve_assets=True)
    assert shown.reachable() == 40
    assert _not_tiles(shown.refused) == []
    shown.assert_clean()


def test_hostile_reports_show_as_text_and_run_nothing(open_map):
    records = [
        record(text, title=text, place=text, event_type=text, source="javascript:alert(5)",
               lat=-40 + 20 * i, lon=-120 + 60 * i)
        for i, text in enumerate(HOSTILE)
    ]
    shown = open_map(records, title=HOSTILE[2])
    page = shown.page
    expected = set(HOSTILE)
    seen = set()
    for i in range(len(HOSTILE)):
        marker = page.locator(".ge-dot").nth(i)
        marker.hover()
        tooltip = page.locator(".leaflet-tooltip").last.text_content()
        marker.click()
        popup = page.locator(".ge-popup")
        text = popup.locator(".ge-popup-text").text_content()
        seen.add(text)
        assert popup.locator(".ge-popup-title").text_content() == text
        assert any(tooltip.startswith(f"{raw}, Kharkiv, UA \u00b7 ") for raw in HOSTILE)
        assert popup.locator("a").count() == 0  # a javascript: source is not a link
        page.locator(".leaflet-popup-close-button").dispatch_event("click")
    assert seen == expected
    overlays = page.locator(".leaflet-control-layers-overlays").text_content()
    assert all(type_label(text) in overlays for text in HOSTILE)
    assert page.locator(".ge-title-text").text_content() == HOSTILE[2]
    page.locator(".ge-search input").fill("<img")
    assert page.locator(".ge-search li button").first.text_content().startswith(HOSTILE[2])
    assert page.title() == HOSTILE[2]
    shown.assert_clean()


def test_popup_links_to_the_source_and_the_full_record(open_map):
    shown = open_map([record("A long report " * 30, source="https://example.org/live/9",
                             event_id=77)],
                     text_limit=50, item_url="https://events.example.org/items/{id}")
    shown.page.locator(".ge-dot").click()
    links = shown.page.locator(".ge-popup a")
    assert links.evaluate_all("links => links.map(a => [a.textContent, a.href])") == [
        ["Full report", "https://events.example.org/items/77"],
        ["Source", "https://example.org/live/9"],
    ]
    assert shown.page.locator(".ge-popup-text").text_content().endswith("\u2026")
    shown.assert_clean()


def test_time_slider_and_window_change_what_is_shown(open_map):
    records = spread(40, first=date(2022, 6, 1), days=10) + [record(day=None)]
    shown = open_map(records)
    page = shown.page
    assert shown.shown() == 41
    slider = page.locator(".ge-slider")
    slider.focus()
    page.keyboard.press("Home")
    shown.settle()
    assert (shown.shown(), shown.reachable()) == (4, 4)  # the first day; undated ones wait
    assert page.locator(".ge-time-label").text_content() == "2022-06-01"
    page.locator(".ge-time select").select_option(label="7 days to")
    slider.focus()
    page.keyboard.press("End")
    shown.settle()
    assert (shown.shown(), shown.reachable()) == (28, 28)
    assert page.locator(".ge-time-label").text_content() == "2022-06-04 \u2013 2022-06-10"
    shown.assert_clean()


def test_type_layers_hide_and_show_their_events(open_map):
    shown = open_map(spread(40))  # ten of each of four types
    page = shown.page
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label("Shelling").uncheck()
    shown.settle()
    assert (shown.shown(), shown.reachable()) == (30, 30)
    page.get_by_label("Shelling").check()
    shown.settle()
    assert (shown.shown(), shown.reachable()) == (40, 40)
    page.get_by_label("Heat map").check()
    assert page.locator("canvas.leaflet-heatmap-layer").count() == 1
    shown.assert_clean()


def test_events_stacked_on_one_place_spread_out_when_clicked(open_map):
    stacked = [record(f"Strike {i} on the depot.", event_id=i + 1) for i in range(12)]
    shown = open_map(stacked + [record(lat=46.48, lon=30.72, place="Odesa", event_id=99,
                                                  event_type="protest")])
    page = shown.page
    cluster = page.locator(".marker-cluster", has_text="12")
    cluster.click()
    page.wait_for_function("document.querySelectorAll('.ge-dot').length >= 13")
    page.wait_for_timeout(400)  # the spider's legs animate out
    spots = page.locator(".ge-dot").evaluate_all(
        "dots => dots.map(d => { const r = d.getBoundingClientRect(); return [r.x, r.y]; })")
    assert len(spots) == 13 and len({tuple(spot) for spot in spots}) == 13
    page.locator(".ge-dot.ge-t0").first.click()  # shelling: type 0 of the two on the map
    assert page.locator(".ge-popup-text").text_content().startswith("Strike ")
    shown.assert_clean()


def test_approximate_places_are_drawn_as_areas_not_points(open_map):
    shown = open_map([
        record(place="Kharkiv"),
        record(place="Ukraine", precision="country", lat=49.0, lon=32.0),
        record(place="Black Sea", precision="sea", lat=43.0, lon=34.0, country=None),
    ])
    page = shown.page
    assert page.locator("path.ge-area").count() == 2
    assert page.locator(".ge-dot.ge-approx").count() == 2
    assert page.locator(".ge-dot:not(.ge-approx)").count() == 1
    page.locator(".ge-dot.ge-approx").first.click()
    facts = page.locator(".ge-popup dd").all_text_contents()
    assert any("somewhere in the shaded area" in fact for fact in facts)
    shown.assert_clean()


def test_place_search_flies_to_the_place(open_map):
    shown = open_map(spread(40) + [record(place="Kharkiv", lat=49.98, lon=36.25)])
    page = shown.page
    scale_before = page.locator(".leaflet-control-scale-line").first.text_content()
    page.locator(".ge-search input").fill("khark")
    result = page.locator(".ge-search li button")
    assert result.count() == 1
    assert result.text_content() == "Kharkiv, Kharkiv, UA 1 event"
    result.click()
    page.wait_for_function(
        "before => document.querySelector('.leaflet-control-scale-line').textContent !== before",
        arg=scale_before,
    )
    shown.assert_clean()


def test_clicking_a_cluster_zooms_in_with_its_events_in_view(open_map):
    # 120 distinct points, a kilometre apart: clusters that split when zoomed, not stacks.
    shown = open_map([record(lat=48 + (i % 11) * 0.01, lon=30 + (i // 11) * 0.01)
                      for i in range(120)])
    page = shown.page
    scale_before = page.locator(".leaflet-control-scale-line").first.text_content()
    items_before = page.locator(".marker-cluster, .ge-dot").count()
    # A cluster away from the edges and the controls: (x, y, count).
    x, y, inside = page.evaluate("""() => [...document.querySelectorAll('.marker-cluster')]
        .map(c => [c.getBoundingClientRect(), Number(c.textContent)])
        .filter(([r]) => r.x > 300 && r.right < 900 && r.y > 150 && r.bottom < 650)
        .map(([r, n]) => [r.x + r.width / 2, r.y + r.height / 2, n])[0]""")
    page.mouse.click(x, y)
    page.wait_for_function(
        "before => document.querySelector('.leaflet-control-scale-line').textContent !== before",
        arg=scale_before,
    )
    shown.settle()
    assert inside <= shown.reachable()
    assert page.locator(".marker-cluster, .ge-dot").count() > items_before  # clusters split
    shown.assert_clean()


def test_a_map_without_events_says_so(open_map):
    shown = open_map([record(lat=None, lon=None, place=None)])
    assert shown.page.locator(".ge-count").text_content() == (
        "0 of 0 events shown (1 without a place, not mapped)")
    assert shown.page.locator(".ge-time").count() == 0
    shown.assert_clean()
