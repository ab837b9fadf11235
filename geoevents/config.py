"""Settings from ``GEOEVENTS_*`` environment variables, with defaults that work out of the box.

Precedence is the usual one: a CLI flag beats the environment, which beats the default.
Commands read ``Settings.from_env()`` once and apply their flags with ``override``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from geoevents.errors import ConfigError

DEFAULT_DB = "./geoevents.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def default_cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the gazetteer index is cached: ``$XDG_CACHE_HOME/geoevents`` or ``~/.cache/geoevents``."""
    base = environ.get("XDG_CACHE_HOME")
    return (Path(base).expanduser() if base else Path.home() / ".cache") / "geoevents"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a geoevents process needs to know about its surroundings.

    ``db`` is a SQLite path or a ``postgresql://`` URL. ``api_token``, when set, is required
    for HTTP writes. ``cors_origins`` lists the origins browsers may call the API from.
    """

    db: str = DEFAULT_DB
    cache_dir: Path = field(default_factory=default_cache_dir)
    lexicon: Path | None = None
    log_level: str = "WARNING"
    api_token: str | None = None
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read ``GEOEVENTS_DB``, ``GEOEVENTS_CACHE_DIR``, ``GEOEVENTS_LEXICON``,
        ``GEOEVENTS_LOG_LEVEL``, ``GEOEVENTS_API_TOKEN`` and ``GEOEVENTS_CORS_ORIGINS``."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(f"GEOEVENTS_{name}", "").strip()
            return value or None

        cache, lexicon = get("CACHE_DIR"), get("LEXICON")
        origins = get("CORS_ORIGINS")
        return cls(
            db=get("DB") or DEFAULT_DB,
            cache_dir=Path(cache).expanduser() if cache else default_cache_dir(env),
            lexicon=Path(lexicon).expanduser() if lexicon else None,
            log_level=_log_level(get("LOG_LEVEL") or "WARNING"),
            api_token=get("API_TOKEN"),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()) if origins else (),
        )

    def override(self, **changes: Any) -> Settings:
        """A copy with the given fields replaced; ``None`` means "flag not given", so it keeps ours."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        given = {k: v for k, v in changes.items() if v is not None}
        if "log_level" in given:
            given["log_level"] = _log_level(given["log_level"])
        return replace(self, **given)


def _log_level(name: str) -> str:
    level = name.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"GEOEVENTS_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {name!r}")
    return level
