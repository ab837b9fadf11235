"""`geoevents geoparse`: the JSON Lines contract, input handling and errors, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from geoevents.cli import main

CONTRACT = {"id", "text", "title", "published", "source", "toponyms", "location", "event_date",
            "date_precision", "event_type"}
TOPONYM = {"start", "end", "text", "name", "geonameid", "kind", "country_code", "admin1", "lat",
           "lon", "score"}
LOCATION = {"lat", "lon", "name", "kind", "country_code", "precision"}


def geoparse(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["geoparse", *args], input=stdin)


def objects(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_id(events: list[dict[str, Any]], report_id: str) -> dict[str, Any]:
    return next(e for e in events if e["id"] == report_id)


def toponym(event: dict[str, Any], text: str) -> dict[str, Any]:
    return next(t for t in event["toponyms"] if t["text"] == text)


@pytest.fixture(scope="module")
def sample_events(sample_liveblog: Path) -> list[dict[str, Any]]:
    result = geoparse(str(sample_liveblog))
    assert result.stderr == ""  # no progress bar and no complaints when stderr is not a terminal
    return objects(result)


def test_one_contract_object_per_report(sample_events: list[dict[str, Any]]) -> None:
    assert len(sample_events) == 46
    assert sample_events[0]["id"] == "liveblog-sample:4"
    for event in sample_events:
        assert CONTRACT <= event.keys()
        assert event["published"] == "2024-03-16"
        assert event["source"] == "https://example.org/liveblog/2024-03-16-world"
        for place in event["toponyms"]:
            assert TOPONYM <= place.keys()
        if event["location"] is not None:
            assert LOCATION <= event["location"].keys()


def test_offsets_index_the_report_text(sample_events: list[dict[str, Any]]) -> None:
    spans = [(e["text"], t) for e in sample_events for t in e["toponyms"]]
    assert len(spans) > 60
    for text, place in spans:
        assert text[place["start"] : place["end"]] == place["text"]


def test_qualified_village_resolves_in_its_region(sample_events: list[dict[str, Any]]) -> None:
    """"Desna, a village in the northern Chernigiv region" is the Desna of Chernihiv oblast."""
    event = by_id(sample_events, "liveblog-sample:6")
    desna = toponym(event, "Desna")
    assert (desna["country_code"], desna["admin1"]) == ("UA", "Chernihiv")
    assert event["location"]["name"] == "Desna"
    assert event["location"]["lat"] == pytest.approx(50.93, abs=0.05)
    assert event["location"]["lon"] == pytest.approx(30.77, abs=0.05)


def test_weekday_moves_the_event_date(sample_events: list[dict[str, Any]]) -> None:
    """Published on Saturday 2024-03-16, "on Friday" is 2024-03-15."""
    event = by_id(sample_events, "liveblog-sample:8")
    assert (event["event_date"], event["date_precision"]) == ("2024-03-15", "day")
    assert event["event_type"] == "drone_strike"


def test_hostile_text_passes_through_unchanged(sample_events: list[dict[str, Any]]) -> None:
    texts = [e["text"] for e in sample_events]
    assert any("<script>alert(1)</script>" in t and "`links`" in t for t in texts)


def test_jsonl_keeps_ids_datetimes_and_exact_offsets(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    text = "  Artillery shelled Kherson overnight.\n"
    path.write_text(
        json.dumps({"id": 42, "text": text, "published": "2024-03-16T07:40:00+02:00"}) + "\n",
        encoding="utf-8",
    )
    [event] = objects(geoparse(str(path)))
    assert (event["id"], event["text"], event["published"]) == ("42", text, "2024-03-16T07:40:00+02:00")
    kherson = toponym(event, "Kherson")
    assert text[kherson["start"] : kherson["end"]] == "Kherson"
    assert kherson["country_code"] == "UA"
    assert event["event_type"] == "shelling"


def test_reads_stdin() -> None:
    blog = "Evening notes\n20240316\nhttps://example.org/e\n\nProtesters marched through Tbilisi.\n"
    [event] = objects(geoparse("-", stdin=blog))
    assert event["id"] == "stdin:5"
    assert event["location"]["country_code"] == "GE"
    assert event["event_type"] == "protest"


def test_bad_input_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "blog.txt"
    path.write_text("Title\n16 March 2024\nhttps://example.org/x\nShelling in Kherson.\n", encoding="utf-8")
    result = geoparse(str(path), "--format", "liveblog")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {path}:2: expected the publication date as YYYYMMDD on line 2, got '16 March 2024'\n"
    )


def test_skip_bad_reports_on_stderr_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Drones hit Odesa."}\n'
        b'{"id": "b", "text": \n'
        b'{"id": "c", "text": "Caf\xe9 shelled in Kherson."}\n'
        b'{"id": "d", "text": "Floods in Porto Alegre."}\n'
    )
    result = geoparse(str(path), "--skip-bad")
    assert [e["id"] for e in objects(result)] == ["a", "d"]
    assert result.stderr.splitlines() == [
        f"skipped {path}:2: invalid JSON at column 21: Expecting value",
        f"skipped {path}:3: not UTF-8: byte 0xe9 at column 25",
    ]

    strict = geoparse(str(path))
    assert strict.exit_code == 1
    assert strict.stderr == f"Error: {path}:2: invalid JSON at column 21: Expecting value\n"


def test_user_lexicon_adds_an_event_type(tmp_path: Path, examples_dir: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "e", "text": "Families were evacuated from Kupiansk and fled their homes."}\n')
    [plain] = objects(geoparse(str(path)))
    [extended] = objects(geoparse(str(path), "--lexicon", str(examples_dir / "lexicon.toml")))
    assert plain["event_type"] != "evacuation"
    assert extended["event_type"] == "evacuation"


def test_broken_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text("[types.evacuation]\nkeywords = 'evacuated'\n", encoding="utf-8")
    result = geoparse("-", "--lexicon", str(lexicon), stdin='{"id": 1, "text": "x"}\n')
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {lexicon}: [types.evacuation] needs keywords")


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = geoparse(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_coded_acled_rows_pass_through_as_coded(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,country,admin1,location,"
        "latitude,longitude,geo_precision,notes\n"
        "UKR9001,2024-03-15,Explosions/Remote violence,Shelling/artillery/missile attack,"
        "Ukraine,Kharkiv,Kupiansk,49.7106,37.6156,1,Shelling hit the town centre.\n",
        encoding="utf-8",
    )
    [event] = objects(geoparse(str(path)))
    assert event["event_type"] == "shelling"
    assert event["event_date"] == "2024-03-15"
    assert event["toponyms"] == []
    assert (event["location"]["lat"], event["location"]["lon"]) == (49.7106, 37.6156)
