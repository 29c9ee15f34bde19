"""Which total-keyword line is the total, and the items above it.

Every total-keyword line is a ``Candidate``: its amount, the items read above it, and how
well the rest of the receipt confirms it (``ocr.parse.totals.confirmation``). A total with
tax, service or rounding added below an earlier, confirmed one (or below the subtotal) is
as sure as that one, and wins a tie, as does the total after a rounding adjustment; a total
with a tip added is not (the receipt's total is the one before the tip). Where the items do
not add up, misread prices are read again (``ocr.parse.repair``) and kept only where that
confirms a total better. Without a confirmed total: subtotal plus tax agreeing with cash
less change, a total line one digit off the items' sum when the printed tax agrees with the
sum, or, without any readable total line, the card payment.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ocr.parse.amounts import all_amounts
from ocr.parse.items import find_items, within_total
from ocr.parse.repair import repair_items
from ocr.parse.totals import (
    CONFIRMED,
    REPEATED,
    SUBTOTAL_WORDS,
    TOTAL_WORDS,
    UNCONFIRMED,
    added_after,
    card_payment,
    cash_minus_change,
    confirmation,
    included_tax_fits,
    line_amount,
    one_digit_apart,
    paid_amounts,
    rounding,
    total_candidates,
)
from ocr.parse.vocabulary import table_heading
from ocr.types import ParsedItem

ADDED_LINES = 3  # tax and service lines printed under a subtotal, at most


@dataclass
class Candidate:
    """One total-keyword line's amount and the items read above it."""

    number: int  # its place among the candidates
    line: int
    amount: Decimal
    end: int  # where its items end
    read: list[ParsedItem]  # the items as read
    items: list[ParsedItem]  # without amounts absurd for this total
    score: float = 0.0  # how well the receipt confirms it
    grown: bool = False  # an earlier total with what the lines between add


@dataclass
class Choice:
    """The total chosen so far, its items and its confidence."""

    score: float = 0.0
    amount: Decimal | None = None
    items: list[ParsedItem] = field(default_factory=list)
    number: int = -1


@dataclass
class Totals:
    """What the rest of the receipt says about its total."""

    texts: list[str]
    subtotal: Decimal | None
    tax: Decimal | None
    subtotal_index: int | None
    adjustment: Decimal = field(init=False)  # the receipt's rounding, read once
    parts: Decimal | None = field(init=False)  # several subtotals' sum, with the tax

    def __post_init__(self) -> None:
        self.adjustment = rounding(self.texts)
        self.parts = subtotals_with_tax(self.texts, self.tax)

    def confirms(self, amount: Decimal, line: int, items: list[ParsedItem] | None) -> float:
        if amount == self.parts:  # "Bar Subtotal 7.98", "Food Subtotal 21.17", "Tax 1.90"
            return CONFIRMED
        return confirmation(amount, line, self.texts, items_sum(items), self.subtotal, self.tax,
                            self.adjustment)

    def from_subtotal(self, amount: Decimal, line: int, items: list[ParsedItem]) -> float:
        """The subtotal with the tax, service and rounding lines between it and this total
        line (``Subtotal 22.98``, ``Tax 1.61``, ``Service 3.45``, ``Total 28.04``):
        as sure as the items make the subtotal."""
        if self.subtotal is None or self.subtotal_index is None or self.subtotal_index > line:
            return 0.0
        if amount - self.subtotal not in {
                added_after(self.texts, self.subtotal_index, line),
                added_after(self.texts, self.subtotal_index, line, discounts=True)}:
            return 0.0
        return CONFIRMED if items_sum(items) == self.subtotal else REPEATED


def choose_total(texts: list[str], subtotal: Decimal | None, tax: Decimal | None,
                 subtotal_index: int | None
                 ) -> tuple[Decimal | None, list[ParsedItem], float]:
    """The best-supported total, the items above it, and the total's confidence."""
    receipt = Totals(texts, subtotal, tax, subtotal_index)
    first_total = next((i for i, text in enumerate(texts) if TOTAL_WORDS.search(text)
                        and not table_heading(text)), None)
    candidates = scored_candidates(receipt, first_total)
    best = with_repairs(receipt, candidates, best_scored(candidates, receipt))
    if best.score < REPEATED:
        fallback = unconfirmed_fallback(receipt, best, first_line(subtotal_index, first_total))
        if fallback:
            return fallback
    if best.amount is None:
        end = first_line(subtotal_index, first_total)
        paid, items, confidence = total_from_payment(texts, end)
        if paid is not None:
            return paid, items, confidence
        return total_from_subtotal(receipt, first_total, items)
    rounded = best.amount + receipt.adjustment
    line = candidates[best.number].line
    printed_below = [amount for text in texts[line + 1:line + 1 + ADDED_LINES]
                     for amount in all_amounts(text)]
    if receipt.adjustment and rounded not in {c.amount for c in candidates} and \
            rounded in paid_amounts(texts, line) + printed_below:
        # rounded only at the till: "Total 176.23", "Cash Rounding 0.02", "Amount Paid 176.25"
        # (or a line the total's word was not read on: "AmtDue 64.15")
        return rounded, best.items, best.score
    paid = cash_minus_change(texts, line)
    if not receipt.adjustment and paid is not None and paid != best.amount and \
            paid in coin_roundings(best.amount):
        # rounded at the till without a rounding line: "TOTAL 46.89", "PAYMENT 56.90",
        # "CHANGE DUE 10.00": 46.90 was paid
        return paid, best.items, best.score
    return best.amount, best.items, best.score


def coin_roundings(amount: Decimal) -> set[Decimal]:
    """``amount`` rounded to the smallest coin where cash is so rounded (5 or 10 cents)."""
    return {(amount / step).quantize(Decimal(1), ROUND_HALF_UP) * step
            for step in (Decimal("0.05"), Decimal("0.10"))}


def scored_candidates(receipt: Totals, first_total: int | None) -> list[Candidate]:
    """Every total-keyword line's candidate, scored; one grown from an earlier confirmed
    total by what the lines between add (``Total 40.50``, ``Tax 3.85``, ``Total 44.35``)
    is as sure as that one."""
    candidates: list[Candidate] = []
    for number, (line, amount) in enumerate(total_candidates(receipt.texts)):
        # items end at the subtotal, or at the first total line even when its amount is
        # unreadable and the total came from a later line (the tax table's sum row)
        end = min(i for i in (line, receipt.subtotal_index, first_total) if i is not None)
        read = find_items(receipt.texts, end=end)
        candidate = Candidate(number, line, amount, end, read, within_total(read, amount))
        grown_from = [earlier.score for earlier in candidates
                      if added_after(receipt.texts, earlier.line, line) == amount - earlier.amount]
        grown_from.append(receipt.from_subtotal(amount, line, candidate.items))
        candidate.grown = max(grown_from, default=0.0) > 0
        candidate.score = max([receipt.confirms(amount, line, candidate.items)] + grown_from)
        candidates.append(candidate)
    return candidates


def best_scored(candidates: list[Candidate], receipt: Totals) -> Choice:
    """The best-confirmed candidate; on a tie, the later one that grew from an earlier total,
    is the total after rounding, or is what was paid (cash less change): the items' sum
    above a total rounded to the coin (``Total 85.89``, ``Total Payable 85.90``) is not;
    nor is an amount below the subtotal, where a later one is not (``Total Taxes 4.56``
    read as a total, ``Grand Total 61.56`` over a subtotal of 57.00)."""
    amounts = {candidate.amount for candidate in candidates}
    best = Choice()
    for candidate in candidates:
        rounded = receipt.adjustment and candidate.amount - receipt.adjustment in amounts
        paid = candidate.amount == cash_minus_change(receipt.texts, candidate.line)
        above = best.amount is not None and receipt.subtotal is not None \
            and best.amount < receipt.subtotal <= candidate.amount
        if candidate.score > best.score or (candidate.score == best.score > 0 and (
                rounded or candidate.grown or paid or above)):
            best = Choice(candidate.score, candidate.amount, candidate.items, candidate.number)
    return best


def with_repairs(receipt: Totals, candidates: list[Candidate], best: Choice) -> Choice:
    """Items that do not add up: bare prices (``219``, ``1519``) read with a separator where
    the sum then holds (ocr.parse.repair); kept where that confirms a total better, or as
    well (not unconfirmed) the one already chosen: never a candidate confirmed as well
    without a repair."""
    for candidate in candidates:
        targets = [receipt.subtotal, candidate.amount]
        if items_sum(candidate.items) in targets:
            continue
        repaired = repair_items(receipt.texts, candidate.items, candidate.end, targets) or (
            candidate.read != candidate.items
            and repair_items(receipt.texts, candidate.read, candidate.end, targets))
        score = receipt.confirms(candidate.amount, candidate.line, repaired) if repaired \
            else 0.0
        if score > best.score or (candidate.number == best.number
                                  and score == best.score >= REPEATED):
            best = Choice(score, candidate.amount, repaired, candidate.number)
    return best


def unconfirmed_fallback(receipt: Totals, best: Choice, end: int | None
                         ) -> tuple[Decimal, list[ParsedItem], float] | None:
    """A total where no candidate is confirmed: subtotal plus tax agreeing with cash less
    change (the total line misread), or the items' sum where the total line reads one digit
    off it and the printed tax agrees with the sum."""
    derived = derived_total(receipt)
    if derived is not None:
        items = within_total(find_items(receipt.texts, end=end), derived)
        if items_sum(items) != receipt.subtotal:
            items = repair_items(receipt.texts, items, end, [receipt.subtotal, derived]) \
                or items
        return derived, items, REPEATED
    summed = items_sum(best.items)
    if best.amount is not None and summed is not None and receipt.subtotal is None and \
            one_digit_apart(summed, best.amount) and \
            included_tax_fits(receipt.texts, summed) and \
            not included_tax_fits(receipt.texts, best.amount):
        return summed, best.items, REPEATED
    return None


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


def total_from_subtotal(receipt: Totals, first_total: int | None, items: list[ParsedItem]
                        ) -> tuple[Decimal | None, list[ParsedItem], float]:
    """No readable total line and no payment: the subtotal with the tax (and service) lines
    printed under it, up to the unreadable total line or ``ADDED_LINES`` below
    (``Subtotal $28.95``, ``Tax $2.03``, ``Total a``): a guess, for review, as a tip or a
    discount may follow unread; as sure as a total printed twice where the sum is printed
    on a line there (``SUBTOTAL 86.50``, ``Tax 7.68``, ``TAI $94.18``: the total's word
    misread). ``items``: those read above the subtotal."""
    if receipt.subtotal is None or receipt.subtotal_index is None:
        return None, items, 0.0
    stop = min(receipt.subtotal_index + ADDED_LINES + 1, len(receipt.texts))
    if first_total is not None and first_total > receipt.subtotal_index:
        stop = min(stop, first_total)
    if cash_minus_change(receipt.texts, receipt.subtotal_index) == receipt.subtotal:
        # what was paid is the subtotal (the tax under it, if any, was included: "SUBTOTAL
        # 33.80", "6% GST 0.77", "CASH 50.00", "CHANGE 16.20")
        return receipt.subtotal, within_total(items, receipt.subtotal), REPEATED
    added = added_after(receipt.texts, receipt.subtotal_index, stop)
    if added is None:
        return None, items, 0.0
    total = receipt.subtotal + added
    below = receipt.texts[receipt.subtotal_index + 1:stop + 1]
    printed = any(total in all_amounts(text) for text in below)
    return total, within_total(items, total), REPEATED if printed else UNCONFIRMED


def subtotals_with_tax(texts: list[str], tax: Decimal | None) -> Decimal | None:
    """Where a receipt prints two subtotals or more (a bar's and a kitchen's), their sum with
    the tax; else None."""
    parts = [amount for index, text in enumerate(texts) if SUBTOTAL_WORDS.search(text)
             for amount in [line_amount(texts, index)] if amount is not None]
    return sum(parts, tax or Decimal(0)) if len(parts) >= 2 else None


def items_sum(items: list[ParsedItem] | None) -> Decimal | None:
    return sum((i.amount for i in items), Decimal(0)) if items else None


def derived_total(receipt: Totals) -> Decimal | None:
    """The total when its own line is misread (``TOTAL $ 1./91.23``) but two other readings
    agree on it: subtotal plus tax, and cash given less change."""
    after = receipt.subtotal_index if receipt.subtotal_index is not None else -1
    paid = cash_minus_change(receipt.texts, after)
    if receipt.subtotal is None or receipt.tax is None or paid is None:
        return None
    return paid if paid > 0 and receipt.subtotal + receipt.tax == paid else None
