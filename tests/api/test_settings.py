"""API settings from ``GEOEVENTS_*`` variables: sane defaults, clear errors."""

from __future__ import annotations

import pytest

from api import ApiSettings
from geoevents.errors import ConfigError


def test_defaults_and_environment():
    assert ApiSettings.from_env({}) == ApiSettings()
    settings = ApiSettings.from_env(
        {
            "GEOEVENTS_DB": "/data/events.db",
            "GEOEVENTS_API_TOKEN": "t0ken",
            "GEOEVENTS_CORS_ORIGINS": "https://a.example, https://b.example",
            "GEOEVENTS_API_MAX_BODY": "1024",
            "GEOEVENTS_API_DEFAULT_LIMIT": "500",
            "GEOEVENTS_API_READ_ONLY": "yes",
        }
    )
    assert (settings.db, settings.token, settings.max_body_bytes) == (
        "/data/events.db",
        "t0ken",
        1024,
    )
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.default_limit == 500 and settings.max_limit == 10_000 and settings.read_only


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"GEOEVENTS_API_MAX_BODY": "lots"}, "GEOEVENTS_API_MAX_BODY"),
        ({"GEOEVENTS_API_READ_ONLY": "maybe"}, "GEOEVENTS_API_READ_ONLY"),
        ({"GEOEVENTS_API_DEFAULT_LIMIT": "20000"}, "page limits"),
        ({"GEOEVENTS_API_MAX_BODY": "0"}, "body limit"),
    ],
)
def test_bad_values_name_the_setting(env, words):
    with pytest.raises(ConfigError, match=words):
        ApiSettings.from_env(env)
