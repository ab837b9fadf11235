"""What one API process is configured with: built from flags and ``GEOEVENTS_*`` variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geoevents.config import DEFAULT_DB, Settings
from geoevents.errors import ConfigError

#: Page size when a client gives no ``limit``: QGIS and GDAL page with it, so keep it large.
DEFAULT_LIMIT = 1000
#: The largest page a client may ask for; larger requests are served this many features.
MAX_LIMIT = 10_000
#: Request bodies above this many bytes are refused with 413 before they are read whole.
MAX_BODY_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """The API's knobs. ``token`` guards writes; ``read_only`` removes the write routes."""

    db: str = DEFAULT_DB
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    default_limit: int = DEFAULT_LIMIT
    max_limit: int = MAX_LIMIT
    cache_seconds: int = 60
    read_only: bool = False
    lexicon: Path | None = None
    title: str = "geoevents"

    def __post_init__(self) -> None:
        if not 1 <= self.default_limit <= self.max_limit:
            raise ConfigError(
                f"page limits must satisfy 1 <= default ({self.default_limit}) "
                f"<= maximum ({self.max_limit})"
            )
        if self.max_body_bytes < 1:
            raise ConfigError(f"the body limit must be positive, got {self.max_body_bytes}")
        if self.cache_seconds < 0:
            raise ConfigError(f"cache seconds must be >= 0, got {self.cache_seconds}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ApiSettings:
        """The shared settings (``GEOEVENTS_DB``, ``_API_TOKEN``, ``_CORS_ORIGINS``, ``_LEXICON``)
        plus ``GEOEVENTS_API_MAX_BODY``, ``_API_DEFAULT_LIMIT``, ``_API_MAX_LIMIT``,
        ``_API_CACHE_SECONDS`` and ``_API_READ_ONLY`` (1/true/yes)."""
        env = os.environ if environ is None else environ
        core = Settings.from_env(env)
        return cls(
            db=core.db,
            token=core.api_token,
            cors_origins=core.cors_origins,
            lexicon=core.lexicon,
            max_body_bytes=_int(env, "API_MAX_BODY", MAX_BODY_BYTES),
            default_limit=_int(env, "API_DEFAULT_LIMIT", DEFAULT_LIMIT),
            max_limit=_int(env, "API_MAX_LIMIT", MAX_LIMIT),
            cache_seconds=_int(env, "API_CACHE_SECONDS", 60),
            read_only=_flag(env, "API_READ_ONLY"),
        )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(f"GEOEVENTS_{name}", "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"GEOEVENTS_{name} must be a whole number, got {raw!r}") from None


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(f"GEOEVENTS_{name}", "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"GEOEVENTS_{name} must be true or false, got {raw!r}")
