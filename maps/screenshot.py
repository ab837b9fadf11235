"""A PNG of a map page, taken in headless Chromium with the network cut off.

    python -m maps.screenshot map.html map.png [--width 1280] [--height 800] [--tiles]

Without ``--tiles`` every non-local request is refused (CDN scripts are served from their
packaged copies), so the picture is the same on any machine: events on a plain background.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geoevents.errors import GeoeventsError
from maps.browser import chromium, offline, wait_until_drawn


def screenshot(page_path: Path, png_path: Path, *, width: int = 1280, height: int = 800,
               tiles: bool = False) -> None:
    """Open ``page_path`` and save what it shows, once the events are drawn, to ``png_path``."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        if not tiles:
            offline(page, serve_assets=True)
        page.goto(page_path.resolve().as_uri())
        wait_until_drawn(page)
        page.wait_for_timeout(500 if not tiles else 3000)  # let tiles and fades settle
        page.screenshot(path=str(png_path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m maps.screenshot", description=__doc__.split("\n")[0])
    parser.add_argument("page", type=Path, help="the map's HTML file")
    parser.add_argument("png", type=Path, help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--tiles", action="store_true", help="let basemap tiles load from the network")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"{args.page}: no such file")
    try:
        screenshot(args.page, args.png, width=args.width, height=args.height, tiles=args.tiles)
    except GeoeventsError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
