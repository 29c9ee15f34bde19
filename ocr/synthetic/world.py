"""Receipts in other countries' styles with their ground truth (``ocr.synthetic.styles``).

``make_world_receipt(random, today, style)`` returns ``(rows, truth)`` like
``content.make_receipt``: rows are ``(left, right, centred)`` in print order. An invented
shop's header (a greeting or document title sometimes above the name, a legal-entity suffix
sometimes, address, phone and tax registration lines), the receipt number, date, cashier or
server, table and customer lines, the items in the country's layout, the totals (service,
tax, tip, rounding), tender, suggested tips and the footer.
"""
from __future__ import annotations

import random as random_module
import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from ocr.synthetic.bill import Bill, settle, to_unit
from ocr.synthetic.locales import date_order, money, stamp
from ocr.synthetic.receipt_parts import header_rows, meta_rows, tender_rows, tip_rows
from ocr.synthetic.shops import invent_shop
from ocr.synthetic.styles import STYLES, Style, TaxRegime, rate_text, resolve

Row = tuple[str, str, bool]
BLANK: Row = ("", "", False)
# Item layouts per shop language: "plain" (amount right, quantity below or inline), "lead"
# ("2 Coffee" ... 5.90), "below" (the name, then "2 x 3.50" ... 7.00), "columns" (qty, price
# and amount in the right column under a heading).
LAYOUTS = {"us": ("lead", "lead", "plain"), "au": ("plain", "lead"),
           "sg": ("plain", "lead", "below"), "ms": ("plain", "below", "columns"),
           "in": ("columns", "columns", "plain", "below"), "id": ("plain", "below", "lead")}


def make_world_receipt(rng: random_module.Random, today: date, style: Style
                       ) -> tuple[list[Row], dict]:
    shop = invent_shop(rng, style.names)
    if style.restaurant and not shop.eatery:  # a shop: no table, no tip
        style = replace(style, restaurant=False)
    if style.other_grouping and rng.random() < style.other_grouping:  # "25,000", not "25.000"
        style = replace(style, decimal_comma=not style.decimal_comma)
    legal = rng.choice(style.legal) if rng.random() < 0.45 else ""
    regime = rng.choice(style.regimes)
    day, pattern = pick_day(rng, today), rng.choice(style.date_formats)
    printed_date = stamp(day, pattern)
    clock = datetime.combine(day, time(rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)))
    show = Printer(style, rng)
    rule = rng.choice(["", "", "-" * 32, "=" * 32, "*" * 24])
    header, display = header_rows(rng, style, shop.name, legal, regime)
    meta, date_row = meta_rows(rng, style, printed_date,
                               clock.strftime(rng.choice(style.time_formats)), shop.eatery)
    at_bottom = rng.random() < 0.2
    meta = [row for row in meta if not (at_bottom and row == date_row)]
    rows = header + [(rule, "", True)] + meta
    items, item_rows = make_items(rng, style, shop.goods, shop.eatery, show)
    bill = settle(rng, style, regime, sum((amount for _, _, amount in items), Decimal(0)))
    rows += [(rule, "", True)] + item_rows + [(rule, "", True)]
    rows += total_rows(rng, style, regime, bill, show)
    rows += tender_rows(rng, style, bill.total, show)
    rows += tax_summary(rng, style, regime, bill, show) + tip_rows(rng, style, bill, show)
    rows += [date_row] if at_bottom else []
    rows += [BLANK, (rng.choice(style.thanks), "", True)]
    rows = [row for row in rows if row != ("", "", True)]
    return rows, {
        "merchant": fold(shop.name), "merchant_name": display, "date": printed_date,
        "date_iso": day.isoformat(), "date_order": date_order(pattern),
        "total": f"{bill.total:.2f}", "subtotal": f"{bill.subtotal:.2f}", "tax": f"{bill.tax:.2f}",
        "tax_included": bill.tax_included, "service_charge": f"{bill.service:.2f}",
        "tip": f"{bill.tip:.2f}", "rounding": f"{bill.rounding:.2f}",
        "currency": style.currency, "locale": style.code, "country": style.country,
        "language": style.code.split("-")[0], "style": style.key,
        "items": [{"description": d, "quantity": str(q), "amount": f"{a:.2f}"}
                  for d, q, a in items],
        "num_items": len(items)}


def make_content(rng: random_module.Random, today: date, locales=None) -> tuple[list[Row], dict]:
    """The classic receipts (``content.make_receipt``, unchanged for old seeds) without
    ``locales``; else one of the styles ``locales`` names (a group such as "world", a key
    such as "en-MY", or several)."""
    if locales is None:
        from ocr.synthetic.content import make_receipt
        return make_receipt(rng, today)
    return make_world_receipt(rng, today, STYLES[rng.choice(resolve(locales))])


def fold(name: str) -> str:
    """The merchant label: lowercase letters without accents ("Panadería" -> "panaderia")."""
    plain = unicodedata.normalize("NFKD", name.lower())
    return re.sub(r"[^a-z]", "", "".join(c for c in plain if not unicodedata.combining(c)))


def pick_day(rng: random_module.Random, today: date) -> date:
    """A day in the last two years; day of month 12 or less in most receipts, where day
    and month could be swapped and only the country's order tells them apart."""
    day = today - timedelta(days=rng.randint(0, 700))
    if day.day > 12 and rng.random() < 0.5:
        day = day.replace(day=rng.randint(1, 12))
    return day


class Printer:
    """Amounts as this receipt prints them: with the currency sign on every amount or not,
    before or after it, and a tax code after item amounts on some receipts."""

    def __init__(self, style: Style, rng: random_module.Random):
        self.style = style
        self.symbol = rng.choice(style.symbols)
        self.marked = rng.random() < 0.25
        self.code = " SR" if style.country == "MY" and rng.random() < 0.3 else ""

    def amount(self, value: Decimal, marked: bool | None = None) -> str:
        text = money(value, self.style)
        if not (self.marked if marked is None else marked):
            return text
        if self.style.symbol_after:
            return f"{text} {self.symbol}"
        if self.symbol not in ("$", "S$", "₹", "A$"):
            return f"{self.symbol} {text}"  # "RM -3.00"
        return f"-{self.symbol}{text[1:]}" if value < 0 else f"{self.symbol}{text}"  # "-$4.20"

    def item(self, value: Decimal) -> str:
        return self.amount(value) + self.code

    def label(self, word: str, rng: random_module.Random) -> str:
        """A total's word, sometimes with the currency: "TOTAL RM", "Total (INR)"."""
        if self.marked or rng.random() < 0.7:
            return word
        return rng.choice((f"{word} {self.symbol}", f"{word} ({self.symbol})"))


def make_items(rng: random_module.Random, style: Style, goods: tuple[str, ...], eatery: bool,
               show: Printer):
    layout = rng.choice(LAYOUTS.get(style.names, ("plain",)))
    items, rows = [], []
    if layout == "columns":
        rows.append((rng.choice(("Item", "Description", "Particulars")),
                     rng.choice(("Qty  Rate  Amount", "Qty   Price   Amt")), False))
    for description in rng.sample(goods, rng.randint(1, min(8, len(goods)))):
        quantity = rng.choice([1, 1, 1, 1, 2, 3])
        unit = unit_price(rng, style, eatery)
        amount = unit * quantity
        rows += item_rows(rng, layout, description, quantity, unit, amount, show)
        items.append((description, quantity, amount))
    if rng.random() < 0.2:
        share = rng.choice((5, 10, 15))
        amount = -to_unit(sum(a for _, _, a in items) * share / 100, style)
        word = rng.choice(style.discount_words)
        word = f"{word} {share}%" if rng.random() < 0.5 else word
        rows.append((word, show.amount(amount), False))
        items.append((word, 1, amount))
    return items, rows


def unit_price(rng: random_module.Random, style: Style, eatery: bool) -> Decimal:
    """A price in the style's range (dishes and drinks in its lower half)."""
    low, high = style.prices
    value = rng.randint(low, (low + high) // 2 if eatery else high)
    if rng.random() < style.round_prices:
        value = max(100, value // 100 * 100)
    if style.price_steps:
        step = rng.choice(style.price_steps)
        value = max(step, value // step * step)
    return Decimal(value) / 100


def item_rows(rng, layout, description, quantity, unit, amount, show: Printer) -> list[Row]:
    each = f"{quantity} {rng.choice(('x', '@', 'X'))} {show.amount(unit, False)}"
    if layout == "lead":
        return [(f"{quantity} {description}", show.item(amount), False)]
    if layout == "columns":
        columns = f"{quantity}  {show.amount(unit, False)}  {show.item(amount)}"
        return [(description, columns, False)]
    if layout == "below":
        return [(description, "", False), (f"  {each}", show.item(amount), False)]
    if quantity > 1 and rng.random() < 0.5:
        return [(description, show.item(amount), False), (f"  {each}", "", False)]
    if quantity > 1:
        return [(f"{description} {each}", show.item(amount), False)]
    return [(description, show.item(amount), False)]


def total_rows(rng: random_module.Random, style: Style, regime: TaxRegime, bill: Bill,
               show: Printer) -> list[Row]:
    """Subtotal, service, added tax, tip, rounding and the total (the unrounded total
    above the rounding line on some receipts, under another word)."""
    rows = []
    if not bill.tax_included or bill.service or rng.random() < 0.25:
        rows.append((rng.choice(style.subtotal_words), show.amount(bill.subtotal), False))
    if bill.service:
        rows.append((rng.choice(("Service Charge 10%", "Svc Chg 10%", "Service Charge (10%)")),
                     show.amount(bill.service), False))
    if not bill.tax_included:
        rows += tax_rows(rng, style, regime, bill, show)
    if bill.tip_label:
        rows.append((bill.tip_label, show.amount(bill.tip), False))
    words = style.total_words + regime.total_words
    if bill.rounding or (style.rounding and rng.random() < 0.2):
        rounding = (rng.choice(style.rounding_words), show.amount(bill.rounding), False)
        if style.final_words and rng.random() < 0.5:
            rows += [(show.label(rng.choice(words), rng), show.amount(bill.before_rounding), False),
                     rounding, (show.label(rng.choice(style.final_words), rng),
                                show.amount(bill.total), False)]
            return rows
        rows.append(rounding)
    rows.append((show.label(rng.choice(words), rng), show.amount(bill.total), False))
    return rows


def tax_rows(rng, style: Style, regime: TaxRegime, bill: Bill, show: Printer) -> list[Row]:
    """The tax lines: India's halves at half the rate each, else one line."""
    label = rng.choice(regime.labels)
    if regime.split:
        half = str(Decimal(bill.rate) / 2)  # "5" -> "2.5", "18" -> "9"
        return [(label.format(half=name, rate=rate_text(half, style)), show.amount(tax), False)
                for name, tax in zip(regime.split, bill.taxes)]
    return [(label.format(rate=rate_text(bill.rate, style)), show.amount(bill.tax), False)]


def tax_summary(rng, style: Style, regime: TaxRegime, bill: Bill, show: Printer) -> list[Row]:
    """Included tax: its share of the total, and sometimes the amount before tax."""
    if not bill.tax_included:
        return []
    rows = tax_rows(rng, style, regime, bill, show)
    if regime.base_words and rng.random() < 0.5:
        rows.insert(0, (rng.choice(regime.base_words), show.amount(bill.before_tax), False))
    return [BLANK] + rows
