"""A reading made from a text layer (a PDF's, or text the panel drew itself) instead of OCR.

Each page's words come with their boxes as fractions of the page (0..1), so they fit the
page's image at any scale. The pages are stacked top to bottom into one image, as
``ocr.prepare.stitch`` stacks photos (without looking for overlap: a document's pages do not
repeat each other), and the words are placed on it; lines are rebuilt from the boxes
(``ocr.read.layout``), so the parser and redaction see an ``OcrPage`` like any engine's.
"""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from ocr.read.layout import build_lines
from ocr.types import TEXT_LAYER, Box, OcrPage, Word


@dataclass(frozen=True)
class LayerWord:
    """A word of a page's text layer; its box as fractions of the page's width and height."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    def as_list(self) -> list:
        return [self.text, self.left, self.top, self.right, self.bottom]

    @classmethod
    def from_list(cls, row: list) -> "LayerWord":
        text, left, top, right, bottom = row
        return cls(str(text), float(left), float(top), float(right), float(bottom))


def stacked(pages: list[Image.Image]) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The pages as one RGB image on white, each at the left, and where each page begins."""
    if len(pages) == 1:
        return pages[0].convert("RGB"), [(0, 0)]
    width = max(page.width for page in pages)
    canvas = Image.new("RGB", (width, sum(page.height for page in pages)), "white")
    origins, top = [], 0
    for page in pages:
        canvas.paste(page.convert("RGB"), (0, top))
        origins.append((0, top))
        top += page.height
    return canvas, origins


def reading(pages: list[Image.Image], layers: list[list[LayerWord]]
            ) -> tuple[Image.Image, OcrPage]:
    """The stacked image and its reading from the pages' text layers."""
    image, origins = stacked(pages)
    words = []
    for page, layer, (left, top) in zip(pages, layers, origins):
        for word in layer:
            box = Box(left + round(word.left * page.width), top + round(word.top * page.height),
                      max(1, round((word.right - word.left) * page.width)),
                      max(1, round((word.bottom - word.top) * page.height)))
            words.append([Word(word.text, box, 1.0)])
    return image, OcrPage(image.width, image.height, build_lines(words), engine=TEXT_LAYER)


# Text the panel draws itself (an e-mail's body): Pillow's own font, which every install has.
DRAWN_SIZE, DRAWN_LINE, DRAWN_MARGIN = 22, 32, 24
DRAWN_COLUMNS, DRAWN_LINES_PER_PAGE = 110, 120


def drawn(text: str, max_pages: int) -> tuple[list[Image.Image], list[list[LayerWord]]]:
    """Plain text drawn black on white, at most ``DRAWN_LINES_PER_PAGE`` lines a page and
    ``max_pages`` pages (what is beyond is left out), with each word's box: a text layer
    as exact as a PDF's. Lines longer than ``DRAWN_COLUMNS`` characters are wrapped."""
    import textwrap

    from PIL import ImageDraw, ImageFont
    font = ImageFont.load_default(size=DRAWN_SIZE)
    rows = [row for line in text.splitlines()
            for row in (textwrap.wrap(line.rstrip(), DRAWN_COLUMNS, break_long_words=True)
                        or [""])]
    chunks = [rows[at:at + DRAWN_LINES_PER_PAGE]
              for at in range(0, len(rows), DRAWN_LINES_PER_PAGE)][:max_pages] or [[""]]
    width = 2 * DRAWN_MARGIN + max(1, max(int(font.getlength(row)) for row in rows or [""]))
    pages, layers = [], []
    for chunk in chunks:
        height = 2 * DRAWN_MARGIN + DRAWN_LINE * len(chunk)
        page = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(page)
        layer = []
        for number, row in enumerate(chunk):
            top = DRAWN_MARGIN + number * DRAWN_LINE
            draw.text((DRAWN_MARGIN, top), row, fill="black", font=font)
            for start, word in _words_at(row):
                left = DRAWN_MARGIN + font.getlength(row[:start])
                right = left + font.getlength(word)
                layer.append(LayerWord(word, left / width, (top + 2) / height, right / width,
                                       (top + DRAWN_SIZE + 4) / height))
        pages.append(page)
        layers.append(layer)
    return pages, layers


def _words_at(row: str) -> list[tuple[int, str]]:
    import re
    return [(match.start(), match.group()) for match in re.finditer(r"\S+", row)]
