"""A fake OCR engine for tests that are not about OCR (pages, control, isolation): it reads
back the words a test drew with ``tests.ocr.synthetic.render_receipt``, as paperless's
``DummyParser`` returns a known text, in a fraction of tesseract's time.

``render_receipt`` notes every receipt it draws (``remember``): the words and their boxes.
The fake knows a page it is given when its print, cropped to the ink and scaled, looks like
one drawn (the pipeline's ``prepare`` crops and scales it, the upload re-encodes it) and
returns those words with their boxes in the page's pixels. A strip of full-width bands cut
from a page it read (redaction's second look at what it painted) is read word by word: a
word counts as read where its print is found again, unpainted, in the strip. Anything else
(a page of several receipts stitched, a photo, a crop) goes to the real engine, so the fake
never answers what it cannot know.

The test-reads that put a page upright (``ocr.prepare.orient.word_confidences``: a band
of the page read as it lies and turned) are the fake's too: a drawn receipt as drawn reads
the words drawn in that band, turned a quarter or half way it reads nothing, and anything
else goes to tesseract. ``tests/ocr/test_fake_engine.py`` checks that the drawn receipts
come out of ``prepare`` as they do with tesseract's readings.

Every OCR, parsing, redaction and pipeline test keeps the real engine; tests opt in with
the ``fake_ocr`` fixture (``pytestmark = pytest.mark.usefixtures("fake_ocr")``).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
from PIL import Image

from ocr.types import Box, Line, OcrPage, Word

INK = 128  # grey levels below this are print
THUMB = 48  # the side of the ink thumbnails pages are compared by
SAME_PAGE = 0.06  # at most this share of a thumbnail's pixels differ for the same page
SAME_WORD = 0.2  # at most this many differing pixels per pixel of a word's print
CONFIDENCE = 0.96  # tesseract's confidence in clean print

_drawn: deque[Drawn] = deque(maxlen=256)  # the receipts drawn lately, newest last


@dataclass
class Drawn:
    """A receipt as drawn: its words (text, box) row by row, in the drawing's pixels."""
    rows: list[list[tuple[str, Box]]]
    ink: tuple[int, int, int, int]  # left, top, right, bottom of the print
    thumb: np.ndarray


@dataclass
class Known:
    """A page the fake has read: its print, and its words in its own pixels."""
    print_: np.ndarray
    rows: list[list[tuple[str, Box]]]


def remember(image: Image.Image, rows: list[list[tuple[str, Box]]]) -> None:
    """Note a drawn receipt and where each of its words is."""
    ink = ink_of(image)
    box = ink_box(ink)
    if box is not None and any(rows):
        _drawn.append(Drawn(rows, box, thumbnail(ink, box)))


def ink_of(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L")) < INK


def ink_box(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not len(rows):
        return None
    return int(columns[0]), int(rows[0]), int(columns[-1]) + 1, int(rows[-1]) + 1


def thumbnail(ink: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    left, top, right, bottom = box
    crop = Image.fromarray(ink[top:bottom, left:right].astype(np.uint8) * 255)
    return np.asarray(crop.resize((THUMB, THUMB), Image.Resampling.BOX)) >= 64


class FakeEngine:
    """Reads back drawn receipts; hands anything else to the engine ``make_real()`` makes
    (the app's, in the fixture), and test-reads for orientation to ``real_confidences``
    (``ocr.prepare.orient.word_confidences``)."""

    def __init__(self, make_real, real_confidences=None):
        self.make_real = make_real
        self.real_confidences = real_confidences
        self.known: list[Known] = []
        self.real_reads = 0
        self.fake_reads = 0

    @property
    def name(self) -> str:  # pages read look like the real engine's to the pipeline
        return self.make_real().name

    def read(self, image: Image.Image) -> OcrPage:
        page = self._read_drawn(image) or self._read_strip(image)
        if page is None:
            self.real_reads += 1
            return self.make_real().read(image)
        self.fake_reads += 1
        return page

    def word_confidences(self, image: Image.Image) -> list[float]:
        """As ``ocr.prepare.orient.word_confidences``: the confidence (0-100) of each word
        of 3+ letters or digits read in the band from 30 to 60 % of the page's height. A
        drawn receipt as drawn reads the words drawn there; turned, nothing."""
        ink = ink_of(image)
        found = find_drawn(ink, turns=(0, 90, 180, 270))
        if found is None:
            self.real_reads += 1
            return self.real_confidences(image)
        self.fake_reads += 1
        drawn, box, turn = found
        if turn:
            return []
        top, bottom = int(image.height * 0.3), int(image.height * 0.6)
        words = [(text, mapped(word_box, drawn.ink, box)) for row in drawn.rows
                 for text, word_box in row]
        return [CONFIDENCE * 100 for text, here in words
                if top <= here.top + here.height / 2 < bottom
                and sum(c.isalnum() for c in text) >= 3]

    def _read_drawn(self, image: Image.Image) -> OcrPage | None:
        ink = ink_of(image)
        found = find_drawn(ink)
        if found is None:
            return None
        drawn, box, _ = found
        rows = [[(text, mapped(word_box, drawn.ink, box)) for text, word_box in row]
                for row in drawn.rows]
        self.known.append(Known(ink, rows))
        return page_of(image, rows, self.name)

    def _read_strip(self, image: Image.Image) -> OcrPage | None:
        """Full-width bands of a page read before, stacked: each word of that page found in
        them with its print intact, at its place in the strip."""
        strip = ink_of(image)
        for known in reversed(self.known):
            if known.print_.shape[1] != strip.shape[1]:
                continue
            rows = [[(text, found) for text, box in row
                     if (found := find_word(known.print_, box, strip)) is not None]
                    for row in known.rows]
            return page_of(image, rows, self.name)
        return None


def find_drawn(ink: np.ndarray, turns: tuple[int, ...] = (0,)
               ) -> tuple[Drawn, tuple[int, int, int, int], int] | None:
    """The drawn receipt whose print this is, turned by one of ``turns`` (degrees
    counter-clockwise), with the print's box here and the turn; the newest first."""
    box = ink_box(ink)
    if box is None:
        return None
    shape = (box[3] - box[1]) / (box[2] - box[0])
    thumb = thumbnail(ink, box)
    for drawn in reversed(_drawn):
        drawn_shape = (drawn.ink[3] - drawn.ink[1]) / (drawn.ink[2] - drawn.ink[0])
        for turn in turns:
            turned_shape = drawn_shape if turn % 180 == 0 else 1 / drawn_shape
            if abs(shape / turned_shape - 1) > 0.05:
                continue
            if np.mean(thumb != np.rot90(drawn.thumb, turn // 90)) <= SAME_PAGE:
                return drawn, box, turn
    return None


def find_word(page: np.ndarray, box: Box, strip: np.ndarray) -> Box | None:
    """Where in ``strip`` (same width as ``page``) the print of ``box`` is found whole."""
    left, top = max(box.left, 0), max(box.top, 0)
    patch = page[top:box.bottom, left:box.right]
    if patch.size == 0 or patch.shape[0] > strip.shape[0] or not patch.any():
        return None
    windows = np.lib.stride_tricks.sliding_window_view(
        strip[:, left:left + patch.shape[1]], patch.shape)[:, 0]
    differing = (windows != patch).sum(axis=(1, 2))
    best = int(np.argmin(differing))
    if differing[best] > SAME_WORD * patch.sum():
        return None
    return Box(box.left, best - (top - box.top), box.width, box.height)


def mapped(box: Box, source: tuple, target: tuple) -> Box:
    """``box`` moved from the ``source`` print box into the ``target`` one (crop + scale)."""
    scale_x = (target[2] - target[0]) / (source[2] - source[0])
    scale_y = (target[3] - target[1]) / (source[3] - source[1])
    left = target[0] + (box.left - source[0]) * scale_x
    top = target[1] + (box.top - source[1]) * scale_y
    return Box(round(left), round(top), max(1, round(box.width * scale_x)),
               max(1, round(box.height * scale_y)))


def page_of(image: Image.Image, rows, engine: str) -> OcrPage:
    lines = [Line([Word(text, box, CONFIDENCE) for text, box in row]) for row in rows if row]
    return OcrPage(width=image.width, height=image.height, lines=lines, engine=engine)
