"""Helpers for redaction tests: pages from plain text lines, and a tiny real tesseract engine."""
from __future__ import annotations

import os

import pytest
from PIL import Image

from ocr.types import Box, Line, OcrPage, Word

CHAR_WIDTH, LINE_HEIGHT = 10, 30


def page_from_lines(*texts: str) -> OcrPage:
    """An OcrPage with one line per text; each word gets a box 10 px per character."""
    lines = []
    for row, text in enumerate(texts):
        words, left = [], 10
        for token in text.split():
            words.append(Word(token, Box(left, 10 + row * LINE_HEIGHT,
                                         len(token) * CHAR_WIDTH, 20), 0.95))
            left += (len(token) + 1) * CHAR_WIDTH
        lines.append(Line(words))
    return OcrPage(width=800, height=20 + LINE_HEIGHT * len(texts), lines=lines, engine="fake")


class TesseractTestEngine:
    """Reads an image with real tesseract (psm 6) into an OcrPage: block/paragraph/line groups."""

    def __init__(self, lang: str = "eng") -> None:
        self.lang = lang

    def read(self, image: Image.Image) -> OcrPage:
        import pytesseract

        os.environ["OMP_THREAD_LIMIT"] = "1"
        data = pytesseract.image_to_data(image, lang=self.lang, config="--psm 6",
                                         output_type=pytesseract.Output.DICT)
        grouped: dict[tuple[int, int, int], list[Word]] = {}
        for i, text in enumerate(data["text"]):
            if not text.strip():
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            box = Box(data["left"][i], data["top"][i], data["width"][i], data["height"][i])
            grouped.setdefault(key, []).append(
                Word(text.strip(), box, max(float(data["conf"][i]), 0.0) / 100))
        lines = [Line(words) for _, words in sorted(grouped.items())]
        return OcrPage(image.width, image.height, lines, engine="tesseract-test")


@pytest.fixture
def make_page():
    return page_from_lines


@pytest.fixture(scope="session")
def tesseract_engine():
    pytest.importorskip("pytesseract")
    return TesseractTestEngine()
