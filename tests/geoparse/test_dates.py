"""Event dates: the publication date refined by what the report says."""

from __future__ import annotations

from datetime import date

import pytest

from geoevents.geoparse.dates import event_date

SATURDAY = date(2022, 6, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Friday, regional authorities said troops would pull back.", date(2022, 6, 24)),
        ("On Saturday Moscow claimed an advance near Izium.", date(2022, 6, 25)),
        ("Shelling on Sunday damaged a school.", date(2022, 6, 19)),
        ("Yesterday a drone hit a depot.", date(2022, 6, 24)),
        ("Strikes on June 23 hit the port.", date(2022, 6, 23)),
        ("Strikes on 23 June hit the port.", date(2022, 6, 23)),
        ("The bridge was hit on December 30.", date(2021, 12, 30)),
    ],
)
def test_text_refines_the_publication_date(text: str, expected: date) -> None:
    assert event_date(text, SATURDAY) == (expected, "day")


@pytest.mark.parametrize(
    "text",
    [
        "Belarus has helped Moscow since the February 24 invasion.",
        "Talks will resume next Monday.",
        "Nothing in this line names a day.",
    ],
)
def test_other_dates_leave_the_publication_date(text: str) -> None:
    assert event_date(text, SATURDAY) == (SATURDAY, "published")


def test_no_publication_date() -> None:
    assert event_date("Shelling on Friday.", None) == (None, None)
    assert event_date("Shelling on 2022-06-20.", None) == (date(2022, 6, 20), "day")


def test_event_carries_the_date(parse) -> None:
    event = parse("On Friday a missile hit Odesa.")
    assert (event.event_date, event.date_precision) == (date(2022, 6, 24), "day")
