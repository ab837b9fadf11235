"""Headless Chromium for looking at maps: screenshots, benchmarks and browser tests.

It drives the system's Chromium (``/usr/bin/chromium`` or ``GEOEVENTS_CHROMIUM``) through
Playwright, so nothing is downloaded. On a page passed through ``offline`` only local files
and ``data:`` URLs load; every other request is answered from the packaged copy of a known
CDN asset or refused, so the page behaves as it would with the network cut off.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from geoevents.errors import ConfigError
from maps import assets

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

DEFAULT_CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)

_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def chromium_path() -> str:
    """The Chromium executable to drive."""
    return os.environ.get("GEOEVENTS_CHROMIUM", DEFAULT_CHROMIUM)


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium; Playwright gives each launch a fresh, throw-away profile."""
    executable = chromium_path()
    if not Path(executable).exists():
        raise ConfigError(f"Chromium not found at {executable} (set GEOEVENTS_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True,
                                     args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def offline(page: Page, *, serve_assets: bool = False) -> list[str]:
    """Refuse every non-local request the page makes; return the list of refused URLs.

    With ``serve_assets`` the known CDN scripts and stylesheets are answered from their
    packaged copies, so an online map can be tested without a network.
    """
    refused: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        copy = assets.local_copy(url) if serve_assets else None
        if url.startswith(_LOCAL_SCHEMES):
            route.continue_()
        elif copy is not None:
            mime = mimetypes.guess_type(copy.name)[0] or "application/octet-stream"
            route.fulfill(status=200, content_type=mime, body=copy.read_bytes())
        else:
            refused.append(url)
            route.abort("internetdisconnected")

    page.route("**/*", handle)
    return refused


def wait_until_drawn(page: Page, timeout_ms: float = 30_000) -> None:
    """Wait until a geoevents map has drawn its events (or failed to)."""
    page.wait_for_selector(
        ".folium-map[data-geoevents=ready], .folium-map[data-geoevents=error]",
        state="attached", timeout=timeout_ms,
    )
