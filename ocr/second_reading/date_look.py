"""A second reading of the words that hold (or should hold) the purchase date.

Tesseract misreads a digit of a date printed once (``24.02.20`` for ``25.02.20``) or loses
a date line printed right under a barcode. RapidOCR's recogniser reads dates better, but
a whole page with it is about five times slower, so only a few printed words are read
again (``ocr.read.rapid.recognise_lines``, tens of milliseconds a crop) and their dates join the
vote of ``ocr.parse.dates``. A crop holds a date's printed words only, told apart by blank gaps
at least ``WORD_GAP`` line heights wide: the recogniser drops spaces inside a wider crop
(a line ``Datum 07.04.20 14:37 Uhr`` came back as ``Datum 07.04.2019n14:37``). In three
steps, each only when the one before left the date unconfirmed:

1. the words holding a date on the lines the first reading found dates on;
2. date-like words (digits with dots, slashes or commas) on lines with a time, a date cue
   word (on the line or in a column header above) or a partial date;
3. with no date read at all, the words of rows of print no line of the first reading
   covers, and of the last line height of taller blocks (the line under a barcode).

Nothing is done when two readings already agree (``AGREED``), nor on a page RapidOCR read
itself (the same recogniser again is no independent reading).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import reduce

import numpy as np
from PIL import Image

from ocr.parse.dates import (
    AGREED,
    CUE_RE,
    ORDER_UNKNOWN,
    TIME_RE,
    Reading,
    all_readings,
    dates_at,
    line_readings,
    read_both_ways,
    vote,
)
from ocr.runs import runs
from ocr.types import Box, Line, OcrPage, ParsedReceipt

SECOND_READER = "rapidocr"
SECOND_WEIGHT = 1.2  # RapidOCR read 98% of the real scans' dates, tesseract 85%
DATE_LIKE_RE = re.compile(r"\d\s?[.,/-]|[.,/-]\s?\d")
PARTIAL_DATE_RE = re.compile(r"(?<!\d)\d{1,2}\s?[.,]\s?\d{1,2}\s?[.,]|[.,]\s?\d{2}\s?[.,]\s?\d{2}")
MAX_CROPS = 12  # per receipt, all steps together
MAX_ROW_WORDS = 6  # words read of one uncovered row
PAD = 0.3  # of the line's height, above and below a crop
WORD_GAP = 0.45  # blank columns this many line heights wide separate printed words
NARROW = 0.3  # a run of print narrower than this many line heights is a narrow glyph
ALONE = 0.15  # ... standing alone with blank gaps at least this wide on both sides
INK_LEVEL = 128  # darker than this is print, in the evened-out grey image
MIN_CONTRAST = 40  # grey levels between paper and print, or a band holds no print
INK_SHARE = 0.01  # a row with at least this share of print pixels holds print
TALL = 1.6  # a block of print taller than this many line heights is not one line
LOWER = 0.4  # words are told apart below this share of the line's height from its top
MIN_HEIGHT = 6  # pixels: a lower "line" is a speck


def date_look(image: Image.Image, page: OcrPage, receipt: ParsedReceipt,
              today: date | None = None) -> ParsedReceipt:
    """``receipt`` with its purchase date and confidence from a vote that includes a second
    reading of date words of ``image`` (the prepared image ``page`` was read from): a
    date the second reading supports, even a different one with a lower (disputed)
    confidence. The same ``receipt`` when two readings already agree, the page is
    RapidOCR's own, or the second reading adds nothing."""
    today = today or date.today()
    texts = [line.text for line in page.lines]
    day_first = receipt.day_first
    first = all_readings(texts, today, day_first)
    if not page.lines or page.engine == SECOND_READER or vote(first)[1] >= AGREED:
        return receipt
    look = Look(image, page, today, day_first)
    dated = list(dict.fromkeys(r.line for r in first if r.weight >= 1.0))[:3]
    second = look.lines(dated)
    found, confidence = vote(first + second)
    if confidence < AGREED:
        second += look.lines([i for i in candidate_lines(texts) if i not in dated])
        found, confidence = vote(first + second)
    if found is None:
        second += look.rows(uncovered_rows(evened_grey(image), page))
        found, confidence = vote(first + second)
    if found is None or not any(r.day == found for r in second) or (
            found == receipt.purchase_date
            and confidence <= receipt.confidence.get("purchase_date", 0.0)):
        return receipt
    if not receipt.order_sure and read_both_ways(texts, today, day_first):
        confidence = min(confidence, ORDER_UNKNOWN)  # two readings agree on 09/08, not its order
    return replace(receipt, purchase_date=found,
                   confidence={**receipt.confidence, "purchase_date": confidence})


def candidate_lines(texts: list[str]) -> list[int]:
    """Lines that may hold a date the first reading garbled: a time, a date cue word
    (on the line or a header above it) or a partial date (``.05.20``, ``18.08.``)."""
    return [index for index, text in enumerate(texts)
            if marked(texts, index) or PARTIAL_DATE_RE.search(text)]


def marked(texts: list[str], index: int) -> bool:
    """A time or a date cue word on the line, or a cue word on the line above (a header)."""
    return bool(TIME_RE.search(texts[index]) or CUE_RE.search(texts[index])
                or index > 0 and CUE_RE.search(texts[index - 1]))


class Look:
    """Second readings of one receipt, within a budget of ``MAX_CROPS`` crops."""

    def __init__(self, image: Image.Image, page: OcrPage, today: date, day_first: bool):
        self.image, self.page, self.today, self.day_first = image, page, today, day_first
        self.texts = [line.text for line in page.lines]
        self.budget = MAX_CROPS

    def lines(self, indices: list[int]) -> list[Reading]:
        """Readings of the lines ``indices``: of the words holding the dates the first
        reading found there, else of their date-like words."""
        readings = []
        for index in indices:
            line = self.page.lines[index]
            boxes = date_boxes(line, self.today, self.day_first) or [
                w.box for w in line.words if DATE_LIKE_RE.search(w.text)]
            if not boxes:
                continue
            top, bottom = extent(line)
            text = self.read(top, bottom, covering(self.word_spans(top, bottom), boxes))
            readings += line_readings(text, index, self.today, self.day_first,
                                      marked(self.texts, index), SECOND_READER, SECOND_WEIGHT)
        return readings

    def rows(self, rows: list[tuple[int, int]]) -> list[Reading]:
        """Readings of every word of the rows ``(top, bottom)``, numbered after the lines."""
        readings = []
        for number, (top, bottom) in enumerate(rows):
            text = self.read(top, bottom, self.word_spans(top, bottom)[:MAX_ROW_WORDS])
            readings += line_readings(text, len(self.page.lines) + number, self.today,
                                      self.day_first, reader=SECOND_READER,
                                      weight=SECOND_WEIGHT)
        return readings

    def word_spans(self, top: int, bottom: int) -> list[tuple[int, int]]:
        """The printed words between rows ``top`` and ``bottom``, found in the lower part
        of the line only: bars of a barcode right above may reach into its top."""
        if bottom - top < MIN_HEIGHT:
            return []
        band = self.image.crop((0, top + round(LOWER * (bottom - top)), self.image.width,
                                bottom))
        return word_spans(ink(np.asarray(band.convert("L"))), bottom - top)

    def read(self, top: int, bottom: int, spans: list[tuple[int, int]]) -> str:
        """The words ``spans`` of the line between rows ``top`` and ``bottom``, read and
        joined by spaces; nothing past the budget."""
        spans = spans[:self.budget]
        self.budget -= len(spans)
        if not spans:
            return ""
        from ocr.read.rapid import recognise_lines  # optional engine, loaded on first use
        top, bottom = padded(top, bottom, self.image.height)
        texts = recognise_lines([self.image.crop((left, top, right, bottom))
                                 for left, right in spans])
        return " ".join(text for text, _ in texts)


def date_boxes(line: Line, today: date, day_first: bool) -> list[Box]:
    """The box around the words of each date the first reading found on ``line`` (a date
    may be three words: ``May 22, 2025``)."""
    boxes = []
    for (start, end), _ in dates_at(line.text, today, day_first):
        words = [w.box for w, (left, right) in zip(line.words, line.word_spans())
                 if left < end and start < right]
        boxes.append(reduce(Box.union, words))
    return boxes


def extent(line: Line) -> tuple[int, int]:
    """Top and bottom of a line's print: its words' middle ones (a speck or an underline
    read as a word may stretch the line's box)."""
    tops = sorted(w.box.top for w in line.words)
    bottoms = sorted(w.box.bottom for w in line.words)
    return tops[len(tops) // 2], bottoms[len(bottoms) // 2]


def padded(top: int, bottom: int, limit: int) -> tuple[int, int]:
    pad = round((bottom - top) * PAD)
    return max(0, top - pad), min(limit, bottom + pad)


def covering(spans: list[tuple[int, int]], boxes: list[Box]) -> list[tuple[int, int]]:
    """For each box, the printed words it overlaps taken together (one word of the first
    reading may be two here), overlapping results merged."""
    merged: list[list[int]] = []
    for box in sorted(boxes, key=lambda b: b.left):
        inside = [s for s in spans if s[0] < box.right and box.left < s[1]]
        if not inside:
            continue
        left, right = min(s[0] for s in inside), max(s[1] for s in inside)
        if merged and left < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], right)
        else:
            merged.append([left, right])
    return [(left, right) for left, right in merged]


def ink(grey: np.ndarray) -> np.ndarray:
    """Which pixels of a band of a few rows are print: darker than halfway between the
    band's paper and its darkest print; none when the band holds no contrast."""
    paper, darkest = np.percentile(grey, 90), np.percentile(grey, 1)
    if paper - darkest < MIN_CONTRAST:
        return np.zeros(grey.shape, dtype=bool)
    return grey < (paper + darkest) / 2


def word_spans(band: np.ndarray, line_height: int) -> list[tuple[int, int]]:
    """(left, right) of each printed word across a band of rows (``True`` where print):
    runs of columns holding print, merged over gaps narrower than ``WORD_GAP`` line
    heights, with a margin. A narrow glyph standing alone (``1``, ``.``, not a leg of
    ``m``) sits in the middle of its cell: next to it the gap may be wider by ``NARROW``
    line heights, the glyph's blank sides."""
    found = runs(band.sum(axis=0) >= 2)
    gaps = [line_height] + [b[0] - a[1] for a, b in zip(found, found[1:])] + [line_height]
    alone = [right - left < NARROW * line_height
             and min(gaps[i], gaps[i + 1]) >= ALONE * line_height
             for i, (left, right) in enumerate(found)]
    spans: list[list[int]] = []
    for i, (left, right) in enumerate(found):
        wider = i > 0 and (alone[i] or alone[i - 1])
        if spans and left - spans[-1][1] < (WORD_GAP + NARROW * wider) * line_height:
            spans[-1][1] = right
        else:
            spans.append([left, right])
    margin = max(2, line_height // 4)
    width = band.shape[1]
    return [(max(0, left - margin), min(width, right + margin)) for left, right in spans
            if right - left >= NARROW * line_height]  # narrower alone: a speck, a dot


def uncovered_rows(grey: np.ndarray, page: OcrPage) -> list[tuple[int, int]]:
    """Rows of print about one line high that no line of ``page`` covers: lines the first
    reading lost. Of a taller block (a barcode, a logo) its last line height, where a
    line printed right under it merges with it; lines read off such a block (as tall as
    it) cover nothing."""
    heights = sorted(line.box.height for line in page.lines)
    line_height = heights[len(heights) // 2]
    covered = np.zeros(grey.shape[0], dtype=bool)
    for line in page.lines:  # a taller "line" is noise read off a barcode or a logo
        if line.box.height <= TALL * line_height:
            covered[line.box.top:line.box.bottom] = True
    margin = grey.shape[1] // 20  # the paper's edges may be shadowed
    inked = (grey[:, margin:grey.shape[1] - margin] < INK_LEVEL).mean(axis=1) >= INK_SHARE
    rows = []
    for top, bottom in runs(inked):
        if bottom - top > TALL * line_height:
            top = bottom - round(1.1 * line_height)
        if bottom - top < 0.5 * line_height or covered[top:bottom].mean() > 0.5:
            continue
        rows.append((top, bottom))
    return rows


def evened_grey(image: Image.Image) -> np.ndarray:
    from ocr.read.engine import engine_input  # the tesseract engine's own lighting
    return np.asarray(engine_input(image, even=True))

