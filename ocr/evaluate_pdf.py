"""Accuracy and speed on PDF e-receipts with their expected fields.

    python -m ocr.evaluate_pdf ../shared/eval/pdf
    python -m ocr.evaluate_pdf ../shared/eval/pdf --verbose     # each document's fields
    python -m ocr.evaluate_pdf ../shared/eval/pdf --ocr         # OCR the renderings instead

A folder of ``NAME.pdf`` with ``NAME.expected.json`` (``issuer``, ``date``, ``amount`` = the
total, ``currency``; a list of one such entry, as in shared/eval/pdf). Each PDF goes the
panel's way: checked and its pages rendered (``ocr.pdf.read_pdf``), read from its text layer
where every page has one (``ocr.read.text_layer``), else by OCR of the rendered pages
(``ocr.prepare`` and the default engine), then ``ocr.understand`` (without second readings on
a text layer: its words are exact). Prints the share of documents whose issuer, date, total
and currency were read right, and median and mean seconds per document (checking, rendering
and reading included), one process, single-threaded.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from ocr import understand
from ocr.evaluation.scoring import merchant_matches
from ocr.pdf import PdfLimits, read_pdf
from ocr.prepare.steps import prepare
from ocr.read import text_layer
from ocr.read.engine import make_engine

TODAY = date(2026, 1, 1)
FIELDS = ("issuer", "date", "total", "currency")


def read_document(path: Path, engine, country: str | None = None, ocr_only: bool = False):
    """The parsed receipt of one PDF, and whether its text layer was read."""
    document = read_pdf(path.read_bytes(), PdfLimits(max_pages=20))
    if document.has_text and not ocr_only:
        image, page = text_layer.reading(document.pages, document.layers)
        return understand(image, page, engine, TODAY, country, price_look=False,
                          date_look=False, whole_look=False)[1], True
    image = prepare(document.pages)
    return understand(image, engine.read(image), engine, TODAY, country)[1], False


def score(expected: dict, receipt) -> dict:
    """Each labelled field right or not; a field without a label (one document has no
    ``amount``) is left out of its rate."""
    result = {
        "issuer": merchant_matches(expected["issuer"], receipt.merchant),
        "date": receipt.purchase_date is not None
        and receipt.purchase_date.isoformat() == expected["date"],
        "currency": receipt.currency == expected.get("currency"),
    }
    if "amount" in expected:
        result["total"] = receipt.total is not None and receipt.total == Decimal(
            str(expected["amount"])).quantize(Decimal("0.01"))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--country", default=None, help="the panel's country, as a prior")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--ocr", action="store_true",
                        help="read the rendered pages by OCR even where a text layer is")
    args = parser.parse_args(argv)
    engine = make_engine()
    rows, seconds, layers = [], [], 0
    for path in sorted(args.folder.glob("*.pdf")):
        expected = json.loads(path.with_suffix(".expected.json").read_text())[0]
        started = time.perf_counter()
        receipt, from_layer = read_document(path, engine, args.country, args.ocr)
        seconds.append(time.perf_counter() - started)
        layers += from_layer
        rows.append(score(expected, receipt))
        if args.verbose:
            print(f"{path.name:28} {'text' if from_layer else 'ocr ':4} "
                  f"{receipt.merchant!s:28.28} {receipt.purchase_date!s:10} "
                  f"{receipt.total!s:>9} {receipt.currency!s:3}  "
                  + " ".join(f"{name}={'ok' if right else '--'}"
                             for name, right in rows[-1].items()))
    count = len(rows)
    print(f"{count} PDFs ({layers} read from their text layer, {count - layers} by OCR)")
    for name in FIELDS:
        labelled = [row[name] for row in rows if name in row]
        right = sum(labelled)
        print(f"  {name:9} {right:3}/{len(labelled)}  {right / len(labelled):6.1%}")
    print(f"  seconds per document: median {statistics.median(seconds):.3f}, "
          f"mean {statistics.mean(seconds):.3f}, max {max(seconds):.3f}")


if __name__ == "__main__":
    main()
