"""Accuracy and speed on labelled receipt sets, per set and engine.

    python -m ocr.evaluate ../shared/eval                 # every set there (both real sets)
    python -m ocr.evaluate ../shared/eval/srd-manifest.json --synthetic 60   # two sets
    python -m ocr.evaluate --synthetic 90 --locales world # generated, nine countries' styles
    python -m ocr.evaluate DIR --engines tesseract --json report.json
    python -m ocr.evaluate ../shared/eval --engines tesseract --no-price-look --no-date-look
    python -m ocr.evaluate ../shared/eval --country DE    # the panel's country as a prior

A set is a manifest (``manifest.json`` or ``NAME-manifest.json``: image, merchant (a brand
slug, or the name as printed), date_iso, total, and optionally labelled items, as in
shared/eval); a folder stands for every manifest in it. Prints per set and engine the
exact-match rates for merchant, date and total, item precision and recall where items are
labelled, the share of receipts whose items add up to the right total, the share sent to
review, the share with a wrong key field that was *not* sent to review (wrong data nobody
checks), and median and p90 seconds per receipt
(prepare + read + parse + the second readings of the price column and the date, see
``ocr.second_reading``) beside the engine's own reading time (the second readings count as
engine time; their own mean seconds per receipt are a column too). One process per core, each single-threaded.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import date
from multiprocessing import Pool
from pathlib import Path

from PIL import Image, ImageOps

from ocr import understand
from ocr.evaluation.scoring import score, summarise
from ocr.prepare.steps import prepare
from ocr.read.engine import ENGINE_NAMES, make_engine

COLUMNS = [("merchant", "merchant"), ("date", "date"), ("total", "total"),
           ("item_precision", "item P"), ("item_recall", "item R"), ("adds_up", "adds up"),
           ("needs_review", "review"), ("wrong_unreviewed", "unchecked")]
FALLBACK_TODAY = date(2026, 1, 1)  # the real eval scans are from 2016-2020


def evaluate_one(job: tuple) -> dict:
    folder, engine_name, entry, *options = job
    prices, dates, whole = options[0] if options else (True, True, True)
    country = options[1] if len(options) > 1 else None
    with Image.open(Path(folder) / entry["image"]) as photo:
        pages = [ImageOps.exif_transpose(photo).convert("RGB")]
    today = date.fromisoformat(entry["today"]) if "today" in entry else FALLBACK_TODAY
    engine = make_engine(engine_name)
    started = time.perf_counter()
    image = prepare(pages)
    before_engine = time.perf_counter()
    page = engine.read(image)
    engine_seconds = time.perf_counter() - before_engine
    before_understanding = time.perf_counter()
    page, receipt = understand(image, page, engine, today, country, prices, dates, whole)
    look_seconds = time.perf_counter() - before_understanding  # RapidOCR's readings, mostly
    return {"image": entry["image"], "engine": engine_name,
            "seconds": time.perf_counter() - started,
            "engine_seconds": engine_seconds + look_seconds, "look_seconds": look_seconds,
            **score(entry, receipt)}


def evaluate(source: str | Path, engines: list[str], jobs: int = 0,
             limit: int | None = None, names: list[str] | None = None,
             looks: tuple[bool, bool, bool] = (True, True, True), country: str | None = None
             ) -> dict:
    """Results and summary per engine for one set (a manifest, or a folder's
    ``manifest.json``): ``{engine: {"summary": ..., "results": [...]}}``; ``looks``: whether
    the price, date and whole-receipt second readings run; ``country``: the panel's country."""
    manifest = Path(source)
    if manifest.is_dir():
        manifest = manifest / "manifest.json"
    entries = json.loads(manifest.read_text())
    if names:
        entries = [e for e in entries if Path(e["image"]).name in names]
    entries = entries[:limit]
    report = {}
    with Pool(jobs or os.cpu_count() or 1, initializer=warm_up, initargs=(engines,)) as pool:
        for engine in engines:
            work = [(str(manifest.parent), engine, e, looks, country) for e in entries]
            results = pool.map(evaluate_one, work, chunksize=1)
            summary = summarise(results)
            summary["mean_look_seconds"] = sum(r["look_seconds"] for r in results) / max(
                1, len(results))
            report[engine] = {"summary": summary, "results": results}
    return report


def manifests(path: str | Path) -> list[Path]:
    """The sets a path stands for: a manifest, or every manifest in a folder."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    return sorted(path.glob("manifest.json")) + sorted(path.glob("*-manifest.json"))


def set_name(manifest: Path) -> str:
    """``srd`` for ``srd-manifest.json``; the folder's own name for ``manifest.json`` (or the
    folder its images are in)."""
    if manifest.name != "manifest.json":
        return manifest.name.removesuffix("-manifest.json")
    first = json.loads(manifest.read_text())[:1]
    folder = Path(first[0]["image"]).parent.name if first else ""
    return folder or manifest.parent.name


def warm_up(engines: list[str]) -> None:
    """Load each engine's models once per process, outside the timed part (RapidOCR's too
    when it reads the price column again)."""
    for name in engines:
        make_engine(name).read(Image.new("RGB", (64, 32), "white"))
    from ocr.read.rapid import recognise_lines
    recognise_lines([Image.new("RGB", (96, 32), "white")])


def table(report: dict) -> str:
    header = "set         engine     " + "".join(f"{label:>9}" for _, label in COLUMNS) + \
        "   median s  p90 s  engine median s  engine p90 s  re-read s"
    rows = [header]
    for name, engines in report.items():
        for engine, part in engines.items():
            s = part["summary"]
            cells = "".join(f"{s[key]:>9.0%}" if key in s else f"{'-':>9}"
                            for key, _ in COLUMNS)
            rows.append(
                f"{name[:11]:<12}{engine:<11}{cells}   {s['median_seconds']:>8.2f} "
                f"{s['p90_seconds']:>6.2f}  {s['median_engine_seconds']:>15.2f} "
                f"{s['p90_engine_seconds']:>13.2f}  {s.get('mean_look_seconds', 0.0):>9.2f}")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", help="manifests, or folders of manifests")
    parser.add_argument("--synthetic", type=int, default=0, help="also N generated photos")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--locales", default=None,
                        help="generated receipts in these styles or groups (e.g. world, en-MY)")
    parser.add_argument("--engines", default=",".join(ENGINE_NAMES))
    parser.add_argument("--jobs", type=int, default=0, help="processes (default: cores)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--country", default=None,
                        help="the panel's country (ISO code), as PANEL_COUNTRY")
    parser.add_argument("--json", default="ocr-evaluation.json", help="report path")
    parser.add_argument("--no-price-look", action="store_true",
                        help="do not read the price column again when items do not add up")
    parser.add_argument("--no-date-look", action="store_true",
                        help="do not read the date's words again when not read twice alike")
    parser.add_argument("--no-whole-look", action="store_true",
                        help="do not read a poorly read receipt again with RapidOCR")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    if not options.sets and options.synthetic <= 0:
        raise SystemExit("give manifests or folders, or --synthetic N")
    report = {}
    with tempfile.TemporaryDirectory() as scratch:
        sources = [(set_name(m), m) for path in options.sets for m in manifests(path)]
        if options.synthetic > 0:
            sources.append((f"synthetic-{options.locales or options.seed}", synthetic_folder(
                scratch, options.synthetic, options.seed, options.locales)))
        for name, source in sources:
            report[name] = evaluate(source, options.engines.split(","), options.jobs,
                                    options.limit, country=options.country,
                                    looks=(not options.no_price_look, not options.no_date_look,
                                           not options.no_whole_look))
            print(f"{name}: {next(iter(report[name].values()))['summary']['receipts']} "
                  f"receipts from {source}", flush=True)
    for engines in report.values() if options.verbose else []:
        for part in engines.values():
            for result in part["results"]:
                print(result)
    print(table(report))
    Path(options.json).write_text(json.dumps(report, indent=1))
    print(f"report written to {options.json}")


def synthetic_folder(scratch: str, count: int, seed: int, locales: str | None = None) -> str:
    from ocr.synthetic import write_set
    styles = locales.split(",") if locales and "," in locales else locales
    return str(write_set(Path(scratch) / "synthetic", count, seed, locales=styles))


if __name__ == "__main__":
    main()
