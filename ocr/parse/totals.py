"""The total, subtotal and tax, chosen among candidates by cross-checks.

Candidates are the amounts on total-keyword lines. Each is checked against the rest of the
receipt: the items add up to it, the subtotal plus tax equals it, or it is what was paid
(a card or cash line repeats it, also as a bare number: ``Kreditkarte 19377``), the cash
given less the change is it, or the tax table's gross amounts (net + tax = gross per row,
give or take the rounding cent) sum to it. A confirmed candidate wins over the
first one printed; an unconfirmed total gets a confidence below the review threshold.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ocr.parse import vocabulary
from ocr.parse.amounts import all_amounts, amount_at_end, item_amount_at_end

# The words of each role, in every language the parser knows (ocr.parse.vocabulary): "Total",
# "Amount Due", "Summe", "Totaal", "A pagar"; taxes ("VAT19%", "GST"); a total naming the
# tax it includes ("Total (Incl. GST)", "Total TTC"); tips ("Suggested Tip 18%: 10.21" is
# no total); service charges; the rounding of a cash total ("Rounding Adj -0.02").
TOTAL_WORDS, SUBTOTAL_WORDS, TAX_WORDS = vocabulary.TOTAL, vocabulary.SUBTOTAL, vocabulary.TAX
TAX_INCLUDED, TIP_WORDS, SUGGESTED = vocabulary.TAX_INCLUDED, vocabulary.TIP, vocabulary.SUGGESTED
SERVICE_WORDS, ROUNDING_WORDS = vocabulary.SERVICE, vocabulary.ROUNDING
PAID_WORDS, CARD_WORDS = vocabulary.PAID, vocabulary.CARD
CASH_WORDS, CHANGE_WORDS = vocabulary.CASH, vocabulary.CHANGE
PAYMENT_WORDS, DISCOUNT_WORDS = vocabulary.PAYMENT, vocabulary.DISCOUNT
SAVINGS_WORDS, SLIP_AMOUNT = vocabulary.SAVINGS, vocabulary.SLIP_AMOUNT
CONFIRMED, REPEATED, UNCONFIRMED = 0.95, 0.8, 0.5
PARTS_ABOVE = 6  # lines right above a total whose amounts may add up to it
ADJUSTMENT = Decimal("1.00")  # a rounding adjustment is less than this (rupees: 0.48)
CENT = Decimal("0.01")
CURRENCY_NAMES = re.compile(r"\b(?:EUR|EURO|USD|GBP)\b", re.IGNORECASE)


def line_amount(texts: list[str], index: int) -> Decimal | None:
    """The amount closing line ``index``, or alone (maybe with its currency) on the next
    line (split rows; a card slip's ``Debit Mastercard`` over ``EUR 10,90``). An amount
    printed without its leading digits (``Amount Due .17``) gives way to one alone on the
    next line (``$2.17``): the digits were lost in reading, not left out in print."""
    found = amount_at_end(texts[index])
    if found and (found[0] <= 0 or texts[index][found[1]] != "."):
        return found[0]
    below = None
    if index + 1 < len(texts) and \
            not re.search(r"[A-Za-z]{3}", CURRENCY_NAMES.sub("", texts[index + 1])):
        amounts = all_amounts(texts[index + 1])
        below = amounts[-1] if len(amounts) == 1 else None
    return found[0] if found and below is None else below


def keyword_amount(texts: list[str], words: re.Pattern) -> tuple[int | None, Decimal | None]:
    for index, text in enumerate(texts):
        if words.search(text):
            amount = line_amount(texts, index)
            if amount is not None:
                return index, amount
    return None, None


def total_candidates(texts: list[str]) -> list[tuple[int, Decimal]]:
    """(line, amount) of every total-keyword line, not subtotal, tip, rounding or tax lines
    (but a total naming the tax it includes, and the tax table's sum row, ``MwSt Total 1,64
    0,31 1,95``), nor what the shop says was saved (``TOTAL SAVINGS 9.96``), in order."""
    found = []
    for index, text in enumerate(texts):
        if TOTAL_WORDS.search(text) and not SUBTOTAL_WORDS.search(text) \
                and not TIP_WORDS.search(text) and not per_rate(text) \
                and not SAVINGS_WORDS.search(text) \
                and (not TAX_WORDS.search(text) or TAX_INCLUDED.search(text)
                     or row_gross(text) is not None):
            amount = line_amount(texts, index)
            # "Total Rounding 0.02" adjusts; "Rounded Total (RM): 9.00" is the total
            small = ROUNDING_WORDS.search(text) and amount is not None and amount < ADJUSTMENT
            if amount is not None and amount > 0 and not small:
                found.append((index, amount))
    return found


def per_rate(text: str) -> bool:
    """A total of the goods taxed at one rate ("TOTAL 0% SUPPLIES: 9.57", "TOTAL 6%
    SUPPLIES (INC. GST): 15.26"), not the receipt's: its words name a rate, and not as the
    tax the total includes ("Total incl. 19% VAT")."""
    rate, amount = RATE_RE.search(text), amount_at_end(text)
    return bool(rate) and rate.start() < (amount[1] if amount else len(text)) \
        and not TAX_INCLUDED.search(text[:rate.start()])


def rounding(texts: list[str]) -> Decimal:
    """The rounding adjustment printed on the receipt (``Rounding Adj -0.02``), or 0. Only
    a few cents: a larger amount on such a line is some other reading."""
    for index, text in enumerate(texts):
        if ROUNDING_WORDS.search(text) and not TOTAL_WORDS.search(text.split()[-1]):
            found = line_amount(texts, index)
            if found is not None and abs(found) < ADJUSTMENT:
                return found
    return Decimal(0)


def added_after(texts: list[str], start: int, end: int, discounts: bool = False
                ) -> Decimal | None:
    """What the lines between a total (``start``) and a later one (``end``) add to it: tax,
    service and rounding lines (``Total 40.50`` / ``Tax 3.85`` / ``Total 44.35``), and with
    ``discounts`` what discount lines take off (``Coupon Discount 8.90``); None when
    nothing is added there, or when a tip is: a total with the tip is what was paid, not what
    was bought (the receipt's total is the one before the tip)."""
    added = []
    for index in range(start + 1, end):
        text = texts[index]
        charged = SERVICE_WORDS.search(text) or (TAX_WORDS.search(text)
                                                 and not TAX_INCLUDED.search(text))
        if (TOTAL_WORDS.search(text) and not charged) or SUGGESTED.search(text):
            continue  # a total repeated ("Total Tax 1.74", "Svc Chg Total 12.60" are added)
        if TIP_WORDS.search(text) and line_amount(texts, index):
            return None
        if charged or ROUNDING_WORDS.search(text):
            amount = line_amount(texts, index)
            if amount is not None:
                added.append(amount)
        elif discounts and DISCOUNT_WORDS.search(text):
            amount = line_amount(texts, index)
            if amount is not None:
                added.append(-abs(amount))
    return sum(added, Decimal(0)) if added else None


def tax_amount(texts: list[str]) -> Decimal | None:
    """Amount on a line naming the tax, skipping rates such as ``19%`` and totals that
    include it."""
    for index, text in enumerate(texts):
        if TAX_WORDS.search(text) and "%" not in text.split()[-1] \
                and not (TOTAL_WORDS.search(text) and TAX_INCLUDED.search(text)):
            amount = line_amount(texts, index)
            if amount is not None:
                return amount
    return None


RATE_RE = re.compile(r"(?<![\d,.])(?P<rate>\d{1,2}(?:[.,]\d{1,2})?)\s?%")


def included_tax_fits(texts: list[str], gross: Decimal) -> bool:
    """Whether the tax printed with its rate (``MwSt 19% 8,52``, tax included in the
    prices) is that rate's share of ``gross``, to the cent."""
    for index, text in enumerate(texts):
        rate = RATE_RE.search(text)
        if TAX_WORDS.search(text) and rate and rate.end() < len(text.rstrip()):
            tax = line_amount(texts, index)
            if tax is None or tax <= 0:
                return False
            share = Decimal(rate.group("rate").replace(",", ".")) / 100
            return (gross * share / (1 + share)).quantize(CENT, ROUND_HALF_UP) == tax
    return False


def one_digit_apart(first: Decimal, second: Decimal) -> bool:
    """``35,83`` and ``35,33``: printed alike but for one digit (one misread)."""
    a, b = f"{first:.2f}", f"{second:.2f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def card_payment(texts: list[str]) -> Decimal | None:
    """The amount paid by card (``gegeben Kreditkarte EUR 19,90``): the total when its own
    line is unreadable; on a card slip naming its card (``AMEX``), the amount charged
    (``Amount: $14.00``). Cash lines are left out: cash handed over is often more."""
    paid = [found for index, text in enumerate(texts)
            if CARD_WORDS.search(text) and not CHANGE_WORDS.search(text)
            for found in [line_amount(texts, index)] if found is not None and found > 0]
    if not paid and any(CARD_WORDS.search(text) for text in texts):
        paid = [found for index, text in enumerate(texts) if SLIP_AMOUNT.match(text)
                for found in [line_amount(texts, index)] if found is not None and found > 0]
    return paid[-1] if paid else None  # the payment is below the items ("Greeting Card")


# A payment line closing with a bare number (``Kreditkarte 19377``): its separator lost or
# read as a digit; no other digits on the line (card and terminal numbers).
BARE_PAID_RE = re.compile(r"^[^\d]*\s(?P<digits>\d{3,5})\W*$")


def paid_amounts(texts: list[str], after: int) -> list[Decimal]:
    """Amounts on payment lines (card, cash) below line ``after``; a bare number read both
    ways (``19377``: ``193,77`` or ``19,77``)."""
    found = []
    for text in texts[after + 1:]:
        if PAID_WORDS.search(text):
            bare = BARE_PAID_RE.match(text)
            found += all_amounts(text) or (separator_readings(bare["digits"]) if bare else [])
    return found


def separator_readings(digits: str) -> list[Decimal]:
    """``1977`` -> 19,77; ``19377`` -> 193,77 and 19,77 (the 3 was the comma)."""
    readings = [Decimal(f"{digits[:-2]}.{digits[-2:]}")]
    if len(digits) >= 4:
        readings.append(Decimal(f"{digits[:-3]}.{digits[-2:]}"))
    return readings


def row_gross(text: str) -> Decimal | None:
    """The gross of a tax table row: the amount two others on the line add up to, give or
    take the cent that net and tax rounded apart lose (``27,46 1,92 29,37``)."""
    amounts = [a for a in all_amounts(text) if a > 0]
    return next((c for i, a in enumerate(amounts) for b in amounts[i + 1:]
                 for c in amounts if c not in (a, b) and abs(a + b - c) <= CENT), None)


def tax_table_gross(texts: list[str], after: int) -> Decimal | None:
    """The gross of the tax table below line ``after``: rows holding net, tax and gross
    (in any order, ``7% 6,69 0,47 7,16``) where two of them add up to the third; the
    grosses of all such rows summed (one row per tax class), or None without such rows."""
    grosses = []
    for text in texts[after + 1:]:
        gross = row_gross(text)
        if gross is not None and TOTAL_WORDS.search(text):
            return gross  # the table's own sum row ("Summe 0,47 6,69 7,16")
        if gross is not None:
            grosses.append(gross)
    return sum(grosses, Decimal(0)) if grosses else None


def cash_minus_change(texts: list[str], after: int) -> Decimal | None:
    """Cash handed over less the change given back (``Bar 20,00`` / ``Rückgeld -3,38``),
    from the lines below ``after``; None unless both are printed. A stray digit glued to the
    change (``RÜCKGELD 8,700``) is read off as from an item's price: this only confirms."""
    below = texts[after + 1:]
    change = keyword_amount(below, CHANGE_WORDS)[1]
    if change is None:
        change = next((found[0] for text in below if CHANGE_WORDS.search(text)
                       for found in [item_amount_at_end(text)] if found), None)
    # where change is given, what was handed over may be called a payment ("PAYMENT 50.00")
    cash = keyword_amount(below, CASH_WORDS)[1] or keyword_amount(below, PAYMENT_WORDS)[1]
    if cash is None or change is None:
        return None
    return cash - abs(change)


def confirmation(amount: Decimal, index: int, texts: list[str], items_sum: Decimal | None,
                 subtotal: Decimal | None, tax: Decimal | None,
                 adjustment: Decimal = Decimal(0)) -> float:
    """How well the rest of the receipt supports ``amount`` as the total (a total rounded to
    the smallest coin by ``adjustment``, the receipt's ``rounding``, as well as the one
    before rounding)."""
    if adjustment:
        return max(unrounded_confirmation(amount, index, texts, items_sum, subtotal, tax),
                   unrounded_confirmation(amount - adjustment, index, texts, items_sum,
                                          subtotal, tax))
    return unrounded_confirmation(amount, index, texts, items_sum, subtotal, tax)


def unrounded_confirmation(amount: Decimal, index: int, texts: list[str],
                           items_sum: Decimal | None, subtotal: Decimal | None,
                           tax: Decimal | None) -> float:
    if items_sum is not None and items_sum == amount:
        return CONFIRMED
    floor = UNCONFIRMED
    if items_sum is not None and items_sum == subtotal:
        # the items confirm the subtotal; the total is it, or it plus the tax
        if amount == subtotal or (tax is not None and subtotal + tax == amount):
            return CONFIRMED
        if amount > subtotal and tax is None:
            floor = REPEATED  # the tax unread: as sure as a total printed twice, or surer
    return max(floor, other_confirmation(amount, index, texts, subtotal, tax))


def other_confirmation(amount: Decimal, index: int, texts: list[str],
                       subtotal: Decimal | None, tax: Decimal | None) -> float:
    """How well the receipt supports ``amount`` as the total, the items left aside."""
    if subtotal is not None and tax is not None and subtotal + tax == amount:
        return CONFIRMED
    if amount in (tax_table_gross(texts, index), cash_minus_change(texts, index),
                  row_gross(texts[index])):  # its own line is the table's sum row
        return CONFIRMED
    if amount in paid_amounts(texts, index) or printed_above(amount, index, texts):
        return REPEATED
    repeats = sum(amount in all_amounts(text) for text in texts)
    return REPEATED if repeats >= 2 else UNCONFIRMED


def printed_above(amount: Decimal, index: int, texts: list[str]) -> bool:
    """Whether the amounts closing the lines right above the total line (two or more,
    each line with one) add up to it: the parts of the bill however named ("Food 27.98",
    "Tax 2.03", "Total 30.01"; "Food Total 105.00", "Svc Chg Total 18.90", "Tax 5.25").
    A tip or a saving among them ends the run: a total with a tip is what was paid."""
    running, count = Decimal(0), 0
    for text in reversed(texts[max(0, index - PARTS_ABOVE):index]):
        found = amount_at_end(text)
        if found is None or TIP_WORDS.search(text) or SAVINGS_WORDS.search(text):
            return False
        running, count = running + found[0], count + 1
        if count >= 2 and running == amount:
            return True
    return False
