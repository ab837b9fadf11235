"""Toponym recognition and resolution quality on the geoparsing corpora.

    python bench/geoparse_eval.py CORPUS_DIR [--json] [--corpus gwn ...]

CORPUS_DIR holds gwn.jsonl (GeoWebNews), trnews.jsonl (TR-News), geovirus.jsonl (GeoVirus)
and the corpora's own score.py, which this script imports from that folder so the figures
are the scorer's, not ours. Two configurations are scored: ``default`` (the product:
demonyms are not places) and ``adjectival`` (demonyms such as "French" are emitted as
toponyms of their country, as GeoWebNews and TR-News annotate them).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from geoevents.geoparse import Geoparser
from geoevents.model import Report

CORPORA = {"gwn": "GeoWebNews", "trnews": "TR-News", "geovirus": "GeoVirus"}
TARGETS = {"gwn": {"f1": 0.75, "acc161": 0.90}}


def load_scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{folder}/score.py: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(parser: Geoparser, docs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The scorer's prediction shape: toponym spans with coordinates, per document id."""
    predictions = {}
    for doc_id, doc in docs.items():
        event = parser.parse(Report(id=doc_id, text=doc["text"]))
        predictions[doc_id] = {
            "id": doc_id,
            "toponyms": [
                {
                    "start": t.start,
                    "end": t.end,
                    "lat": t.place.lat if t.place else None,
                    "lon": t.place.lon if t.place else None,
                }
                for t in event.toponyms
            ],
        }
    return predictions


def summarise(result: dict[str, Any], seconds: float) -> dict[str, Any]:
    rec, res = result["recognition_overlap"], result["resolution"]
    return {
        "docs": result["docs"],
        "precision": round(rec["precision"], 4),
        "recall": round(rec["recall"], 4),
        "f1": round(rec["f1"], 4),
        "f1_exact": round(result["recognition_exact"]["f1"], 4),
        "acc161": round(res["acc@161km"], 4),
        "acc161_all": round(res["acc@161km(all)"], 4),
        "mean_km": round(res["mean_km"], 1),
        "median_km": round(res["median_km"], 1),
        "auc": round(res["auc"], 4),
        "seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus_dir", type=Path)
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: all three")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)

    scorer = load_scorer(args.corpus_dir)
    parsers = {"default": Geoparser(), "adjectival": Geoparser(adjectival=True)}
    report: dict[str, dict[str, Any]] = {}
    for key in args.corpus or list(CORPORA):
        path = args.corpus_dir / f"{key}.jsonl"
        if not path.is_file():
            raise SystemExit(f"{path}: not found")
        gold = scorer.load(str(path))
        for config, parser in parsers.items():
            started = time.perf_counter()
            predictions = predict(parser, gold)
            elapsed = time.perf_counter() - started
            report[f"{key}/{config}"] = summarise(scorer.score(gold, predictions), elapsed)

    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
    else:
        print_table(report)
    return 0


def print_table(report: dict[str, dict[str, Any]]) -> None:
    header = (
        f"{'corpus':<12}{'config':<12}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'acc@161':>9}{'mean km':>9}{'median':>8}{'AUC':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, row in report.items():
        key, config = name.split("/")
        print(
            f"{CORPORA[key]:<12}{config:<12}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
            f"{row['acc161']:>9.3f}{row['mean_km']:>9.0f}{row['median_km']:>8.1f}{row['auc']:>7.3f}"
        )
    for key, target in TARGETS.items():
        for config in ("default", "adjectival"):
            row = report.get(f"{key}/{config}")
            if row:
                met = row["f1"] >= target["f1"] and row["acc161"] >= target["acc161"]
                print(
                    f"{CORPORA[key]} {config}: target F1 >= {target['f1']}, acc@161 >= "
                    f"{target['acc161']}: {'met' if met else 'not met'}"
                )


if __name__ == "__main__":
    sys.exit(main())
