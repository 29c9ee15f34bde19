"""The benchmark suite in one command: every figure beside a baseline measured in the same run,
on the same machine, printed as one table (figure, baseline, ratio, goal, met or not).

    python -m benchmarks [--quick] [--only upload reading pipeline close release worker]

One after another: uploads of a 1.5 MB photo by 16 clients under gunicorn against a bare
endpoint (benchmarks.upload); a 5,000-receipt list read page by page against its SQL
(benchmarks.reading); the pipeline against raw tesseract on real scans (benchmarks.pipeline's
own two timings); the month close against a bare aggregate (benchmarks.close_period); a
release to a recipient against the bare aggregate of the same figures (benchmarks.release); a
worker job's memory and seconds for the worst uploads the limits allow against a normal
receipt's (benchmarks.worker_memory).
Needs PostgreSQL on 127.0.0.1 (TEST_POSTGRES_ADMIN) and ../shared/eval for the pipeline.
``--quick`` finishes in a few minutes; without it, longer loads and the full sizes.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks import close_period, reading, release, served, upload, worker_memory
from benchmarks.table import Figure, render

SIZES = {
    "quick": {"upload_seconds": 8, "reading_passes": 1, "pipeline_receipts": 3,
              "pipeline_repeat": 2, "close_panelists": 20_000, "release_panelists": 20_000},
    "full": {"upload_seconds": 30, "reading_passes": 3, "pipeline_receipts": 12,
             "pipeline_repeat": 3, "close_panelists": 100_000, "release_panelists": 100_000},
}
EVAL = served.ROOT.parent / "shared" / "eval"


def pipeline_figures(folder: Path, receipts: int, repeat: int) -> list[Figure]:
    """benchmarks.pipeline's two timings (one process, OMP_THREAD_LIMIT=1, the service's
    languages) on the first scans, the fastest of ``repeat`` runs of each receipt."""
    from PIL import Image, ImageOps

    import ocr
    from benchmarks.pipeline import pipeline, raw_tesseract
    lang, raw, full = os.environ.get("OCR_LANGUAGES", "deu+eng"), [], []
    for entry in json.loads((folder / "manifest.json").read_text())[:receipts]:
        with Image.open(folder / entry["image"]) as photo:
            prepared = ocr.prepare([ImageOps.exif_transpose(photo).convert("RGB")])
        runs = [(raw_tesseract(prepared, lang), pipeline(prepared, lang)) for _ in range(repeat)]
        raw.append(min(times[0] for times in runs))
        full.append(min(times[1] for times in runs))
    cost = sum(full) / sum(raw)
    return [
        Figure(f"pipeline, {len(raw)} real scans: receipts/s per core", len(full) / sum(full),
               len(raw) / sum(raw)),
        Figure("pipeline: s per receipt (cost against raw OCR)", sum(full) / len(full),
               sum(raw) / len(raw), "at most 1.3x raw OCR", cost <= 1.3),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short runs, a few minutes")
    parser.add_argument("--only", nargs="+",
                        choices=["upload", "reading", "pipeline", "close", "release", "worker"],
                        default=["upload", "reading", "pipeline", "close", "release", "worker"])
    parser.add_argument("--eval", type=Path, default=EVAL, help="folder with manifest.json")
    options = parser.parse_args()
    size = SIZES["quick" if options.quick else "full"]
    runs = {  # each gives its figures and a line of notes
        "upload": lambda: (upload.measure(seconds=size["upload_seconds"]), None),
        "reading": lambda: reading.measure(passes=size["reading_passes"]),
        "pipeline": lambda: (pipeline_figures(options.eval, size["pipeline_receipts"],
                                              size["pipeline_repeat"]), None),
        "close": lambda: close_period.measure(size["close_panelists"]),
        "release": lambda: release.measure(size["release_panelists"]),
        "worker": worker_memory.measure,
    }
    began, load_before = time.monotonic(), os.getloadavg()
    figures, notes = [], []
    for name in options.only:
        print(f"benchmark: {name} ...", file=sys.stderr, flush=True)
        try:
            measured, note = runs[name]()
        except Exception as error:  # noqa: BLE001  (the other benchmarks still report)
            measured, note = [], f"{name}: FAILED, {type(error).__name__}: {error}"
        figures += measured
        notes += [note] if note else []
    if options.quick and "close" in options.only:
        notes.append("month close: its goal is set for 100,000 panelists; --quick closes "
                     f"{size['close_panelists']:,}, where the fixed part weighs more")
    print(render(figures))
    for note in notes:
        print(note)
    print(f"{os.cpu_count()} cores; load average {load_before[0]:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after; {time.monotonic() - began:.0f} s in all")
    print("baselines: upload, a bare WSGI app writing the same bytes to disk under the same "
          "gunicorn (last upload row: writing the photo to a file in process); reading, the "
          "listing's count and page SQL sent directly; pipeline, raw tesseract on the same "
          "prepared images; month close, the bare GROUP BY aggregate; release, the bare GROUP BY "
          "with no consent check, bound or noise; worker, a job on one normal "
          "12-megapixel receipt photo")


if __name__ == "__main__":
    main()
