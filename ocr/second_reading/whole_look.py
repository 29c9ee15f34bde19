"""The whole receipt read again by RapidOCR where tesseract's first reading is poor.

Tesseract reads flatbed scans and clean photos well and fast; on some phone photos (dim,
curled, dot-matrix print, a hand or a plate around the paper) it reads little but noise,
where RapidOCR's detector and recogniser still read the receipt. RapidOCR costs four to five
times tesseract's time, so it reads again only where the first reading leaves a key field
for review: at once where its words read with less than ``POOR_CONFIDENCE`` on average,
else after the cheaper looks at the prices and the date (``in_doubt``): a person's review
costs far more than a second reading. Its
reading is kept only where it supports the key fields better (more of them above the
review threshold, then a higher confidence in them) and, in doubt, only where it does not
contradict a key field the first reading was as sure of: two engines as sure of different
totals or shops leave the receipt for a person. The page then comes from RapidOCR, in the same prepared
image's pixels, so redaction analyses and paints what was kept.
"""
from __future__ import annotations

from datetime import date
from difflib import SequenceMatcher

from PIL import Image

from ocr.parse import parse
from ocr.parse.merchant import name_letters
from ocr.read.engine import make_engine
from ocr.types import KEY_FIELDS, REVIEW_THRESHOLD, OcrPage, ParsedReceipt

POOR_CONFIDENCE = 0.7  # mean word confidence of a poor first reading
SAME_NAME = 0.85  # two readings of one name: this share of their letters alike, at least


def mean_confidence(page: OcrPage) -> float:
    words = page.words
    return sum(word.confidence for word in words) / len(words) if words else 0.0


def poor(page: OcrPage, receipt: ParsedReceipt) -> bool:
    return receipt.needs_review and mean_confidence(page) < POOR_CONFIDENCE


def support(receipt: ParsedReceipt) -> tuple[int, float]:
    """How well the key fields are supported: how many pass the review threshold, and the
    sum of their confidences."""
    values = [receipt.confidence.get(key, 0.0) for key in KEY_FIELDS]
    return sum(value >= REVIEW_THRESHOLD for value in values), sum(values)


def whole_look(image: Image.Image, page: OcrPage, receipt: ParsedReceipt,
               today: date | None = None, in_doubt: bool = False
               ) -> tuple[OcrPage, ParsedReceipt]:
    """RapidOCR's reading of the whole image where it supports the key fields better than
    a poor first reading (``in_doubt``: than any reading that leaves a key field for
    review); else the first reading as it was."""
    wanted = receipt.needs_review if in_doubt else poor(page, receipt)
    if page.engine == "rapidocr" or not wanted:
        return page, receipt
    again_page = make_engine("rapidocr").read(image)
    again = parse(again_page, today=today, country=receipt.country)
    if support(again) > support(receipt) and not (in_doubt and contradicts(again, receipt)):
        return again_page, again
    return page, receipt


def contradicts(again: ParsedReceipt, first: ParsedReceipt) -> bool:
    """Whether the second reading holds another value for a key field the first reading was
    sure of, and at least as sure as the second (a name differing by more than a misread
    letter or a word left out)."""
    for key, value, other in (("merchant", first.merchant, again.merchant),
                              ("purchase_date", first.purchase_date, again.purchase_date),
                              ("total", first.total, again.total)):
        sure = first.confidence.get(key, 0.0)
        if sure < max(REVIEW_THRESHOLD, again.confidence.get(key, 0.0)) or None in (value, other):
            continue
        if key == "merchant" and not same_name(value, other) or key != "merchant" and value != other:
            return True
    return False


def same_name(one: str, other: str) -> bool:
    """Two readings of one shop's name: alike but for case, accents, spaces and a misread
    letter or two, or one holding the other (a word of the name left out)."""
    one, other = name_letters(one, digits=True), name_letters(other, digits=True)
    short, long = sorted((one, other), key=len)
    return short in long or SequenceMatcher(None, one, other).ratio() >= SAME_NAME

