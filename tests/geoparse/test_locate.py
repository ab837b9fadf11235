"""The event's location: the scene, not the speaker or the clock, with honest precision."""

from __future__ import annotations

import pytest

from .conftest import Parse


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Russia said its forces shot down drones over Belgorod.", "Belgorod"),
        ("Ukraine's northern military command said rockets hit the village of Desna.", "Desna"),
        ("According to Kyiv, missiles struck Odesa at dawn.", "Odesa"),
        ("Moscow's forces shelled Kharkiv.", "Kharkiv"),
        ("All times Paris time. Missiles struck Odesa.", "Odesa"),
        ("Lysychansk was shelled overnight and residents fled to Dnipro.", "Lysychansk"),
    ],
)
def test_scene_not_speaker(parse: Parse, text: str, where: str) -> None:
    event = parse(text)
    assert event.location is not None
    assert event.location.name == where
    chosen = [t for t in event.toponyms if t.role == "location"]
    assert len(chosen) == 1 and chosen[0].place is not None and chosen[0].place.name == where


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        (
            "Rockets fell on Desna, a village in the northern Chernigiv region.",
            "Desna",
            "city",
        ),
        (
            "Strikes on a military target in the Zhytomyr region killed a soldier.",
            "Zhytomyr",
            "admin1",
        ),
        ("Drones were shot down over the Black Sea.", "Black Sea", "sea"),
    ],
)
def test_most_specific_place_with_honest_precision(
    parse: Parse, text: str, name: str, precision: str
) -> None:
    event = parse(text)
    assert event.location is not None
    assert (event.location.name, event.location.precision) == (name, precision)


def test_country_level_event_keeps_country_precision(parse: Parse) -> None:
    event = parse("Ukraine said it shot down 20 drones overnight.")
    assert event.location is not None
    assert (event.location.kind, event.location.precision) == ("country", "country")
    assert event.location.name == "Ukraine"  # not Kyiv: the capital was not named


def test_unlocatable_report_has_no_location(parse: Parse) -> None:
    event = parse("Officials said the talks would resume next week.")
    assert event.location is None and event.toponyms == ()
    assert event.confidence == 0.0


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "Units pulled back from Severodonetsk, an industrial town of the Donbas.",
            "Siverskodonetsk",
        ),
        ("Kyiv said missiles hit Ukraine overnight.", "Ukraine"),
    ],
)
def test_the_contained_place_wins_unless_it_only_speaks(
    parse: Parse, text: str, where: str
) -> None:
    event = parse(text)
    assert event.location is not None and event.location.name == where


def test_people_speaking_in_a_city_put_the_event_there(parse: Parse) -> None:
    event = parse("Officials in Atlanta warned voters across Georgia about long queues.")
    assert event.location is not None
    assert (event.location.name, event.location.precision) == ("Atlanta", "city")


def test_a_long_report_repeating_its_places_is_compared_place_by_place(
    parse: Parse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Containment is weighed per distinct place, so a huge report stays linear in its length."""
    from geoevents.geoparse import locate

    calls = 0
    real = locate.contains

    def counting(outer, inner):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(outer, inner)

    monkeypatch.setattr(locate, "contains", counting)
    event = parse("Shelling hit Kharkiv and Odesa in the Kharkiv region. " * 300)
    assert len(event.toponyms) == 900
    assert event.location is not None and event.location.name == "Kharkiv"
    assert calls <= 3 * 3
