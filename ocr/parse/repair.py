"""Item prices read without their decimal separator, put right only when the sum confirms it.

On photos JPEG-compressed twice (the phone, then the server's re-encode) tesseract sometimes
drops a price's decimal comma (``Butter 219`` for ``Butter 2,19``) or reads it as a digit
(``Milch 1L 1519`` for ``Milch 1L 1,19``). Such a line is no item, so the items no longer
add up. A bare price of 3 or 4 digits closing an item line has these readings: the separator
put back before the last two digits (``2,19``, ``15,19``), or, with 4 digits, the third digit
from the end taken for the separator (``1,19``). A separator read as a colon (``Bananen
5:73``) reads as a comma. And a printed quantity and unit price (``2 x 3,87``, in the item
line or on a line of its own next to it) give a second reading of the item's amount (their
product) when the amount is unreadable (``1532-8``) or misread (``7,14`` for ``7,74``).

A reading is accepted only when, with it, the items add up exactly to a subtotal or total
read on its own, at most two lines are repaired, and no other choice of lines and readings
adds up as well. Otherwise nothing changes: the line stays out and the receipt stays
unconfirmed. Lines whose number is no price are never candidates: article numbers, PLU and
till numbers, weights and quantities (``Mehl Type 405``, ``PLU 219``, ``4 x 100``).
"""
from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations, product

from ocr.parse.amounts import amount_at_end
from ocr.parse.items import QUANTITY_RE, clean_description, item_from_line, not_an_item
from ocr.parse.totals import row_gross
from ocr.types import ParsedItem

# 3 or 4 digits after a space closing the line, maybe with a tax class (``219 A``, ``1519*B``)
# and stray marks; no unit (``500 g``, ``100 Stk`` do not match).
BARE_PRICE_RE = re.compile(
    r"(?<=\s)(?P<digits>\d{3,4}|\d{1,3}[:;]\d{2})(?P<tail>\s*\*?\s*(?:[xX*]?\s?[A-Z])?\s*[^\w\s]{0,3})$")
# A price misread in another way: a letter for a digit (``D,35`` for 0,35, ``l,49``), or a
# stray digit glued on before the tax class (``0,293 C`` for ``0,29 C``).
MISREAD_PRICE_RE = re.compile(
    r"(?<=\s)(?P<price>-?[\dODoIl]{1,3}[.,][\dODoIl]{2})(?P<extra>\d?)"
    r"(?P<tail>\s*\*?\s*(?:[xX*]?\s?[A-Z])?\s*[^\w\s]{0,3})$")
LETTER_DIGITS = str.maketrans("ODoIl", "00011")
# Lines naming a number that is no price: article, PLU and till numbers, weights, times,
# house numbers (``Pohlweg 110``, ``Husener Str. 121``).
NUMBER_LABELS = re.compile(
    r"\b(?:plu|ean|gtin|art|artikel|artnr|nr|no|code|typ|type|id|ref|tel|fax|kasse|bon|"
    r"beleg|filiale|gewicht|menge|datum|date|uhr|zeit|time)\b|"
    r"(?:str\b|stra(?:ß|ss)e|weg|platz|allee|gasse|ring|damm|ufer|street|road|rue)\W*\d",
    re.IGNORECASE)
# A word right before the number that makes it a quantity or measure, not a price.
NOT_BEFORE_PRICE = re.compile(
    r"^(?:[xX×*@]|stk\.?|st\.?|pcs|kg|g|ml|cl|l|m|cm|mm|[\d.,:/-]+)$", re.IGNORECASE)
DETACHED_MINUS = re.compile(r"\s-\s+\d+[.,]\d\d\b")
REFUND_WORDS = re.compile(
    r"leergut|pfand|storno|r[uü]ckgabe|rabatt|nachlass|preisvorteil|coupon|gutschein|minus|"
    r"discount|refund|return|remise|avoir", re.IGNORECASE)
MAX_REPAIRS = 2
REPAIRED = 0.85  # the items' confidence when they add up with a repaired price
REPAIRED_PRICE = 0.6  # a repaired item's own: below a price read cleanly (0.7)


# A reading: the item a line makes when read another way, and the item it replaces (None
# for a line that made no item as read).
Reading = tuple[ParsedItem, "ParsedItem | None"]


def repair_items(texts: list[str], items: list[ParsedItem], end: int | None,
                 targets: list[Decimal | None]) -> list[ParsedItem] | None:
    """``items`` with at most two lines read another way (a bare price with its separator, an
    amount as its quantity times unit price), when exactly one such choice makes them add
    up to one of ``targets``; None when there is no such choice."""
    if not items:
        return None  # no price on the receipt read with its separator to go by
    have = sum((item.amount for item in items), Decimal(0))
    readings = bare_price_readings(texts, items, end) + quantity_readings(texts, items, end) \
        + sign_readings(texts, items)
    ways: dict[tuple, tuple[Reading, ...]] = {}
    for target in {t for t in targets if t is not None and t != have}:
        for count in range(1, min(MAX_REPAIRS, len(readings)) + 1):
            for lines in combinations(readings, count):
                for choice in product(*lines):
                    touched = [item.line_index for item, _ in choice]
                    if len(set(touched)) == len(touched) and \
                            sum(change(reading) for reading in choice) == target - have:
                        ways[tuple((i.line_index, i.amount) for i, _ in choice)] = choice
    if len(ways) != 1:
        return None  # none adds up, or two different repairs would: nothing is trusted
    choice = ways.popitem()[1]
    replaced = {id(old) for _, old in choice if old is not None}
    for item, _ in choice:
        item.confidence, item.repaired = REPAIRED_PRICE, True
    kept = [item for item in items if id(item) not in replaced]
    return sorted(kept + [item for item, _ in choice], key=lambda item: item.line_index)


def change(reading: Reading) -> Decimal:
    item, replaced = reading
    return item.amount - (replaced.amount if replaced is not None else Decimal(0))


def bare_price_readings(texts: list[str], items: list[ParsedItem], end: int | None
                        ) -> list[list[Reading]]:
    """Per line that could be an item with a bare price, its possible items: lines among the
    items read, or at most two above the first (the header's numbers are no prices)."""
    taken = {item.line_index for item in items}
    first = max(0, min(taken, default=0) - MAX_REPAIRS)
    found = []
    for index, text in enumerate(texts[:end]):
        if index < first or index in taken or not_an_item(text) \
                or NUMBER_LABELS.search(text) or row_gross(text) is not None:
            continue
        readings = line_readings(text, index)
        if readings:
            found.append([(item, None) for item in readings])
    return found


def sign_readings(texts: list[str], items: list[ParsedItem]) -> list[list[Reading]]:
    """A negative amount whose minus stands apart (``Emmentaler Stück - 2,69 A``) on a line
    naming no refund or discount: a dash from the paper or the layout, read as positive."""
    return [[(ParsedItem(item.description, -item.amount, item.quantity, item.unit_price,
                         item.line_index), item)]
            for item in items if item.amount < 0 and DETACHED_MINUS.search(
                texts[item.line_index]) and not REFUND_WORDS.search(texts[item.line_index])]


def quantity_readings(texts: list[str], items: list[ParsedItem], end: int | None
                      ) -> list[list[Reading]]:
    """Per line holding a quantity and unit price whose product is not the amount read for
    its item: that item (the line's own, or the one right above or below a line holding
    only the quantity) read with the product, or a line without a readable amount given it."""
    by_line = {item.line_index: item for item in items}
    found = []
    for index, text in enumerate(texts[:end]):
        match = QUANTITY_RE.search(text)
        if not match or not_an_item(text) or NUMBER_LABELS.search(text):
            continue
        total = Decimal(match.group("qty").replace(",", ".")) * \
            Decimal(match.group("unit").replace(",", "."))
        if total != total.quantize(Decimal("0.01")) or total <= 0:
            continue  # a weight times a price per kg rounds: no exact second reading
        name = text[:match.start()] + " " + text[match.end():]
        if sum(c.isalpha() for c in name) >= 2:  # the item's own line
            readings = [product_reading(text, index, total, by_line.get(index), name)]
        else:  # a line of its own: the item is above or below
            readings = [product_reading(texts[i], i, total, by_line.get(i))
                        for i in (index - 1, index + 1) if 0 <= i < len(texts[:end])
                        and not not_an_item(texts[i])]
        readings = [reading for reading in readings if reading is not None]
        if readings:
            found.append(readings)
    return found


def product_reading(text: str, index: int, total: Decimal, item: ParsedItem | None,
                    name: str | None = None) -> Reading | None:
    """Line ``index`` read with ``total`` for its amount: replacing its item when the amount
    read differs, or as a new item when none was read (and the line holds a name)."""
    if item is not None:
        if item.amount == total:
            return None
        return ParsedItem(item.description, total, item.quantity, item.unit_price, index), item
    if name is None:
        if amount_at_end(text) or QUANTITY_RE.search(text):
            return None
        name = text
    description = clean_description(re.sub(r"\S*\d\S*", " ", name))
    if sum(c.isalpha() for c in description) < 2:
        return None
    return ParsedItem(description, total, line_index=index), None


def line_readings(text: str, index: int) -> list[ParsedItem]:
    """The items ``text`` makes with its misread price read right, one per reading."""
    match = BARE_PRICE_RE.search(text) or misread_price(text)
    if not match or NOT_BEFORE_PRICE.match((text[:match.start()].split() or [""])[-1]):
        return []
    if "price" in match.groupdict():
        prices = [match.group("price").translate(LETTER_DIGITS)]
    else:
        prices = bare_prices(match.group("digits"))
    readings = []
    for price in prices:
        item = item_from_line(text[:match.start()] + price + match.group("tail"), index)
        if item is not None and item.amount == Decimal(price.replace(",", ".")):
            readings.append(item)
    return readings


def bare_prices(printed: str) -> list[str]:
    """``219`` -> 2,19; ``1519`` -> 15,19 and 1,19; ``5:73`` -> 5,73."""
    digits = re.sub(r"[:;]", "", printed)
    whole = digits[:-2]
    prices = [] if len(whole) > 1 and whole.startswith("0") else [f"{whole},{digits[-2:]}"]
    if len(digits) == 4 and len(printed) == 4:
        prices.append(f"{digits[0]},{digits[2:]}")
    return prices


def misread_price(text: str) -> re.Match | None:
    """A price with a letter for a digit or stray digits glued on, not a clean price."""
    match = MISREAD_PRICE_RE.search(text)
    if match and (match.group("extra") or re.search(r"[ODoIl]", match.group("price"))):
        return match
    return None
