"""Money amounts as printed on receipts: ``1,234.56``, ``1.234,56``, ``12,34``, ``-0,50``, ``0,50-``."""
from __future__ import annotations

import re
from decimal import Decimal

from ocr.parse.currencies import CURRENCIES, DOLLARS

# An amount: digits with optional thousands groups, a decimal separator and two decimals.
# A space after the separator is tolerated (OCR often reads "0, 35"). A minus may stand
# before the currency's sign ("-$1.00", "-RM0.02"); an amount under one may be printed without
# its zero (".40", "-.02") after a space or a sign.
AMOUNT = r"(?<![\d.,])(?P<sign>-\s?(?:[$€£]|RM|Rs\.?)?\s?)?(?P<number>\d{1,3}(?:[.,'\s]\d{3})+|\d+|(?<![^\s$€£-])(?=[.,]\d))[.,]\s?(?P<cents>\d{2})(?P<trail>-)?(?![\d])"
AMOUNT_RE = re.compile(AMOUNT)

# Trailing noise allowed after a line's final amount: currency, tax class letter (any
# capital, real prints E and V; after a star that OCR may read as x; maybe marked W, an
# item with a deposit: "1,19 CW"), star,
# and stray punctuation marks OCR reads from paper texture ("1,19,").
LINE_END_RE = re.compile(
    AMOUNT + r"\s*(?:EUR|€|USD|\$|GBP|£)?\s*[^\w\s]{0,3}\s*(?:[x*×]?\s?[A-Za-h](?:\s?[Ww])?\b|\d{1,2}\b|\*)?"
    r"\s*[^\w\s]{0,3}\s*$")

# An item price with its tax class glued on: tesseract reads the class letter as a digit
# ("0,356" for "0,35 C", "1,928" for "1,92 B"), RapidOCR drops the space before a class
# number or rate ("29,981" for "29,98 1", "20.9919" for "20.99 19", IKEA's "24,990"). Weights ("0,356 kg")
# and prices per litre ("1,459 EUR/l") carry a unit and do not match.
CLASS_DIGIT_END_RE = re.compile(
    AMOUNT.replace(r"(?P<trail>-)?(?![\d])", r"(?P<trail>)(?:[0-8]|19|07)") + r"\s*$")
# Dots and stray marks between the price and its class code ("10,00. ..0", IKEA's code 0).
NOISY_CODE_END_RE = re.compile(AMOUNT + r"[.,:;\s]+[0-9A-Ha-h]\s*$")

# Currencies paid in whole units (rupiah, yen, won, dong, forint ...): prices print without
# cents, thousands grouped ("25.000", "Rp 1,250,000"). A number so grouped, one separator
# throughout, not part of a longer number; and an amount with cents, for comparison.
GROUPED = re.compile(r"(?<![\d.,])(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*)(?![\d]|[.,]\d)")
WITH_CENTS = re.compile(r"(?<![\d.,])\d+[.,]\d{2}(?!\d)")
# ... or a whole number right after a currency's sign or code ("Rs 1939", "¥980", "INR 450"),
# which no amount with cents follows.
SIGNED_WHOLE = re.compile(
    r"(?:(?<![a-z])(?:rs|rp|inr|idr|jpy|krw|vnd)\.?|[¥₹₩₫])\s?(\d{1,7})(?![\d.,]|\s[.,]\d)",
    re.IGNORECASE)
MIN_GROUPED = 2  # amounts so printed on a receipt at least


def in_whole_units(texts: list[str]) -> bool:
    """Whether the receipt prints its prices in whole units: at least two amounts with
    thousands grouped or a currency's sign before a whole number, and hardly any with cents
    (a time read as "12.30" may be one)."""
    whole = sum(len(GROUPED.findall(text)) + len(SIGNED_WHOLE.findall(text)) for text in texts)
    cents = sum(len(WITH_CENTS.findall(text)) for text in texts)
    return whole >= MIN_GROUPED and cents * 4 <= whole


def with_cents(text: str) -> str:
    """A line of a receipt in whole units with its amounts written as the parser reads
    money: "Nasi Goreng 25.000" -> "Nasi Goreng 25000.00", "Rs 1939" -> "Rs 1939.00"."""
    text = GROUPED.sub(lambda found: re.sub(r"[.,]", "", found.group(1)) + ".00", text)
    return SIGNED_WHOLE.sub(lambda found: found.group(0) + ".00", text)


# The currencies a receipt names by sign (ocr.parse.currencies), in the order ties go.
CURRENCY_SIGNS = [(c.code, re.compile(c.sign))
                  for c in sorted(CURRENCIES, key=lambda c: c.tie_rank) if c.sign]


def parse_amount(text: str) -> Decimal | None:
    """The first amount in ``text`` as a Decimal, or None."""
    match = AMOUNT_RE.search(text)
    return amount_from_match(match) if match else None


def amount_from_match(match: re.Match) -> Decimal:
    digits = re.sub(r"\D", "", match.group("number"))
    value = Decimal(f"{digits}.{match.group('cents')}")
    negative = bool(match.group("sign")) or bool(match.group("trail"))
    return -value if negative else value


def all_amounts(text: str) -> list[Decimal]:
    return [amount_from_match(m) for m in AMOUNT_RE.finditer(text)]


def amount_at_end(text: str) -> tuple[Decimal, int] | None:
    """The amount closing a line and where it starts, e.g. ``"Milch 1,29 A"`` -> (1.29, 6)."""
    match = LINE_END_RE.search(text)
    if not match:
        return None
    return amount_from_match(match), match.start()


def item_amount_at_end(text: str) -> tuple[Decimal, int] | None:
    """Like ``amount_at_end``, also reading a tax-class letter misread as a third decimal."""
    found = amount_at_end(text)
    if found:
        return found
    match = CLASS_DIGIT_END_RE.search(text) or NOISY_CODE_END_RE.search(text)
    return (amount_from_match(match), match.start()) if match else None


def find_currency(text: str, local: str | None = None) -> str | None:
    """The currency named most often by symbol or code, or None. A bare ``$`` is the local
    dollar (``local``: the currency of the country the receipt reads as)."""
    counts = {code: len(pattern.findall(text)) for code, pattern in CURRENCY_SIGNS}
    code, count = max(counts.items(), key=lambda item: item[1])
    if code == "USD" and local in DOLLARS and not re.search(r"\bUS\$|\bUSD\b", text):
        return local
    return code if count else None
