"""Reading a ``ParsedReceipt`` out of an ``OcrPage``: the receipt's locale (``locale``), the
shop (``merchant``, ``brands``), the purchase date (``dates``), amounts, items, totals and
the repair of misread prices, with the words of every language in ``vocabulary``."""
from ocr.parse.receipt import parse

__all__ = ["parse"]
