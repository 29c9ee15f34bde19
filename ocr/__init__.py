"""OCR for receipts: prepare the pages, read them with an engine, parse the text.

    image, page, receipt = read_receipt([photo])

``prepare`` crops, straightens, stitches and scales the pages; an ``OcrEngine``
(``TesseractEngine``, or ``make_engine("rapidocr")``) reads the prepared image into an
``OcrPage`` whose boxes are in that image's pixels; ``parse`` turns it into a
``ParsedReceipt`` with per-field confidence. Pure library: Pillow, numpy, pytesseract
(and rapidocr-onnxruntime for the second engine).
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
                 today: date | None = None, second_look: bool = False
                 ) -> tuple[Image.Image, OcrPage, ParsedReceipt]:
    """Prepare the pages into one image, read it (the default engine) and parse it; with
    ``second_look``, read again with faint print whitened when the items do not add up."""
    from ocr.second_look import second_look as look_again
    image = prepare(pages)
    engine = engine or make_engine()
    page = engine.read(image)
    receipt = parse(page, today=today)
    if second_look:
        page, receipt = look_again(image, engine, page, receipt, today)
    return image, page, receipt
