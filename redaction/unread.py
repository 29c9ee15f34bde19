"""Text below the items that the first reading could not read: painted, because nothing can
be said about it.

Recognizers only see what OCR read. Where a faded, blurred line comes out as nothing at all,
or as noise ("Rosalie Si" for a street and house number), no recognizer can find what it
holds, and verification never reads it again, since nothing was painted near it. The
receipt's sensitive parts after the items (customer and delivery addresses, names, card
slips, member numbers) stand below the last line with an amount on it; the items, the total
and the merchant's header stand above it and are never touched here.

So, below the last line holding an amount:
- rows of ink as tall as a line of text that no line of the reading covers, and
- lines the reading made only noise of (their words, specks aside, read with a mean
  confidence under ``NOISE_CONFIDENCE``; rows under a line of specks only count as unread)
are painted across the page, as a removed line is, unless the ink is a printed rule
(``=====``, ``*****``, a solid line: ``redaction.ink``) that OCR rightly reads as nothing, and a noise line's text is masked in what
is kept (what OCR made of it may hold a piece of it). Painting them keeps the rest of the
receipt (the least that is safe: the alternative, removing every receipt with an unreadable
footer, loses the items too). Verification reads the painted bands again like any other
paint, so if a second reading finds something there it is widened over as usual. The receipt
records it as ``("unread", action, n)``; the policy's action for ``unread`` ("kept" turns
this off).
"""
from __future__ import annotations

import re

import numpy as np
from PIL import Image

from ocr.types import Box, Line, OcrPage, Word
from redaction.bands import line_band, median
from redaction.ink import printed_rule
from redaction.lighting import flatten_lighting
from redaction.text import NOISE_TOKEN

UNREAD = "unread"
NOISE_CONFIDENCE = 0.5  # a line whose words average less was read as noise
AMOUNT = re.compile(r"(?<![\d.,:/])\d{1,5}[.,]\d{2}(?![\d.,:/])")
INK = 110             # grey level (after evening the lighting) below which a pixel is ink
TEXT_ROW = 0.3        # a row holds text above the noise floor plus this share of the peak
MIN_HEIGHT = 0.25     # a run of text rows at least this many word heights tall ...
MAX_HEIGHT = 2.5      # ... and at most this many (taller: a logo, a barcode, a photo edge)
GROW = 0.35           # word heights added above and below a run (ascenders, descenders)


def real_words(line: Line) -> list[Word]:
    """The line's words without specks (punctuation, one or two stray letters)."""
    return [word for word in line.words
            if not NOISE_TOKEN.match(word.text) and sum(c.isalnum() for c in word.text) > 1]


def read_as_noise(line: Line) -> bool:
    """Words that are not specks, read with a mean confidence under ``NOISE_CONFIDENCE``."""
    words = real_words(line)
    return bool(words) and sum(w.confidence for w in words) / len(words) < NOISE_CONFIDENCE


def unread_boxes(image: Image.Image, page: OcrPage) -> list[Box]:
    """Bands across the page over unread text and noise lines below the last amount, in the
    coordinates of ``page`` (which must be the reading of ``image``)."""
    return unread(image, page)[1]


def unread(image: Image.Image, page: OcrPage) -> tuple[list[int], list[Box]]:
    """The noise lines below the last amount (their indexes), and the bands to paint: one
    over each noise line and one over each run of unread rows."""
    amounts = [i for i, line in enumerate(page.lines) if AMOUNT.search(line.text)]
    words = page.words
    if not amounts or not words:
        return [], []
    last = amounts[-1]
    noise = [i for i in range(last + 1, len(page.lines))
             if read_as_noise(page.lines[i]) and not rule_under(image, page.lines[i].box)]
    boxes = [line_band(page.lines[i], page) for i in noise]
    top = page.lines[last].box.bottom
    height = median([word.box.height for word in words])
    boxes += [Box(0, top + start, page.width, end - start)
              for start, end in unread_rows(image, page, top, height)]
    return noise, boxes


def unread_rows(image: Image.Image, page: OcrPage, top: int,
                word_height: float) -> list[tuple[int, int]]:
    """Row ranges (relative to ``top``) of text-like ink that no line of ``page`` covers."""
    if top >= image.height - 2:
        return []
    grey = np.asarray(flatten_lighting(image.crop((0, top, image.width, image.height))))
    profile = (grey < INK).sum(axis=1)
    floor, peak = np.percentile(profile, 20), np.percentile(profile, 95)
    text = profile > floor + TEXT_ROW * (peak - floor)
    if peak - floor < 0.02 * image.width:
        return []  # no text below the amount, only paper and noise
    covered = np.zeros(len(profile), bool)
    for line in page.lines:
        if not real_words(line):
            continue  # specks only: what is under them was not read
        covered[max(0, line.box.top - top):max(0, line.box.bottom - top)] = True
    runs, start = [], None
    for y, unread in enumerate(np.append(text & ~covered, False)):
        if unread and start is None:
            start = y
        elif not unread and start is not None:
            runs.append((start, y))
            start = None
    merged: list[tuple[int, int]] = []
    for start, end in runs:  # rows of one line that the threshold split
        if merged and start - merged[-1][1] < 0.3 * word_height:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    grow = int(GROW * word_height + 0.5)
    return [(max(0, start - grow), min(len(profile), end + grow)) for start, end in merged
            if MIN_HEIGHT * word_height <= end - start <= MAX_HEIGHT * word_height
            and not printed_rule(grey[start:end])]


def rule_under(image: Image.Image, box: Box) -> bool:
    """True when what a line was read from is a printed rule (``*****`` read as noise)."""
    crop = image.crop((0, box.top, image.width, box.bottom))
    return printed_rule(np.asarray(flatten_lighting(crop)))
