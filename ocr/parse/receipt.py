"""Read a ``ParsedReceipt`` (merchant, date, currency, totals, items) out of an ``OcrPage``.

The total is chosen among the total-keyword lines by cross-checks (``ocr.parse.totals``): items
that add up to it, subtotal plus tax, or the amount paid. Its confidence says which check
held, so a receipt that does not add up goes to review instead of being silently wrong.
Items of absurd amount for a total (a misread article number) are left out for it, and
misread prices are read again only where the sum then holds (``ocr.parse.repair``). A total line
one digit off the items' sum gives way to the sum when the printed tax agrees with the sum.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ocr.parse.amounts import all_amounts, find_currency
from ocr.parse.dates import pick_purchase_date
from ocr.parse.locale import currency_of, receipt_locale
from ocr.parse.items import find_items, within_total
from ocr.parse.merchant import find_merchant
from ocr.parse.repair import REPAIRED, repair_items
from ocr.parse.totals import (CONFIRMED, REPEATED, SUBTOTAL_WORDS, TOTAL_WORDS, UNCONFIRMED,
                        added_after, card_payment, paid_amounts, cash_minus_change, confirmation, included_tax_fits,
                        keyword_amount, one_digit_apart, rounding, tax_amount,
                        total_candidates)
from ocr.types import REVIEW_THRESHOLD, OcrPage, ParsedItem, ParsedReceipt

# A date that reads as another one in the other order, on a receipt that does not say which
# order it prints: a person checks it.
ORDER_UNKNOWN = REVIEW_THRESHOLD - 0.05



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
        [line.box.height for line in page.lines], locale.country)
    receipt.purchase_date, date_confidence = pick_purchase_date(texts, today, locale.day_first)
    if not locale.sure and receipt.purchase_date != pick_purchase_date(
            texts, today, not locale.day_first)[0]:
        date_confidence = min(date_confidence, ORDER_UNKNOWN)  # 06/09: June or September
    subtotal_index, receipt.subtotal = keyword_amount(texts, SUBTOTAL_WORDS)
    receipt.tax = tax_amount(texts)
    receipt.total, receipt.items, total_confidence = choose_total(
        texts, receipt.subtotal, receipt.tax, subtotal_index)
    receipt.confidence = {
        "merchant": merchant_confidence,
        "purchase_date": date_confidence,
        "currency": 0.8 if receipt.currency else 0.0,
        "total": total_confidence,
        "subtotal": 0.6 if receipt.subtotal is not None else 0.0,
        "tax": 0.5 if receipt.tax is not None else 0.0,
        "items": items_confidence(receipt),
    }
    return receipt


def items_confidence(receipt: ParsedReceipt) -> float:
    """0.9 when the items add up, REPAIRED when they do with a price put right by that sum
    (ocr.parse.repair), 0.5 when they do not."""
    if receipt.items_add_up:
        return REPAIRED if any(item.repaired for item in receipt.items) else 0.9
    return 0.5 if receipt.items else 0.0


def choose_total(texts: list[str], subtotal: Decimal | None, tax: Decimal | None,
                 subtotal_index: int | None
                 ) -> tuple[Decimal | None, list[ParsedItem], float]:
    """The best-supported total, the items above it, and the total's confidence."""
    best: tuple[float, Decimal | None, list[ParsedItem], int] = (0.0, None, [], -1)
    first_total = next((i for i, text in enumerate(texts) if TOTAL_WORDS.search(text)), None)
    candidates, scored = [], []
    found = total_candidates(texts)
    adjustment = rounding(texts)
    rounded = {amount for _, amount in found if adjustment and amount - adjustment in
               {other for _, other in found}}  # the total paid, after "Rounding Adj"
    for number, (index, amount) in enumerate(found):
        # items end at the subtotal, or at the first total line even when its amount is
        # unreadable and the total came from a later line (the tax table's sum row)
        end = min(i for i in (index, subtotal_index, first_total) if i is not None)
        read = find_items(texts, end=end)
        items = within_total(read, amount)
        candidates.append((index, amount, end, items, read))
        score = confirmation(amount, index, texts, items_sum(items), subtotal, tax)
        # a total with tax, service, tip or rounding added below an earlier, confirmed one
        grown = max((earlier for _, (at, before), earlier in scored
                     if added_after(texts, at, index) == amount - before), default=0.0)
        scored.append((number, (index, amount), max(score, grown)))
        if max(score, grown) > best[0] or (max(score, grown) == best[0] > 0 and (
                amount in rounded or grown)):
            best = (max(score, grown), amount, items, number)
    for number, (index, amount, end, items, read) in enumerate(candidates):
        # items that do not add up: bare prices (``219``, ``1519``) read with a separator
        # where the sum then holds (ocr.parse.repair); kept where that confirms a total better,
        # or as well (not unconfirmed) the one already chosen: never a candidate confirmed
        # as well without a repair
        if items_sum(items) in (subtotal, amount):
            continue
        repaired = repair_items(texts, items, end, [subtotal, amount]) or (
            read != items and repair_items(texts, read, end, [subtotal, amount]))
        score = confirmation(amount, index, texts, items_sum(repaired), subtotal, tax) \
            if repaired else 0.0
        if score > best[0] or (number == best[3] and score == best[0] >= REPEATED):
            best = (score, amount, repaired, number)
    if best[0] < REPEATED:
        derived = derived_total(texts, subtotal, tax, subtotal_index)
        if derived is not None:
            end = first_line(subtotal_index, first_total)
            items = within_total(find_items(texts, end=end), derived)
            if items_sum(items) != subtotal:
                items = repair_items(texts, items, end, [subtotal, derived]) or items
            return derived, items, REPEATED
        summed = items_sum(best[2])
        if best[1] is not None and summed is not None and subtotal is None and \
                one_digit_apart(summed, best[1]) and included_tax_fits(texts, summed) \
                and not included_tax_fits(texts, best[1]):
            # the total line misread by a digit; the items and the tax agree on the sum
            return summed, best[2], REPEATED
    if best[1] is None:
        return total_from_payment(texts, first_line(subtotal_index, first_total))
    if adjustment and best[1] + adjustment not in {a for _, a in found} and \
            best[1] + adjustment in paid_amounts(texts, found[best[3]][0]):
        # rounded only at the till: "Total 176.23", "Cash Rounding 0.02", "Amount Paid 176.25"
        return best[1] + adjustment, best[2], best[0]
    return best[1], best[2], best[0]


def first_line(*indexes: int | None) -> int | None:
    return min((i for i in indexes if i is not None), default=None)


def total_from_payment(texts: list[str], end: int | None
                       ) -> tuple[Decimal | None, list[ParsedItem], float]:
    """No readable total line: the card payment, as sure as the rest of the receipt makes
    it (items adding up to it, or printed again elsewhere). The items end at the subtotal or
    the unreadable total line."""
    items = find_items(texts, end=end)
    paid = card_payment(texts)
    if paid is None:
        return None, items, 0.0
    items = within_total(items, paid)
    if items_sum(items) != paid:
        items = repair_items(texts, items, end, [paid]) or items
    repeats = sum(paid in all_amounts(text) for text in texts)
    confidence = CONFIRMED if items_sum(items) == paid else (
        REPEATED if repeats >= 2 else UNCONFIRMED)
    return paid, items, confidence


def items_sum(items: list[ParsedItem] | None) -> Decimal | None:
    return sum((i.amount for i in items), Decimal(0)) if items else None


def derived_total(texts: list[str], subtotal: Decimal | None, tax: Decimal | None,
                  subtotal_index: int | None) -> Decimal | None:
    """The total when its own line is misread (``TOTAL $ 1./91.23``) but two other readings
    agree on it: subtotal plus tax, and cash given less change."""
    paid = cash_minus_change(texts, subtotal_index if subtotal_index is not None else -1)
    if subtotal is None or tax is None or paid is None:
        return None
    return paid if paid > 0 and subtotal + tax == paid else None
