"""How fast the report readers stream, against plain line iteration over the same file.

    python bench/readers.py [--reports 200000] [--seed-dir DIR]

For each format it writes a file of N reports (sentences drawn from examples/, or from the
liveblogs in --seed-dir), then times, in this one process: the baseline (iterating the file's
lines in binary, decoding nothing), and ``read_reports`` over it. It prints reports/s, MB/s,
the ratio of the reader's time to the baseline's, and the peak traced memory of the reader.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

from geoevents.readers import read_reports

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HEADER = "Benchmark liveblog\n20240316\nhttps://example.org/bench\n"


def sentences(seed_dir: Path | None) -> list[str]:
    """Report texts of the sample liveblog, or of every liveblog in ``seed_dir``."""
    files = sorted(seed_dir.glob("*.txt")) if seed_dir else [EXAMPLES / "liveblog-sample.txt"]
    texts = [report.text for path in files for report in read_reports(path, "liveblog")]
    if not texts:
        raise SystemExit("no reports found")
    return texts


def write_inputs(folder: Path, lines: list[str], count: int) -> dict[str, Path]:
    """One file per format holding ``count`` reports."""
    def pick() -> Iterator[tuple[int, str]]:
        return ((i, lines[i % len(lines)]) for i in range(count))

    paths = {"liveblog": folder / "bench.txt", "jsonl": folder / "bench.jsonl",
             "text": folder / "bench.text"}
    with paths["liveblog"].open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.writelines(f"{line}\n" for _, line in pick())
    with paths["jsonl"].open("w", encoding="utf-8") as out:
        out.writelines(
            json.dumps({"id": i, "text": line, "published": "2024-03-16"}) + "\n" for i, line in pick()
        )
    with paths["text"].open("w", encoding="utf-8") as out:
        out.writelines(f"{line}\n\n" for _, line in pick())
    return paths


def timed(run: Callable[..., int], *args: object) -> tuple[float, int]:
    """Best of three: seconds and the count ``run(*args)`` returned."""
    best, count = float("inf"), 0
    for _ in range(3):
        started = time.perf_counter()
        count = run(*args)
        best = min(best, time.perf_counter() - started)
    return best, count


def baseline(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


def count_reports(path: Path, fmt: str) -> int:
    return sum(1 for _ in read_reports(path, fmt))


def peak_memory(path: Path) -> int:
    tracemalloc.start()
    try:
        for _ in read_reports(path):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200_000, help="reports per file")
    parser.add_argument("--seed-dir", type=Path, help="a folder of liveblog .txt files")
    args = parser.parse_args()

    lines = sentences(args.seed_dir)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_inputs(Path(tmp), lines, args.reports)
        print(f"{'format':<9} {'reports/s':>11} {'MB/s':>7} {'x baseline':>10} {'peak KiB':>9}")
        for fmt, path in paths.items():
            base, _ = timed(baseline, path)
            seconds, count = timed(count_reports, path, fmt)
            assert count == args.reports, (fmt, count)
            megabytes = path.stat().st_size / 1e6
            print(f"{fmt:<9} {count / seconds:>11,.0f} {megabytes / seconds:>7.1f} "
                  f"{seconds / base:>10.1f} {peak_memory(path) / 1024:>9.0f}")


if __name__ == "__main__":
    main()
