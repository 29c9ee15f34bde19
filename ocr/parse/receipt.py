"""Read a ``ParsedReceipt`` (merchant, date, currency, totals, items) out of an ``OcrPage``.

First where the receipt comes from (``ocr.parse.locale``), which decides how its dates read;
then the shop (``ocr.parse.merchant``), the purchase date (``ocr.parse.dates``), and the
total with its items (``ocr.parse.total_choice``). Every field carries a confidence that says
which checks held, so a receipt that does not add up goes to review instead of being
silently wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ocr.parse.amounts import find_currency, in_whole_units, with_cents
from ocr.parse.dates import ORDER_UNKNOWN, pick_purchase_date, read_both_ways
from ocr.parse.locale import currency_of, receipt_locale
from ocr.parse.merchant import find_merchant
from ocr.parse.repair import REPAIRED
from ocr.parse.total_choice import choose_total
from ocr.parse.totals import CONFIRMED, SUBTOTAL_WORDS, keyword_amount, tax_amount
from ocr.types import TEXT_LAYER, OcrPage, ParsedItem, ParsedReceipt, items_add_up

# Amounts printed with a dollar sign, and an amount's first digit that may be that sign
# misread (5, 8, 3, 6, 9 before a price printed without it).
DOLLAR_AMOUNT = re.compile(r"\$\s?\d+\.\d\d")
DOLLAR_READ_AS_DIGIT = re.compile(r"(?<![\d$.,])(?<!\$\s)[35689](?=\d{1,3}\.\d\d(?!\d))")


def parse(page: OcrPage, today: date | None = None, country: str | None = None
          ) -> ParsedReceipt:
    """Everything the parser can read from one receipt page; unknown fields stay None.
    ``country``: the panel's country (ISO code), a prior for the receipt's own
    (``ocr.parse.locale``), which decides how ambiguous dates read."""
    today = today or date.today()
    texts = [line.text for line in page.lines]
    locale = receipt_locale(page.text, country)
    receipt = ParsedReceipt(currency=find_currency(page.text, currency_of(locale.country)),
                            country=locale.country, day_first=locale.day_first)
    receipt.merchant, merchant_confidence = find_merchant(
        texts, [[w.confidence for w in line.words] for line in page.lines],
        [line.box.height for line in page.lines], locale.country,
        letter=page.engine == TEXT_LAYER)
    receipt.purchase_date, date_confidence = pick_purchase_date(texts, today, locale.day_first)
    receipt.order_sure = locale.sure
    if not locale.sure and read_both_ways(texts, today, locale.day_first):
        date_confidence = min(date_confidence, ORDER_UNKNOWN)
    if in_whole_units(texts):  # "TOTAL 125.000": rupiah, yen, won
        texts = [with_cents(text) for text in texts]
    amounts = read_amounts(texts)
    if amounts.confidence < CONFIRMED and len(DOLLAR_AMOUNT.findall(page.text)) >= 2:
        # a dollar sign read as a digit ("$28.04" as "528.04"): read without it, kept only
        # where that confirms the total, or makes the items add up where they did not
        again = read_amounts([DOLLAR_READ_AS_DIGIT.sub("", text) for text in texts])
        if again.confidence >= CONFIRMED or (again.confidence >= amounts.confidence
                                             and again.add_up and not amounts.add_up):
            amounts = again
    receipt.subtotal, receipt.tax, receipt.total = amounts.subtotal, amounts.tax, amounts.total
    receipt.items = amounts.items
    receipt.confidence = {
        "merchant": merchant_confidence,
        "purchase_date": date_confidence,
        "currency": 0.8 if receipt.currency else 0.0,
        "total": amounts.confidence,
        "subtotal": 0.6 if receipt.subtotal is not None else 0.0,
        "tax": 0.5 if receipt.tax is not None else 0.0,
        "items": items_confidence(receipt),
    }
    return receipt


@dataclass
class Amounts:
    """The receipt's money: subtotal, tax, total, the items, and the total's confidence."""

    subtotal: Decimal | None
    tax: Decimal | None
    total: Decimal | None
    items: list[ParsedItem]
    confidence: float

    @property
    def add_up(self) -> bool:
        return items_add_up(self.items, self.subtotal, self.total)


def read_amounts(texts: list[str]) -> Amounts:
    subtotal_index, subtotal = keyword_amount(texts, SUBTOTAL_WORDS)
    tax = tax_amount(texts)
    total, items, confidence = choose_total(texts, subtotal, tax, subtotal_index)
    return Amounts(subtotal, tax, total, items, confidence)


def items_confidence(receipt: ParsedReceipt) -> float:
    """0.9 when the items add up, REPAIRED when they do with a price put right by that sum
    (ocr.parse.repair), 0.5 when they do not."""
    if receipt.items_add_up:
        return REPAIRED if any(item.repaired for item in receipt.items) else 0.9
    return 0.5 if receipt.items else 0.0
