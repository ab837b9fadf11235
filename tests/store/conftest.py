"""The store fixture runs every store test against each back-end.

A back-end is one ``pytest.param`` in ``BACKENDS`` naming a fixture that yields a fresh,
empty store URL; the tests themselves never know which back-end they talk to.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from geoevents.store import Store, open_store
from tests.store.postgis_server import postgis_database, postgis_url  # noqa: F401 (fixtures)

BACKENDS = [
    pytest.param("sqlite_url", id="sqlite"),
    pytest.param("postgis_url", id="postgis", marks=pytest.mark.postgis),
]


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "events.db")


@pytest.fixture(params=BACKENDS)
def store_url(request) -> str:
    return request.getfixturevalue(request.param)


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
