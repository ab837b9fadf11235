"""Map pages as files: escaping, offline self-sufficiency, atomic writes."""

from __future__ import annotations

import json
import re

import pytest

from geoevents.errors import ConfigError
from maps import render_map, write_map
from maps.assets import THIRD_PARTY
from maps.html import script_json
from tests.maps.html_support import HOSTILE, embedded, record


def _hostile_page(**options) -> str:
    records = [
        record(text, title=text, place=text, admin1=text, event_type=text, source=text)
        for text in HOSTILE
    ]
    return render_map(records, title=HOSTILE[0], **options)


def test_script_json_cannot_close_a_script_or_break_a_javascript_string():
    text = script_json({"t": "</script><!-- & \u2028 \u2029 {{x}}"})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == {"t": "</script><!-- & \u2028 \u2029 {{x}}"}


@pytest.mark.parametrize("offline", [False, True])
def test_hostile_text_never_reaches_the_page_unescaped(offline):
    page = _hostile_page(offline=offline)
    # Every script element closes where it was meant to: report text ended none early.
    assert page.count("<script") == page.count("</script>")
    for text in HOSTILE:
        assert text not in page
    assert "<img src=x" not in page
    assert "\u2028" not in page and "\u2029" not in page


def test_page_title_is_escaped_and_not_evaluated_as_a_template():
    page = render_map([record()], title="War </title><script>alert(1)</script> {{ 7 * 7 }}")
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert title == "War &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7 * 7 }}"


def test_reports_travel_intact_inside_the_page():
    page = _hostile_page(text_limit=0)
    core, texts = embedded(page)
    assert set(HOSTILE) <= set(texts["strings"]) and set(HOSTILE) <= set(core["names"])


def test_offline_page_loads_nothing_from_the_network():
    page = render_map([record()], offline=True)
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", page)
    assert "L.EventClusters" in page and "heatLayer" in page  # scripts inlined
    assert "url(images/" not in page  # Leaflet's icons inlined as data: URLs


def test_online_page_links_the_packaged_versions_on_a_cdn():
    page = render_map([record()])
    for asset in THIRD_PARTY:
        assert asset.url in page
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_item_url_must_be_a_web_address_with_an_id(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("previous map")
    with pytest.raises(ConfigError, match="item URL"):
        write_map([record()], target, item_url="javascript:alert({id})")
    with pytest.raises(ConfigError, match="item URL"):
        write_map([record()], target, item_url="/collections/events/items/")
    assert target.read_text() == "previous map"
    assert list(tmp_path.iterdir()) == [target]


def test_write_map_replaces_the_file_whole_and_reports_counts(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("previous map")
    summary = write_map([record(), record(lat=None, lon=None)], target, title="Two")
    assert (summary.events, summary.unlocated) == (1, 1)
    assert summary.bytes == target.stat().st_size
    assert "<title>Two</title>" in target.read_text()
    assert list(tmp_path.iterdir()) == [target]


def test_write_map_into_a_missing_directory_says_so(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        write_map([record()], tmp_path / "nowhere" / "map.html")
