"""Accuracy and speed on a labelled receipt set: ``python -m ocr.evaluate /work/shared/eval``.

Reads ``manifest.json`` (image, merchant slug, date_iso, total) and prints the share of
receipts whose merchant, date and total the pipeline gets exactly, and the median seconds
per receipt (prepare + OCR + parse). Runs one process per core.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from datetime import date
from decimal import Decimal
from multiprocessing import Pool
from pathlib import Path

from PIL import Image, ImageOps

from ocr import ParsedReceipt, read_receipt


def evaluate_one(args: tuple[str, dict]) -> dict:
    folder, entry = args
    with Image.open(Path(folder) / entry["image"]) as photo:
        pages = [ImageOps.exif_transpose(photo).convert("RGB")]
    started = time.perf_counter()
    _, _, receipt = read_receipt(pages, today=date(2026, 1, 1))
    return {"image": entry["image"], "seconds": time.perf_counter() - started,
            **score(entry, receipt)}


def score(entry: dict, receipt: ParsedReceipt) -> dict[str, bool]:
    slug = re.sub(r"[^a-z]", "", (receipt.merchant or "").lower())
    return {
        "merchant": bool(slug) and entry["merchant"] in slug,
        "date": receipt.purchase_date is not None
        and receipt.purchase_date.isoformat() == entry["date_iso"],
        "total": receipt.total == Decimal(entry["total"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    entries = json.loads((Path(options.folder) / "manifest.json").read_text())
    with Pool(options.jobs) as pool:
        results = pool.map(evaluate_one, [(options.folder, e) for e in entries])
    for result in results if options.verbose else []:
        print(result)
    for field in ("merchant", "date", "total"):
        hits = sum(r[field] for r in results)
        print(f"{field:9} {hits}/{len(results)} = {hits / len(results):.0%}")
    print(f"median seconds per receipt: {statistics.median(r['seconds'] for r in results):.2f}")


if __name__ == "__main__":
    main()
