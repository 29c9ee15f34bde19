"""Parsing alone, on receipts whose text is already transcribed: sets in the layout of the
public SROIE 2019 dataset (Malaysian receipts; ICDAR 2019, Huang et al.), which the
repository does not ship.

    python -m ocr.evaluate_text BOXES KEYS [--verbose] [--json report.json]

``BOXES`` holds one text file a receipt, a line a printed segment: its four corners and its
text (``x1,y1,x2,y2,x3,y3,x4,y4,TOTAL : 248.05``); ``KEYS`` one JSON file a receipt with its
``company`` (or a list of names each counted right: a name labelled over two lines, and its
first line), ``date`` and ``total`` (a field left out or null is not scored). A receipt's
files share the name up to the first dot (``X51005433494.txt`` in both, or
``X51005433494.boxes.txt`` and ``X51005433494.key.json``; the two folders may be one). Segments are joined into lines where their middles lie within a
line's height, left to right, every word read with confidence 0.95; ``ocr.parse`` reads the
page as it would a tesseract reading. Prints the shares of merchant, date and total right,
sent to review, and wrong but not sent to review, as ``ocr.evaluate`` does for photos.
"""
from __future__ import annotations

import argparse
import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ocr.evaluation.scoring import merchant_matches
from ocr.parse import parse
from ocr.parse.amounts import parse_amount
from ocr.parse.dates import find_dates
from ocr.types import Box, Line, OcrPage, Word

TODAY = date(2026, 1, 1)
CONFIDENCE = 0.95


def read_segments(text: str) -> list[tuple[Box, str]]:
    """Each segment's bounding box and text (a line that is not eight numbers and a text
    is left out)."""
    segments = []
    for row in text.splitlines():
        parts = row.split(",", 8)
        if len(parts) < 9 or not parts[8].strip():
            continue
        try:
            xs, ys = [int(v) for v in parts[0:8:2]], [int(v) for v in parts[1:8:2]]
        except ValueError:
            continue
        box = Box(min(xs), min(ys), max(1, max(xs) - min(xs)), max(1, max(ys) - min(ys)))
        segments.append((box, parts[8].strip()))
    return segments


def page_of(segments: list[tuple[Box, str]]) -> OcrPage:
    """The segments as an ``OcrPage``: lines top to bottom, words with boxes in proportion
    to their letters."""
    rows: list[tuple[Box, list[tuple[Box, str]]]] = []
    for box, text in sorted(segments, key=lambda s: (s[0].top + s[0].height / 2, s[0].left)):
        middle = box.top + box.height / 2
        row = next((r for r in rows if r[0].top <= middle <= r[0].bottom), None)
        if row:
            row[1].append((box, text))
        else:
            rows.append((box, [(box, text)]))
    lines = [Line([word for box, text in sorted(row, key=lambda s: s[0].left)
                   for word in words_of(box, text)]) for _, row in rows]
    lines = [line for line in lines if line.words]
    width = max((box.right for box, _ in segments), default=1)
    height = max((box.bottom for box, _ in segments), default=1)
    return OcrPage(width, height, lines, engine="transcribed")


def words_of(box: Box, text: str) -> list[Word]:
    words = []
    for found in re.finditer(r"\S+", text):
        left = box.left + box.width * found.start() // len(text)
        right = box.left + box.width * found.end() // len(text)
        words.append(Word(found.group(), Box(left, box.top, max(1, right - left), box.height),
                          CONFIDENCE))
    return words


def key_dates(text: str, either_order: bool = False) -> set[date]:
    """The labelled date, day first as in Malaysia ("25/12/2018", "25 DEC 2018",
    "20180428"); with ``either_order`` (a set from several countries, its labels copied as
    printed) also month first; empty where it cannot be read."""
    orders = (True, False) if either_order else (True,)
    return {found[0] for day_first in orders
            for found in [find_dates(f"{text.strip()} 00:00", TODAY, day_first)] if found}


def key_total(text: str) -> Decimal | None:
    """The labelled total as money ("RM 10.60", "Eur154,40", "1,007.50"), or a bare number
    ("205.5")."""
    amount = parse_amount(text)
    if amount is not None:
        return amount
    try:
        return Decimal(re.sub(r"[^\d.-]", "", text))
    except InvalidOperation:
        return None


def key_totals(text: str) -> set[Decimal]:
    """``key_total``, and where the label is a number with three digits after its one
    separator ("197.285") also that number in whole units: rupiah, as printed with a
    thousands dot, or a dinar's three decimals; the label cannot say which."""
    total = key_total(text)
    whole = re.fullmatch(r"\D*(\d{1,3})[.,](\d{3})\D*", text.strip())
    return {total} | ({Decimal(whole[1] + whole[2])} if whole else set())


def evaluate(boxes: Path, keys: Path, either_order: bool = False) -> list[dict]:
    """One result a receipt with a key file and a box file (``either_order``: ``key_dates``)."""
    box_files = {path.name.split(".")[0]: path for path in boxes.iterdir() if path.is_file()
                 and not path.name.endswith(".json")}
    results = []
    for key_path in sorted(keys.glob("*")):
        name = key_path.name.split(".")[0]
        if name not in box_files or not key_path.name.endswith((".json", ".txt")) or \
                key_path == box_files[name]:
            continue
        key = json.loads(key_path.read_text(encoding="utf-8"))
        page = page_of(read_segments(box_files[name].read_text(encoding="utf-8")))
        receipt = parse(page, today=TODAY)
        right = {}  # only the fields the key labels
        if key.get("company"):  # a name, or the names a receipt may rightly be given
            names = key["company"] if isinstance(key["company"], list) else [key["company"]]
            right["merchant"] = any(merchant_matches(name, receipt.merchant) for name in names)
        wanted = key_dates(key.get("date") or "", either_order)
        if wanted:
            right["date"] = receipt.purchase_date in wanted
        if key.get("total") and key_total(key["total"]) is not None:
            right["total"] = receipt.total in key_totals(key["total"])
        results.append({"receipt": name, **right, "needs_review": receipt.needs_review,
                         "wrong_unreviewed": not receipt.needs_review and not all(
                             right.values()),
                         "found": {"merchant": receipt.merchant,
                                   "date": str(receipt.purchase_date),
                                   "total": str(receipt.total)},
                         "wanted": {field: key.get(field) for field in
                                    ("company", "date", "total")}})
    return results


def share(results: list[dict], field: str) -> str:
    """The share of receipts right in ``field``, of those whose key labels it."""
    labelled = [result[field] for result in results if field in result]
    return f"{sum(labelled) / len(labelled):.1%} of {len(labelled)}" if labelled else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("boxes", type=Path)
    parser.add_argument("keys", type=Path)
    parser.add_argument("--json", default=None, help="per-receipt results to this file")
    parser.add_argument("--verbose", action="store_true", help="print each wrong field")
    parser.add_argument("--either-order", action="store_true",
                        help="a labelled date right in either order (receipts from countries "
                             "printing day first and month first, labels as printed)")
    options = parser.parse_args()
    results = evaluate(options.boxes, options.keys, options.either_order)
    if not results:
        raise SystemExit("no receipt with both a box file and a key file")
    for result in results if options.verbose else []:
        for field in ("merchant", "date", "total"):
            if result.get(field) is False:
                print(f"{result['receipt']} {field}: wanted {result['wanted']}, "
                      f"found {result['found']}")
    print(f"{len(results)} receipts: " + ", ".join(
        f"{label} {share(results, field)}" for field, label in (
            ("merchant", "merchant"), ("date", "date"), ("total", "total"),
            ("needs_review", "review"), ("wrong_unreviewed", "wrong unchecked"))))
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
