"""Event types from the keyword lexicon, and users extending it with their own TOML file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoevents.errors import ConfigError
from geoevents.geoparse import EventTypeLexicon, Geoparser
from geoevents.model import Report

CANONICAL = [
    "drone_strike",
    "missile_strike",
    "air_strike",
    "shelling",
    "armed_clash",
    "protest",
    "disaster",
    "diplomacy",
    "other",
]


@pytest.fixture(scope="module")
def lexicon() -> EventTypeLexicon:
    return EventTypeLexicon.default()


def test_default_types_are_the_canonical_ones(lexicon: EventTypeLexicon) -> None:
    assert list(lexicon.types) == CANONICAL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets were fired at a village near the border.", "missile_strike"),
        ("Kamikaze drones hit an energy facility.", "drone_strike"),
        ("Warplanes carried out air strikes on the town.", "air_strike"),
        ("Artillery shelled the outskirts overnight.", "shelling"),
        ("Street fighting is underway after troops entered the city.", "armed_clash"),
        ("Thousands of protesters rallied outside parliament.", "protest"),
        ("An earthquake and landslides destroyed homes.", "disaster"),
        ("The foreign minister held talks on the ceasefire agreement.", "diplomacy"),
        ("The museum reopened in March.", "other"),
    ],
)
def test_keywords_pick_the_type(lexicon: EventTypeLexicon, text: str, expected: str) -> None:
    assert lexicon.classify(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bushfires raced over the ridge and firefighters saved the farm.", "disaster"),
        ("A grass fire burned forty acres before firefighters held it.", "disaster"),
        ("Shellfish beds were closed after the flood.", "disaster"),
        ("Fuel prices rocketed and the union called a walkout.", "protest"),
        ("Protestant and Catholic leaders held talks.", "diplomacy"),
        ("The choir demonstrated its new repertoire to visitors.", "other"),
    ],
)
def test_wildcards_do_not_catch_everyday_words(
    lexicon: EventTypeLexicon, text: str, expected: str
) -> None:
    assert lexicon.classify(text)[0] == expected


def test_user_file_adds_a_type_and_extends_one(tmp_path: Path, lexicon: EventTypeLexicon) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[types.cyber_attack]\nkeywords = ["ransomware", "ddos", "hack*"]\n'
        '[types.protest]\nkeywords = ["vigil"]\n',
        encoding="utf-8",
    )
    merged = EventTypeLexicon.load(extra)
    assert merged.types[-2:] == ("cyber_attack", "other")
    assert merged.classify("Hackers hit the grid operator with ransomware.")[0] == "cyber_attack"
    assert merged.classify("A candlelight vigil was held.")[0] == "protest"
    assert lexicon.classify("A candlelight vigil was held.")[0] == "other"  # default untouched


def test_environment_variable_names_the_user_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "env.toml"
    extra.write_text('[types.cyber_attack]\nkeywords = ["ransomware"]\n', encoding="utf-8")
    monkeypatch.setenv("GEOEVENTS_LEXICON", str(extra))
    assert "cyber_attack" in EventTypeLexicon.load().types


def test_geoparser_uses_its_lexicon(geoparser: Geoparser, tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[types.cyber_attack]\nkeywords = ["ransomware"]\n', encoding="utf-8")
    custom = Geoparser(geoparser.gazetteer, EventTypeLexicon.load(extra))
    event = custom.parse(Report("t", "Ransomware shut down hospitals in Dublin."))
    assert event.event_type == "cyber_attack"
    assert event.location is not None and event.location.country_code == "IE"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[types.x\n", "not valid TOML"),
        ("[other]\nkeywords = []\n", "expected one or more [types.NAME] tables"),
        ('[types.Bad-Name]\nkeywords = ["x"]\n', "lower_snake_case"),
        ("[types.empty]\nkeywords = []\n", "needs keywords"),
        ('[types.wrong]\nkeywords = "drone"\n', "needs keywords"),
    ],
)
def test_bad_lexicon_files_get_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        EventTypeLexicon.from_file(path)
    assert str(path) in str(caught.value)


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        EventTypeLexicon.from_file(tmp_path / "absent.toml")
