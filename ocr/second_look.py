"""A second reading with faint print whitened, for receipts whose items do not add up.

Watermarks, show-through and logos printed behind the price column make tesseract misread
prices. Reading the image again with everything lighter than the ink turned to paper
(``TesseractEngine(whiten=True)``) rescues some of them but misreads digits elsewhere, so it
is only a second look: its result is taken when the first reading's items do not add up
and the second's do. Off by default: it costs a second read on every receipt that does not
add up (measured in the README, "OCR engines and accuracy").
"""
from __future__ import annotations

from datetime import date

from PIL import Image

from ocr.engine import OcrEngine, TesseractEngine
from ocr.parsing import parse
from ocr.types import OcrPage, ParsedReceipt


def whitened_engine(engine: OcrEngine) -> OcrEngine | None:
    """The same tesseract engine reading with faint print whitened; None for other engines."""
    if not isinstance(engine, TesseractEngine) or engine.whiten:
        return None
    return TesseractEngine(lang=engine.lang, psm=engine.psm, even=True, whiten=True,
                           timeout=engine.timeout)


def second_look(image: Image.Image, engine: OcrEngine, page: OcrPage, receipt: ParsedReceipt,
                today: date | None = None) -> tuple[OcrPage, ParsedReceipt]:
    """The first reading, or the whitened one when only that one adds up."""
    other = whitened_engine(engine)
    if receipt.items_add_up or other is None:
        return page, receipt
    page_again = other.read(image)
    receipt_again = parse(page_again, today=today)
    if receipt_again.items_add_up:
        return page_again, receipt_again
    return page, receipt
