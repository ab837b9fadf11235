"""Fixtures every test folder may use. Keep this small: put room-specific fixtures next to their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: User-facing settings a developer may have exported; tests must not see them.
_USER_SETTINGS = (
    "GEOEVENTS_DB",
    "GEOEVENTS_LEXICON",
    "GEOEVENTS_LOG_LEVEL",
    "GEOEVENTS_API_TOKEN",
    "GEOEVENTS_CORS_ORIGINS",
    "GEOEVENTS_MAP_TEXT_LIMIT",
    "GEOEVENTS_MAP_ITEM_URL",
)


@pytest.fixture(autouse=True)
def _clean_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test with the default settings, whatever the shell exported."""
    for name in _USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The sample inputs shipped in ``examples/``."""
    return EXAMPLES


@pytest.fixture(scope="session")
def sample_liveblog() -> Path:
    """``examples/liveblog-sample.txt``: a liveblog of our own with ambiguous place names."""
    return EXAMPLES / "liveblog-sample.txt"
