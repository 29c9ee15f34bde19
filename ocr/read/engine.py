"""OCR engines: the ``OcrEngine`` protocol, the tesseract implementation and a registry.

An engine reads the prepared RGB image and returns an ``OcrPage`` whose boxes are in that
image's pixel coordinates. Grey-scaling and lighting work happen on the engine's own copy.
"""
from __future__ import annotations

import os
from typing import Protocol

from PIL import Image

from ocr.read.layout import build_lines, same_row  # noqa: F401  (same_row: part of the old API)
from ocr.read.lighting import even_lighting, whiten_faint_print
from ocr.types import Box, Line, OcrPage, Word

# Tesseract's OpenMP threads fight each other on small machines: 8-10x slower without this.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402  (imported after the environment is set)

# Tesseract 5 tries every line inverted too (white on black); receipts have none, and
# skipping it saved about a quarter of the time with identical results on the eval scans.
FAST_CONFIG = "-c tessedit_do_invert=0"
WHITEN_LIFT = 0.3  # whiten above Otsu's threshold raised 30% of the way to white
ENGINE_NAMES = ("tesseract", "rapidocr")
DEFAULT_ENGINE = "tesseract"


class OcrEngine(Protocol):
    name: str

    def read(self, image: Image.Image) -> OcrPage: ...


class TesseractEngine:
    """Tesseract via pytesseract; ``psm=6`` (one uniform block) suits receipts best."""

    def __init__(self, lang: str = "deu", psm: int = 6, even: bool = True,
                 whiten: bool = False, timeout: float = 0):
        self.lang = lang
        self.psm = psm
        self.even = even
        self.whiten = whiten
        self.timeout = timeout
        self.name = "tesseract"

    def read(self, image: Image.Image) -> OcrPage:
        data = pytesseract.image_to_data(
            engine_input(image, self.even, self.whiten), lang=self.lang,
            config=f"--psm {self.psm} {FAST_CONFIG}",
            output_type=pytesseract.Output.DICT, timeout=self.timeout)
        lines = build_lines(words_by_line(data))
        return OcrPage(width=image.width, height=image.height, lines=lines, engine=self.name)


def make_engine(name: str = DEFAULT_ENGINE, lang: str = "deu") -> OcrEngine:
    """An engine by name: ``tesseract`` (languages ``lang``) or ``rapidocr``."""
    if name == "tesseract":
        return TesseractEngine(lang=lang)
    if name == "rapidocr":
        from ocr.read.rapid import RapidOcrEngine  # optional dependency
        return RapidOcrEngine()
    raise ValueError(f"unknown OCR engine {name!r}; choose from {ENGINE_NAMES}")


def engine_input(image: Image.Image, even: bool = True, whiten: bool = False) -> Image.Image:
    """Greyscale copy, same size (so boxes line up), lighting evened out when ``even``, and
    faint print (show-through, watermarks) turned to paper when ``whiten``.

    Whitening doubled the receipts whose items add up on the 48 real scans (10 against 5)
    but lost totals and dates to misread digits (42/48 against 44/48): off by default.
    """
    grey = image.convert("L")
    if not even:
        return grey
    grey = even_lighting(grey)
    return whiten_faint_print(grey, WHITEN_LIFT) if whiten else grey


def words_by_line(data: dict) -> list[list[Word]]:
    """Tesseract's own lines (block, paragraph, line numbers), non-empty words only."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text:
            continue
        box = Box(int(data["left"][i]), int(data["top"][i]),
                  int(data["width"][i]), int(data["height"][i]))
        confidence = max(0.0, min(1.0, float(data["conf"][i]) / 100.0))
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(Word(text, box, confidence))
    return list(lines.values())


def group_into_lines(word_groups: list[list[Word]]) -> list[Line]:
    """Kept for callers of the first version: see ``ocr.read.layout.build_lines``."""
    return build_lines(word_groups)
