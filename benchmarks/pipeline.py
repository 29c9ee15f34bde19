"""The pipeline's reading and redaction work against raw tesseract on the same images.

    python -m benchmarks.pipeline ../shared/eval [--limit N]
    python -m benchmarks.pipeline ../shared/eval/srd-manifest.json   # US phone photos

Per receipt, one process, OMP_THREAD_LIMIT=1: the baseline is tesseract alone
(``image_to_data``, psm 6) on the prepared image, and a second baseline is the OCR engine's
own first reading (``ocr.TesseractEngine.read``: lighting evened out, no inverted-text pass).
The pipeline is what a worker does between loading the photo and storing the result: OCR,
``ocr.understand`` (parse, and the second readings: whole look, price look, date look) and
``redaction.redact`` (analyze, decide, paint and verify: reading again the bands around the
paint, as the pipeline does, widening if needed; redact the fields), and encode the JPEG; for comparison, the same with the whole painted page read again
(``scope="page"``). Storage and database time are not included. Each receipt is timed by all
four in turn, ``--repeat`` times, and the fastest time of each counts: load from other work
on a shared machine only ever adds time, so the minimum is closest to the cost itself.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

import ocr  # noqa: E402
import redaction  # noqa: E402


def raw_tesseract(image: Image.Image, lang: str) -> float:
    started = time.perf_counter()
    pytesseract.image_to_data(image, lang=lang, config="--psm 6")
    return time.perf_counter() - started


def engine_read(image: Image.Image, lang: str) -> float:
    started = time.perf_counter()
    ocr.TesseractEngine(lang=lang).read(image)
    return time.perf_counter() - started


def pipeline(image: Image.Image, lang: str, scope: str = "painted") -> float:
    """What the worker does, through the same two functions: ``ocr.understand`` (parse and
    the second readings) and ``redaction.redact``; then the JPEG it stores."""
    started = time.perf_counter()
    engine = ocr.TesseractEngine(lang=lang)
    page, parsed = ocr.understand(image, engine.read(image), engine)
    result = redaction.redact(image, page, parsed, engine, scope=scope)
    if result.painted is not None:
        result.painted.save(io.BytesIO(), format="JPEG", quality=85)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--limit", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3, help="runs per receipt; fastest counts")
    parser.add_argument("--lang", default="deu+eng",
                        help="tesseract languages for both (the service's OCR_LANGUAGES default)")
    options = parser.parse_args()
    manifest = Path(options.folder)
    manifest = manifest / "manifest.json" if manifest.is_dir() else manifest
    entries = json.loads(manifest.read_text())
    rows = []
    for entry in entries[:options.limit]:
        with Image.open(manifest.parent / entry["image"]) as photo:
            prepared = ocr.prepare([ImageOps.exif_transpose(photo).convert("RGB")])
        lang = options.lang
        runs = [(raw_tesseract(prepared, lang), engine_read(prepared, lang),
                 pipeline(prepared, lang), pipeline(prepared, lang, "page"))
                for _ in range(options.repeat)]
        rows.append(tuple(min(times) for times in zip(*runs)))
    raw, first, full, page = zip(*rows)
    print(f"receipts: {len(rows)}, one process, OMP_THREAD_LIMIT=1, languages {options.lang},"
          f" fastest of {options.repeat}")
    print(f"{'':40}{'median s':>10}{'p90 s':>10}{'per s':>10}{'/ raw':>8}")
    for name, times in (("raw tesseract (baseline)", raw),
                        ("the engine's reading alone", first),
                        ("pipeline (verify around the paint)", full),
                        ("pipeline (verify the whole page)", page)):
        p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
        print(f"{name:40}{statistics.median(times):10.2f}{p90:10.2f}"
              f"{len(times) / sum(times):10.2f}{sum(times) / sum(raw):7.2f}x")
    print(f"pipeline / raw tesseract: {sum(full) / sum(raw):.2f}x "
          f"(whole-page verification: {sum(page) / sum(raw):.2f}x); median of the per-receipt"
          f" ratios {statistics.median(f / r for f, r in zip(full, raw)):.2f}x"
          f" ({statistics.median(p / r for p, r in zip(page, raw)):.2f}x)")
    print(f"pipeline / the engine's reading alone: {sum(full) / sum(first):.2f}x "
          f"(whole-page verification: {sum(page) / sum(first):.2f}x)")


if __name__ == "__main__":
    main()
