"""The second readings after the first parse, in one place for the library, the evaluation
and the service: the price column where the items do not add up (``ocr.second_reading.price_look``), then
the date's words where the date is not confirmed twice (``ocr.second_reading.date_look``). Each reads only
a few crops with RapidOCR's recogniser and keeps its result only where it is confirmed."""
from __future__ import annotations

from datetime import date

from PIL import Image

from ocr.second_reading.date_look import date_look
from ocr.engine import OcrEngine
from ocr.second_reading.price_look import price_look
from ocr.types import OcrPage, ParsedReceipt


def look_again(image: Image.Image, engine: OcrEngine, page: OcrPage, receipt: ParsedReceipt,
               today: date | None = None, prices: bool = True, dates: bool = True
               ) -> tuple[OcrPage, ParsedReceipt]:
    """The page and receipt after the second readings switched on (``prices``, ``dates``);
    the page changes only where prices were read again (redaction analyses that page)."""
    if prices:
        page, receipt = price_look(image, engine, page, receipt, today)
    if dates:
        receipt = date_look(image, page, receipt, today)
    return page, receipt
