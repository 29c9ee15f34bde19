"""OCR for receipts: prepare the pages, read them with an engine, parse the text.

    image, page, receipt = read_receipt([photo])

``prepare`` crops, straightens, stitches and scales the pages; an ``OcrEngine``
(``TesseractEngine``, or ``make_engine("rapidocr")``) reads the prepared image into an
``OcrPage`` whose boxes are in that image's pixels; ``parse`` turns it into a
``ParsedReceipt`` with per-field confidence. Pure library: Pillow, numpy, pytesseract
(and rapidocr-onnxruntime for the second engine and the price column's second reading).
"""
from __future__ import annotations

from datetime import date

from PIL import Image

from ocr.engine import DEFAULT_ENGINE, ENGINE_NAMES, OcrEngine, TesseractEngine, make_engine
from ocr.parsing import parse
from ocr.preprocess import prepare
from ocr.types import Box, Line, OcrPage, ParsedItem, ParsedReceipt, Word

__all__ = [
    "prepare", "TesseractEngine", "OcrEngine", "make_engine", "DEFAULT_ENGINE", "ENGINE_NAMES",
    "parse", "read_receipt", "Box", "Word", "Line", "OcrPage", "ParsedItem", "ParsedReceipt",
]


def read_receipt(pages: list[Image.Image], engine: OcrEngine | None = None,
                 today: date | None = None, price_look: bool = True
                 ) -> tuple[Image.Image, OcrPage, ParsedReceipt]:
    """Prepare the pages into one image, read it (the default engine) and parse it; with
    ``price_look`` (the default), read the price column again when the items do not add up
    (``ocr.price_look``: kept only where the items then add up)."""
    image = prepare(pages)
    engine = engine or make_engine()
    page = engine.read(image)
    receipt = parse(page, today=today)
    if price_look:
        from ocr.price_look import price_look as look_again
        page, receipt = look_again(image, engine, page, receipt, today)
    return image, page, receipt
