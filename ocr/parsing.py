"""Read a ``ParsedReceipt`` (merchant, date, currency, totals, items) out of an ``OcrPage``."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ocr.amounts import all_amounts, amount_at_end, find_currency
from ocr.dates import pick_purchase_date
from ocr.items import find_items
from ocr.merchant import find_merchant
from ocr.types import OcrPage, ParsedReceipt

# Keywords, most specific first. Matched case-insensitively anywhere in a line.
TOTAL_WORDS = re.compile(
    r"zu\s?zahlen|gesamtbetrag|gesamtsumme|\bsumme\b|\bsumme\s|\bgesamt|\btotal\b|"
    r"\bbetrag\b|amount due|balance due|\bsum\b", re.IGNORECASE)
SUBTOTAL_WORDS = re.compile(r"zwischensumme|sub\s?-?\s?total", re.IGNORECASE)
TAX_WORDS = re.compile(r"mwst|mw\.?st|\bust\b|\bvat\b|\btax\b|steuer", re.IGNORECASE)


def parse(page: OcrPage, today: date | None = None) -> ParsedReceipt:
    """Everything the parser can read from one receipt page; unknown fields stay None."""
    today = today or date.today()
    texts = [line.text for line in page.lines]
    receipt = ParsedReceipt(currency=find_currency(page.text))
    receipt.merchant, merchant_confidence = find_merchant(texts)
    day_first = receipt.currency in ("EUR", "GBP")
    receipt.purchase_date, date_confidence = pick_purchase_date(texts, today, day_first)
    receipt.subtotal = keyword_amount(texts, SUBTOTAL_WORDS)
    receipt.tax = tax_amount(texts)
    total_index, receipt.total = find_total(texts)
    receipt.items = find_items(texts, end=total_index)
    receipt.confidence = {
        "merchant": merchant_confidence,
        "purchase_date": date_confidence,
        "currency": 0.8 if receipt.currency else 0.0,
        "total": total_confidence(receipt, texts),
        "subtotal": 0.6 if receipt.subtotal is not None else 0.0,
        "tax": 0.5 if receipt.tax is not None else 0.0,
        "items": 0.9 if receipt.items_add_up else (0.5 if receipt.items else 0.0),
    }
    return receipt


def line_amount(texts: list[str], index: int) -> Decimal | None:
    """The amount closing line ``index``, or alone on the next line (split rows)."""
    found = amount_at_end(texts[index])
    if found:
        return found[0]
    if index + 1 < len(texts) and not re.search(r"[A-Za-z]{3}", texts[index + 1]):
        amounts = all_amounts(texts[index + 1])
        return amounts[-1] if len(amounts) == 1 else None
    return None


def keyword_amount(texts: list[str], words: re.Pattern) -> Decimal | None:
    for index, text in enumerate(texts):
        if words.search(text):
            amount = line_amount(texts, index)
            if amount is not None:
                return amount
    return None


def find_total(texts: list[str]) -> tuple[int | None, Decimal | None]:
    """The first total-keyword line with an amount (not a subtotal or tax line)."""
    for index, text in enumerate(texts):
        if TOTAL_WORDS.search(text) and not SUBTOTAL_WORDS.search(text) \
                and not TAX_WORDS.search(text):
            amount = line_amount(texts, index)
            if amount is not None and amount > 0:
                return index, amount
    return None, None


def tax_amount(texts: list[str]) -> Decimal | None:
    """Amount on a line naming the tax, skipping rates such as ``19%``."""
    for index, text in enumerate(texts):
        if TAX_WORDS.search(text) and "%" not in text.split()[-1]:
            amount = line_amount(texts, index)
            if amount is not None:
                return amount
    return None


def total_confidence(receipt: ParsedReceipt, texts: list[str]) -> float:
    """High when the items add up to the total or the total is printed again (tender)."""
    if receipt.total is None:
        return 0.0
    if receipt.items_add_up:
        return 0.95
    repeats = sum(receipt.total in all_amounts(text) for text in texts)
    return 0.8 if repeats >= 2 else 0.6
