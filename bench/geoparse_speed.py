"""Geoparser throughput, start-up time and memory.

    python bench/geoparse_speed.py [CORPUS_DIR_OR_JSONL] [--docs N] [--json]

Given a folder (gwn.jsonl is used) or a JSON Lines file with a "text" field, parses those
articles; without one, parses a generated corpus of news-length articles. Figures:

- articles/s after start-up on one core: the parser is single-threaded; the gazetteer index
  is cached and the parser warmed on a first pass, the second pass is timed. Both CPU time
  (what one core delivers, whatever else the machine is doing) and wall time are shown;
- the baseline: one plain regular-expression word tokenisation of the same texts in the same
  run, and the ratio of the two (how many tokenisation passes one geoparse costs);
- start-up: a fresh interpreter that imports geoevents, opens the cached index and parses one
  report, timed from outside (wall and the child's CPU time);
- peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from geoevents.geoparse import Geoparser
from geoevents.model import Report

TARGET_ARTICLES_PER_S = 500
TARGET_STARTUP_S = 1.5
TARGET_RSS_MB = 1500
_WORD = re.compile(r"\w+")

_STARTUP = """
from geoevents.geoparse import Geoparser
from geoevents.model import Report
Geoparser().parse(Report("1", "Shelling hit Kharkiv on Friday, officials in Kyiv said."))
"""

_PLACES = [
    "Kharkiv",
    "Odesa",
    "Lviv",
    "the Donetsk region",
    "Springfield, Illinois",
    "Paris",
    "Nairobi",
    "Khartoum",
    "the Gaza Strip",
    "Mosul",
    "Aleppo",
    "Manila",
    "Lagos",
]
_EVENTS = [
    "Officials reported shelling near {}",
    "Witnesses said drones struck {}",
    "Police confirmed protests in {}",
    "Rescuers described flooding across {}",
    "Diplomats announced talks in {}",
]
_FILLER = [
    "The statement gave no figures for casualties and could not be verified",
    "Residents said the power had been cut for several hours",
    "Aid groups asked for safe passage for convoys carrying food and medicine",
    "Prices of bread and fuel rose sharply in the following days",
]


def generated_corpus(n: int, seed: int = 7) -> list[str]:
    """News-length articles (about 2,500 characters, a dozen place names, like GeoWebNews)
    written from a small phrase book."""
    rng = random.Random(seed)
    articles = []
    for _ in range(n):
        sentences: list[str] = []
        while sum(len(s) for s in sentences) < 2500:
            event = rng.choice(_EVENTS).format(rng.choice(_PLACES))
            when = rng.choice(["Monday", "Tuesday", "Friday"])
            sentences.append(f"{event} on {when}. {rng.choice(_FILLER)}.")
        articles.append(" ".join(sentences))
    return articles


def load_texts(source: Path | None, n: int) -> tuple[list[str], str]:
    if source is None:
        return generated_corpus(n), f"generated ({n} articles)"
    path = source / "gwn.jsonl" if source.is_dir() else source
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return texts[:n], f"{path} ({min(n, len(texts))} articles)"


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) that ``work`` takes."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def startup_seconds() -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh process that parses one report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _STARTUP], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("source", type=Path, nargs="?", help="corpus folder or JSONL file")
    ap.add_argument("--docs", type=int, default=500, help="articles to parse (default 500)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    texts, described = load_texts(args.source, args.docs)
    reports = [Report(id=str(i), text=t) for i, t in enumerate(texts)]
    parser = Geoparser()
    for report in reports:  # warm-up: opens the index, fills the lookup caches
        parser.parse(report)

    parse_wall, parse_cpu = timed(lambda: [parser.parse(r) for r in reports])
    _, baseline_cpu = timed(lambda: [_WORD.findall(t) for t in texts])
    startup_wall, startup_cpu = startup_seconds()
    n = len(texts)
    result = {
        "corpus": described,
        "chars_per_article": round(sum(map(len, texts)) / n),
        "articles_per_cpu_s": round(n / parse_cpu, 1),
        "articles_per_wall_s": round(n / parse_wall, 1),
        "baseline_regex_articles_per_cpu_s": round(n / baseline_cpu, 1),
        "cost_in_tokenisation_passes": round(parse_cpu / baseline_cpu, 1),
        "startup_wall_s": round(startup_wall, 3),
        "startup_cpu_s": round(startup_cpu, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
    else:
        print(f"corpus: {result['corpus']}, {result['chars_per_article']} characters per article")
        print(
            f"geoparse:  {result['articles_per_cpu_s']:>10.1f} articles per CPU second "
            f"(target >= {TARGET_ARTICLES_PER_S}); "
            f"{result['articles_per_wall_s']:.1f} per wall second"
        )
        print(
            f"baseline:  {result['baseline_regex_articles_per_cpu_s']:>10.1f} articles per CPU "
            f"second (one regex word tokenisation pass)"
        )
        print(f"ratio:     {result['cost_in_tokenisation_passes']:>10.1f}x a tokenisation pass")
        print(
            f"start-up:  {result['startup_wall_s']:>10.3f} s wall, {result['startup_cpu_s']:.3f} s "
            f"CPU (fresh process, cached index; target < {TARGET_STARTUP_S})"
        )
        print(f"peak RSS:  {result['peak_rss_mb']:>10.1f} MB (target < {TARGET_RSS_MB})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
