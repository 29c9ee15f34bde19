"""Where a receipt's prices are printed: the column, each line's band in it, the ink there.

Prices are right-aligned in a column at the right of the item lines. Its left edge is where
the prices read by the first engine usually start (the median, so a quantity or a stray
amount in a description does not widen it) less a line height (two characters, for the
longest price); its right edge is where the item lines end. Boxes are in the pixels of the
prepared image, like every word box.
"""
from __future__ import annotations

import re
from statistics import median

import numpy as np
from PIL import Image

from ocr.parse.amounts import item_amount_at_end
from ocr.parse.totals import SUBTOTAL_WORDS, TOTAL_WORDS
from ocr.types import Box, Line, OcrPage, Word

BAND_MARGIN = 4  # pixels around a line's usual top and bottom
MIN_PRICES = 2  # prices read in the first pass needed to place the column
PLAIN_COLUMN = 0.6  # without them, the column is the right 40% of the receipt
INK = 128  # darker than this on the whitened image is print
MIN_INK = 0.01  # share of a band's pixels that must be print for it to hold anything
MASK_RE = re.compile(r"[Xx*#]{3,}")
LONG_NUMBER_RE = re.compile(r"\d{8,}")


def item_rows(page: OcrPage) -> list[int]:
    """The lines above the first total or subtotal line, and that line: the items."""
    end = next((i for i, line in enumerate(page.lines)
                if TOTAL_WORDS.search(line.text) or SUBTOTAL_WORDS.search(line.text)), None)
    return [] if end is None else list(range(end + 1))


def price_column(page: OcrPage, rows: list[int]) -> tuple[int, int]:
    """Left and right edge of the prices. Without prices read among the items, those below
    them (total, payment) place it; without any, it is the right 40% of the receipt."""
    right = min(page.width, max(page.lines[i].box.right for i in rows) + BAND_MARGIN)
    starts = price_starts(page, rows)
    if len(starts) < MIN_PRICES:
        starts = price_starts(page, range(len(page.lines)))
    if len(starts) < MIN_PRICES:
        return round(page.width * PLAIN_COLUMN), page.width
    height = median(page.lines[i].box.height for i in rows)
    # prices found only below narrow item lines (a name taken for a total line) may start
    # right of them: the column then reaches left to the lines' own edge
    return max(0, min(round(median(starts) - height), right - height)), right


def price_starts(page: OcrPage, rows) -> list[int]:
    """Where the amount closing each of these lines starts, in pixels."""
    return [words[0].box.left for i in rows if (words := price_words(page.lines[i]))]


def price_words(line: Line) -> list[Word]:
    """The words of the amount closing the line (with what follows it), or none."""
    found = item_amount_at_end(line.text)
    if not found:
        return []
    return [word for word, (_, end) in zip(line.words, line.word_spans()) if end > found[1]]


def band(line: Line, left: int, right: int, height: int) -> tuple[int, int, int, int]:
    """The crop to read again: the column (reaching further left where the first pass read
    a wider amount, as a total printed double width), between the line's usual top and
    bottom (the median of its words', so a mark reaching into the next line does not
    stretch it) with a small margin."""
    words = price_words(line)
    if words:
        left = min(left, words[0].box.left - BAND_MARGIN)
    top = median(w.box.top for w in line.words)
    bottom = median(w.box.bottom for w in line.words)
    return (max(0, left), max(0, round(top) - BAND_MARGIN), right,
            min(height, round(bottom) + BAND_MARGIN))


def ink_box(whitened: Image.Image, crop: tuple[int, int, int, int]) -> Box | None:
    """The box around the print inside a crop, or None when it holds (almost) none."""
    left, top, right, bottom = crop
    dark = np.asarray(whitened.crop(crop)) < INK
    if dark.sum() < MIN_INK * dark.size:
        return None
    columns, rows = np.flatnonzero(dark.any(axis=0)), np.flatnonzero(dark.any(axis=1))
    return Box(left + int(columns[0]), top + int(rows[0]),
               int(columns[-1] - columns[0]) + 1, int(rows[-1] - rows[0]) + 1)


def masked(words: list[Word]) -> bool:
    """A run of masking marks (``XXXX1155``, ``****``): a card number redaction must find
    as the first reading has it. Such a line is not read again."""
    return any(MASK_RE.search(word.text) for word in words)


def long_number(words: list[Word]) -> bool:
    """Eight digits or more: a terminal id or a card number, or a price read without its
    comma and with its class code glued on (``397729081`` for ``29,98 1``). Such a line's
    second reading is taken only as a plain price (shorter digit runs are mostly prices
    read without their comma, ``273108`` for ``2,37 A``, which the second reading is for)."""
    return any(LONG_NUMBER_RE.search(word.text) for word in words)


def column_words(line: Line, left: int) -> list[Word]:
    return [w for w in line.words if (w.box.left + w.box.right) / 2 >= left]


def description(line: Line, left: int) -> list[Word]:
    """The line's words left of the column, without marks closing them (a speck read as
    ``-`` between the description and the price is no minus sign: a sign printed with the
    price is read with it)."""
    kept = [w for w in line.words if (w.box.left + w.box.right) / 2 < left]
    while kept and not any(c.isalnum() for c in kept[-1].text):
        kept.pop()
    return kept
