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

from ocr.parse import parse
from ocr.prepare.steps import prepare
from ocr.read.engine import DEFAULT_ENGINE, ENGINE_NAMES, OcrEngine, TesseractEngine, make_engine
from ocr.types import Box, Line, OcrPage, ParsedItem, ParsedReceipt, Word

__all__ = [
    "prepare", "TesseractEngine", "OcrEngine", "make_engine", "DEFAULT_ENGINE", "ENGINE_NAMES",
    "parse", "read_receipt", "understand", "Box", "Word", "Line", "OcrPage", "ParsedItem", "ParsedReceipt",
]


def read_receipt(pages: list[Image.Image], engine: OcrEngine | None = None,
                 today: date | None = None, price_look: bool = True, date_look: bool = True,
                 whole_look: bool = True, country: str | None = None
                 ) -> tuple[Image.Image, OcrPage, ParsedReceipt]:
    """Prepare the pages into one image, read it (the default engine) and ``understand``
    what was read; the prepared image (the one to paint), the reading and the receipt."""
    image = prepare(pages)
    engine = engine or make_engine()
    page, receipt = understand(image, engine.read(image), engine, today, country,
                               price_look, date_look, whole_look)
    return image, page, receipt


def understand(image: Image.Image, page: OcrPage, engine: OcrEngine, today: date | None = None,
               country: str | None = None, price_look: bool = True, date_look: bool = True,
               whole_look: bool = True) -> tuple[OcrPage, ParsedReceipt]:
    """Parse the first reading of the prepared ``image`` (``country``: the panel's, a prior
    for the receipt's own), then, by default, the second readings of
    ``ocr.second_reading``: the whole receipt again with RapidOCR when the first reading is
    poor (``whole_look``), the price column again when the items do not add up
    (``price_look``), the date's words when the date is not read twice alike
    (``date_look``); each kept only where it is better supported. The page returned is the
    reading the fields came from (the one redaction analyses)."""
    from ocr.second_reading import look_again
    receipt = parse(page, today=today, country=country)
    return look_again(image, engine, page, receipt, today, price_look, date_look, whole_look)
