"""Products: what an item line of a receipt is, in COICOP 2018 terms, and what it means.

    classify("69785 TOOTHPASTE") -> Product(code="13.1.2", name="Other appliances, articles
    and products for personal care", confidence=0.97, brand=None, signals=())

A pure library (standard library only; ``ocr.types`` at most): the vocabularies are data in
``products/data`` (sources and licences in ``products/data/SOURCES.md``), built by
``python -m products.build`` and read once per process; nothing is downloaded at run time.
``redaction`` asks it for sensitive meanings; the pipeline stores each item's class.
"""
from products.classify import classify, counts_cycles, sensitive_meaning, sensitive_words
from products.context import HEADER_LINES, receipt_context, says_pharmacy, shop_context
from products.meaning import CLASS_SIGNALS, SIGNALS, categories
from products.text import fold
from products.types import PHARMACY, RESTAURANT, Product

__all__ = ["classify", "counts_cycles", "sensitive_meaning", "sensitive_words", "receipt_context", "Product", "RESTAURANT", "SIGNALS", "CLASS_SIGNALS",
           "categories", "fold", "PHARMACY", "HEADER_LINES", "says_pharmacy", "shop_context"]
