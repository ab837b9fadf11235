"""The packaged index, built once per session in the user's cache directory (or
``$GEOEVENTS_CACHE_DIR``), shared by every lookup test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gazetteer import Gazetteer
from gazetteer.packaged import ensure_packaged_index
from gazetteer.paths import default_index_path


@pytest.fixture(scope="session")
def gaz() -> Iterator[Gazetteer]:
    path = default_index_path()
    ensure_packaged_index(path)
    with Gazetteer(path) as gazetteer:
        yield gazetteer


@pytest.fixture(autouse=True)
def _no_index_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GEOEVENTS_GAZETTEER", raising=False)
