"""Synthetic receipt images for tests: real pixels for real tesseract, no mocks.

    image = render_receipt([("BIOMARKT SONNE", ""), ("Milch 1L", "1,29 A"), ("SUMME", "1,29")])
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ocr.types import Box, Line, OcrPage, Word
from tests.support import fake_ocr

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEFAULT_FONT = FONT_DIR / "DejaVuSansMono.ttf"


def render_receipt(lines: list[tuple[str, str]], width: int = 640,
                   font: str | Path = DEFAULT_FONT, font_size: int = 26,
                   margin: int = 24, line_gap: int = 12) -> Image.Image:
    """Draw a receipt: per row, ``left`` text at the left margin and ``right`` text
    right-aligned at the right margin (either may be ""), black on white, RGB.

    ``font_size`` 26 gives text lines about 30 px high, like a 300 dpi receipt scan.
    """
    face = ImageFont.truetype(str(font), font_size)
    row_height = font_size + line_gap
    image = Image.new("RGB", (width, 2 * margin + row_height * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    rows = []
    for row, (left, right) in enumerate(lines):
        top = margin + row * row_height
        if left:
            draw.text((margin, top), left, font=face, fill="black")
        if right:
            draw.text((width - margin, top), right, font=face, fill="black", anchor="ra")
        rows.append(word_boxes(draw, face, margin, top, left)
                    + word_boxes(draw, face, width - margin - face.getlength(right), top, right))
    fake_ocr.remember(image, rows)  # what was drawn where, for the tests' fake engine
    return image


def word_boxes(draw, face, x: float, top: int, text: str) -> list[tuple[str, Box]]:
    """Each word of ``text`` drawn from ``(x, top)`` with its ink box."""
    boxes, start = [], 0
    for word in text.split():
        start = text.index(word, start)
        left, upper, right, lower = draw.textbbox((x + face.getlength(text[:start]), top),
                                                  word, font=face)
        boxes.append((word, Box(round(left), upper, round(right - left), lower - upper)))
        start += len(word)
    return boxes


def make_page(texts: list[str], engine: str = "fake") -> OcrPage:
    """An ``OcrPage`` from text lines, with made-up boxes (one row per line, 10 px a char)."""
    lines = []
    for row, text in enumerate(texts):
        words, left = [], 10
        for token in text.split():
            words.append(Word(token, Box(left, 10 + row * 40, 10 * len(token), 30), 0.95))
            left += 10 * (len(token) + 1)
        if words:
            lines.append(Line(words))
    height = 20 + 40 * len(texts)
    return OcrPage(width=800, height=height, lines=lines, engine=engine)
