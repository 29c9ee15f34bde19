"""OCR for receipts: prepare the pages, read them with an engine, parse the text.

    image, page, receipt = read_receipt([photo])

Pure library: Pillow, numpy and pytesseract only.
"""
from __future__ import annotations

from datetime import date

from PIL import Image

from ocr.engine import OcrEngine, TesseractEngine
from ocr.parsing import parse
from ocr.preprocess import prepare
from ocr.types import Box, Line, OcrPage, ParsedItem, ParsedReceipt, Word

__all__ = [
    "prepare", "TesseractEngine", "OcrEngine", "parse", "read_receipt",
    "Box", "Word", "Line", "OcrPage", "ParsedItem", "ParsedReceipt",
]


def read_receipt(pages: list[Image.Image], engine: OcrEngine | None = None,
                 today: date | None = None) -> tuple[Image.Image, OcrPage, ParsedReceipt]:
    """Prepare the pages into one image, read it (tesseract by default) and parse it."""
    image = prepare(pages)
    page = (engine or TesseractEngine()).read(image)
    return image, page, parse(page, today=today)
