"""`geoevents map` from a real SQLite store to a map file."""

from __future__ import annotations

import re

from click.testing import CliRunner

from geoevents.cli import main
from geoevents.store import open_store
from maps.payload import PRECISIONS
from tests.maps.html_support import embedded
from tests.store.samples import EVENTS


def _store(tmp_path):
    db = tmp_path / "events.db"
    with open_store(db) as store:
        store.add(EVENTS)
    return db


def test_map_writes_the_filtered_events_offline(tmp_path):
    db = _store(tmp_path)
    out = tmp_path / "shelling.html"
    result = CliRunner().invoke(main, ["map", "--db", str(db), "--type", "shelling",
                                       "--out", str(out), "--offline", "--title", "Shelling"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<title>Shelling</title>" in page
    assert not re.search(r"<script[^>]+src=", page)
    core, _ = embedded(page)
    places = {core["names"][core["places"]["name"][p]] for p in core["events"]["place"]}
    assert places == {"Kharkiv", "Desna"}
    assert "Wrote 2 events to" in result.output


def test_map_counts_events_it_cannot_place(tmp_path):
    db = _store(tmp_path)
    out = tmp_path / "all.html"
    result = CliRunner().invoke(main, ["map", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    core, _ = embedded(out.read_text())
    assert len(core["events"]["type"]) == 7
    assert {PRECISIONS[p] for p in core["events"]["precision"]} == {"city"}
    assert "; 2 without a location left off" in result.output


def test_map_into_a_missing_directory_fails_cleanly(tmp_path):
    db = _store(tmp_path)
    result = CliRunner().invoke(main, ["map", "--db", str(db),
                                       "--out", str(tmp_path / "no" / "map.html")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "does not exist" in result.output
    assert "Traceback" not in result.output


def test_map_rejects_an_unsafe_item_url(tmp_path):
    db = _store(tmp_path)
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", "--db", str(db), "--out", str(out),
                                       "--item-url", "javascript:alert({id})"])
    assert result.exit_code == 1 and "item URL" in result.output
    assert not out.exists()
