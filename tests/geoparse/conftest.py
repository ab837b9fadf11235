"""A geoparser over the packaged gazetteer index, built once per session in the cache directory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from gazetteer import Gazetteer
from gazetteer.packaged import ensure_packaged_index
from gazetteer.paths import INDEX_FILENAME, cache_dir
from geoevents.geoparse import EventTypeLexicon, Geoparser
from geoevents.model import Event, Report

#: A Saturday: "on Friday" in a report published then means 2022-06-24.
PUBLISHED = date(2022, 6, 25)


@pytest.fixture(scope="session")
def gazetteer() -> Iterator[Gazetteer]:
    path = cache_dir() / INDEX_FILENAME
    ensure_packaged_index(path)
    with Gazetteer(path) as gaz:
        yield gaz


@pytest.fixture(scope="session")
def geoparser(gazetteer: Gazetteer) -> Geoparser:
    return Geoparser(gazetteer, EventTypeLexicon.default())


Parse = Callable[..., Event]


@pytest.fixture(scope="session")
def parse(geoparser: Geoparser) -> Parse:
    """``parse(text, published=PUBLISHED)``: the event of one report."""

    def parse(text: str, published: date | None = PUBLISHED) -> Event:
        return geoparser.parse(Report(id="t", text=text, published=published))

    return parse
