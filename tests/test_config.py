"""Settings: environment variables over defaults, flags over both, bad values refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoevents.config import Settings
from geoevents.errors import ConfigError


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings.db == "./geoevents.db"
    assert settings.cache_dir == Path.home() / ".cache" / "geoevents"
    assert settings.lexicon is None
    assert settings.log_level == "WARNING"
    assert settings.api_token is None and settings.cors_origins == ()


def test_environment_sets_every_field() -> None:
    settings = Settings.from_env(
        {
            "GEOEVENTS_DB": "postgresql://db.internal/events",
            "GEOEVENTS_CACHE_DIR": "/var/cache/ge",
            "GEOEVENTS_LEXICON": "/etc/ge/lexicon.toml",
            "GEOEVENTS_LOG_LEVEL": "debug",
            "GEOEVENTS_API_TOKEN": "s3cret",
            "GEOEVENTS_CORS_ORIGINS": "https://a.example, https://b.example,",
        }
    )
    assert settings == Settings(
        db="postgresql://db.internal/events",
        cache_dir=Path("/var/cache/ge"),
        lexicon=Path("/etc/ge/lexicon.toml"),
        log_level="DEBUG",
        api_token="s3cret",
        cors_origins=("https://a.example", "https://b.example"),
    )


def test_cache_dir_follows_xdg_and_blank_values_mean_unset() -> None:
    settings = Settings.from_env({"XDG_CACHE_HOME": "/tmp/xdg", "GEOEVENTS_DB": "  "})
    assert settings.cache_dir == Path("/tmp/xdg/geoevents")
    assert settings.db == "./geoevents.db"


def test_flags_override_and_none_keeps_the_environment() -> None:
    base = Settings.from_env({"GEOEVENTS_DB": "env.db", "GEOEVENTS_LEXICON": "env.toml"})
    settings = base.override(db="flag.db", lexicon=None)
    assert (settings.db, settings.lexicon) == ("flag.db", Path("env.toml"))


def test_bad_log_level_and_unknown_setting_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="GEOEVENTS_LOG_LEVEL must be one of DEBUG, INFO"):
        Settings.from_env({"GEOEVENTS_LOG_LEVEL": "loud"})
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings().override(databse="x.db")
