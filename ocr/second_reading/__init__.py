"""The second readings after the first parse, in one place for the library, the evaluation
and the service: the whole receipt where the first reading is poor (``whole_look``), the
price column where the items do not add up (``price_look``), then the date's words where the
date is not confirmed twice (``date_look``), and last the whole receipt again where a key
field is still left for review. Each reads with RapidOCR (the whole image, or a
few crops with its recogniser) and keeps its result only where it is better supported."""
from __future__ import annotations

from datetime import date

from PIL import Image

from ocr.read.engine import OcrEngine
from ocr.second_reading.date_look import date_look
from ocr.second_reading.price_look import price_look
from ocr.second_reading.whole_look import whole_look
from ocr.types import OcrPage, ParsedReceipt


def look_again(image: Image.Image, engine: OcrEngine, page: OcrPage, receipt: ParsedReceipt,
               today: date | None = None, prices: bool = True, dates: bool = True,
               whole: bool = True) -> tuple[OcrPage, ParsedReceipt]:
    """The page and receipt after the second readings switched on (``whole``, ``prices``,
    ``dates``); the page changes where the whole receipt or prices were read again
    (redaction analyses that page)."""
    if whole:
        page, receipt = whole_look(image, page, receipt, today)
    if prices:
        page, receipt = price_look(image, engine, page, receipt, today)
    if dates:
        receipt = date_look(image, page, receipt, today)
    if whole:  # still in doubt after the cheap looks: the whole receipt once more, by RapidOCR
        first = page
        page, receipt = whole_look(image, page, receipt, today, in_doubt=True)
        if dates and page is not first:
            receipt = date_look(image, page, receipt, today)
    return page, receipt
