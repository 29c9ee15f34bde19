"""Item lines: a description followed by an amount at the line end.

German receipts close item lines with a tax-class letter (``Milch 1,29 A``); quantities
appear as ``2 x 3,49`` (in the item line or on its own line next to it); refunds and
deposits print negative amounts (``-0,50`` or ``0,50-``). Unit prices (``Einzelpreis EUR
9,95``, the ``3,49`` of a line holding only ``2 x 3,49``) are no items, and the items end at
the tax table's header (``MwSt Netto Brutto``): card slips and tax rows follow it.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ocr.parse import vocabulary
from ocr.parse.amounts import amount_at_end, item_amount_at_end
from ocr.parse.totals import (
    ROUNDING_WORDS,
    SUBTOTAL_WORDS,
    TAX_WORDS,
    TIP_WORDS,
    TOTAL_WORDS,
    row_gross,
)
from ocr.types import ParsedItem

QUANTITY_RE = re.compile(
    r"(?<![\d,.])(?P<qty>\d+(?:[.,]\d{1,3})?)\s*(?:stk\.?|st\.?|pcs)?\s*[xX×@*]\s*"
    r"(?P<unit>\d+[.,]\d{2})", re.IGNORECASE)
# Payment, tax-table and unit-price lines (totals, taxes, tips and rounding: ocr.parse.totals),
# and a currency's name alone (a column head).
NOT_ITEM_WORDS = vocabulary.NOT_ITEM
CURRENCY_ONLY = re.compile(r"^\W*(?:\w{1,2}\W+)?eur\W*$", re.IGNORECASE)
# A quantity line, maybe behind a mark or two from the paper's edge ("a3 2x 0,78").
QUANTITY_HEADER_RE = re.compile(
    r"^\W*(?:\S{1,2}\s+)?(?P<qty>\d+(?:[.,]\d{1,3})?)\s*[A-Za-zäöü.]{0,8}\s*[xX×*@]\s*(?P<unit>\d+[.,]\d{2})"
    r"\s*[A-Za-z]?\W*$")
# A weight and price per kg (``0,158 kg x 1,19 EUR/kg``): the quantity of a weighed item.
WEIGHT_RE = re.compile(
    r"(?P<qty>\d+[.,]\d{1,3})\s*kg\s*[xX×*]?\s*(?P<unit>\d+[.,]\d{2})\s*(?:EUR|€)?\s*/\s*kg",
    re.IGNORECASE)
# A quantity line whose count is unreadable ("IX 0,99", "EN 0,49" for "3x 0,99", "2x 0,49").
UNREAD_COUNT_RE = re.compile(
    r"^\W*(?:\S{0,2}[xX×]|\S{1,2})\s*(?P<unit>\d+[.,]\d{2})\s*[A-Za-z]?\W*$")
# The count of items printed under the last one ("Posten: 13", "Anzahl Artikel 19").
ITEM_COUNT_RE = vocabulary.ITEM_COUNT
# The text before an amount ending in a quantity and its sign: the amount is a unit price.
UNIT_PRICE_BEFORE = re.compile(
    r"(?<![\d,.])\d+(?:[.,]\d{1,3})?\s*(?:stk\.?|st\.?|pcs|kg|g|l)?\s*[xX×*@]\s*$", re.IGNORECASE)
CURRENCY_WORDS = re.compile(r"\b(?:eur|euro|usd|gbp)\b", re.IGNORECASE)
# Column heads of the tax table (``MwSt Netto MwSt-Betrag Brutto``): two of these words.
TAX_TABLE_WORDS = vocabulary.TAX_TABLE
# A tax table row opens with its class and rate (``C 7,00% 17,33 1,21 18,54``, ``A=19%``);
# an item names its goods first (``Rum 40% 5,09``, ``Milch 3,5% 1,09``).
TAX_ROW_START = re.compile(r"^\W*\w{0,2}\W*\d{1,2}(?:[.,]\d{1,2})?\s?%")
DISCOUNT_WORDS = vocabulary.DISCOUNT
MIN_DESCRIPTION_LETTERS = 2
ABSURD = 2  # an item dearer than this many times the total (plus refunds) is no price


def find_items(texts: list[str], end: int | None = None) -> list[ParsedItem]:
    """Items from the lines before ``end`` (the total line), quantities attached."""
    items: list[ParsedItem] = []
    for index, text in enumerate(texts[:end]):
        if tax_table_header(text) and (items or any(
                tax_row(row) for row in texts[index + 1:index + 3])) \
                or (items and ITEM_COUNT_RE.search(text)):
            break  # the tax table, card slip and footer follow; or the count of items
        if not_an_item(text) or row_gross(text) is not None or tax_row(text):
            continue  # tender, tax and total lines; tax table rows
        counts_above = items and items[-1].line_index == index - 1 and counts(text, items[-1])
        if not counts_above and quantity_for_next(texts, index):
            continue
        item = item_from_line(text, index) or item_below_description(texts, index, items)
        if item:
            if index > 0 and quantity_for_next(texts, index - 1):
                attach_quantity(item, texts[index - 1])  # "2 x 1,19" over "Milch 2,38"
            items.append(item)
        elif items and items[-1].line_index == index - 1:
            attach_quantity(items[-1], text)
    return items


def not_an_item(text: str) -> bool:
    """Total, subtotal, tax, tip, rounding and payment lines, by their words."""
    return any(words.search(text) for words in (
        NOT_ITEM_WORDS, CURRENCY_ONLY, TOTAL_WORDS, SUBTOTAL_WORDS, TAX_WORDS, TIP_WORDS,
        ROUNDING_WORDS))


def item_from_line(text: str, index: int) -> ParsedItem | None:
    found = item_amount_at_end(text)
    if not found:
        return None
    amount, start = found
    if UNIT_PRICE_BEFORE.search(text[:start]):
        return None  # "2 x 0,35": the unit price of a quantity line
    quantity = QUANTITY_RE.search(text[:start]) or WEIGHT_RE.search(text[:start])
    description = text[:start]
    if quantity:
        description = description[:quantity.start()] + description[quantity.end():]
    description = clean_description(description)
    if sum(c.isalpha() for c in CURRENCY_WORDS.sub("", description)) < MIN_DESCRIPTION_LETTERS:
        return None  # no name: "EUR 10,90" on a card slip
    item = ParsedItem(description=description, amount=amount, line_index=index,
                      confidence=0.7)
    if quantity:
        set_quantity(item, quantity)
    return item


def tax_table_header(text: str) -> bool:
    """The tax table's column heads (``MwSt Netto Brutto``): two tax words, no amount."""
    return len(TAX_TABLE_WORDS.findall(text)) >= 2 and amount_at_end(text) is None


def tax_row(text: str) -> bool:
    """A tax table row by its start (``C 7,00% 17,33``), not a discount (``10% Rabatt``)."""
    return bool(TAX_ROW_START.match(text)) and not DISCOUNT_WORDS.search(text)


def within_total(items: list[ParsedItem], total: Decimal | None) -> list[ParsedItem]:
    """The items without absurd amounts: one item costs at most the total plus the refunds
    and discounts; above twice that (room for a refund line left unread) it is a misread
    number (``7221,00`` from an article number on a receipt of 16,62)."""
    if total is None or total <= 0:
        return items
    bound = total + sum((-item.amount for item in items if item.amount < 0), Decimal(0))
    return [item for item in items if item.amount <= ABSURD * bound]


def counts(text: str, item: ParsedItem) -> bool:
    """The line is ``quantity x unit price`` and that makes the item's amount."""
    match = QUANTITY_RE.search(text)
    return bool(match) and abs(Decimal(match.group("qty").replace(",", ".")) *
                               Decimal(match.group("unit").replace(",", ".")) -
                               abs(item.amount)) < Decimal("0.01")


def quantity_for_next(texts: list[str], index: int) -> bool:
    """A line holding only a quantity and unit price (``2 Rolle x 4,85``) above the item it
    counts (``PARKETTZUBEHÖR 9,70``): not an item; the item below gets the quantity."""
    match = QUANTITY_HEADER_RE.match(texts[index]) or UNREAD_COUNT_RE.match(texts[index])
    if not match or index + 1 >= len(texts) or not_an_item(texts[index + 1]):
        return False
    below = item_from_line(texts[index + 1], index + 1)
    unit = Decimal(match.group("unit").replace(",", "."))
    if below is None or unit <= 0:
        return False
    if "qty" not in match.groupdict():  # the count unread: the item's amount a multiple
        count = below.amount / unit
        return count == count.to_integral_value() and 2 <= count <= 20
    quantity = Decimal(match.group("qty").replace(",", "."))
    return abs(quantity * unit - below.amount) < Decimal("0.01")


def item_below_description(texts: list[str], index: int, items: list[ParsedItem]
                           ) -> ParsedItem | None:
    """An amount line without a name (``1.000 STK 49.99``) under a name line without an
    amount (``4006825607727 Spindelmäher``): one item."""
    if index == 0 or (items and items[-1].line_index == index - 1):
        return None
    if amount_at_end(texts[index - 1]) or not_an_item(texts[index - 1]):
        return None
    item = item_from_line(f"{name_part(texts[index - 1])} {texts[index]}", index)
    if item is None or not item_amount_at_end(texts[index]):
        return None
    return item


def name_part(text: str) -> str:
    """A description line without its leading article number."""
    return re.sub(r"^\W*\d{5,}\s*", "", text)


def attach_quantity(item: ParsedItem, text: str) -> None:
    """A quantity or weight line by its item (``2 x 0,35``, ``0,162 kg x 1,15 EUR/kg``)
    fills in its quantity and unit price."""
    match = QUANTITY_RE.search(text) or WEIGHT_RE.search(text)
    unread = UNREAD_COUNT_RE.match(text)
    if match:
        set_quantity(item, match)
    elif unread and Decimal(unread.group("unit").replace(",", ".")):
        # "IX 0,99" over "RIEGEL 2,97": the count is the amount over the price
        item.unit_price = Decimal(unread.group("unit").replace(",", "."))
        item.quantity = item.amount / item.unit_price


def set_quantity(item: ParsedItem, match: re.Match) -> None:
    quantity = Decimal(match.group("qty").replace(",", "."))
    unit_price = Decimal(match.group("unit").replace(",", "."))
    item.quantity, item.unit_price = quantity, unit_price
    item.confidence = 0.9 if abs(quantity * unit_price - abs(item.amount)) < Decimal("0.01") \
        else 0.5


def clean_description(text: str) -> str:
    text = re.sub(r"[|_=~]+", " ", text)
    return " ".join(text.split()).strip(" .:-*")
