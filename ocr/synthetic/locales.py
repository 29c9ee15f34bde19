"""How receipts print money, dates and their key words, per locale (synthetic receipts)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Locale:
    code: str
    currency: str
    decimal_comma: bool
    date_formats: tuple[str, ...]  # strftime patterns, one chosen per receipt
    total_word: str
    tax_word: str
    cash_word: str
    change_word: str
    card_word: str
    quantity_sign: str  # "x" or "@"
    tax_added: bool  # US style: tax added below a subtotal; else included in the prices
    subtotal_word: str = "SUBTOTAL"
    money_prefix: str = ""  # printed before the total, e.g. "EUR" or "£"


LOCALES = {
    "de": Locale("de", "EUR", True, ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"), "SUMME",
                 "MwSt", "BAR", "RÜCKGELD", "EC-KARTE", "x", False, "ZWISCHENSUMME", "EUR"),
    "de-zahlen": Locale("de", "EUR", True, ("%d.%m.%Y", "%d.%m.%y"), "ZU ZAHLEN", "MWST",
                        "GEGEBEN", "ZURÜCK", "GIROCARD", "x", False, "ZWISCHENSUMME", "EUR"),
    "en-GB": Locale("en-GB", "GBP", False, ("%d/%m/%Y", "%d %b %Y"), "TOTAL", "VAT", "CASH",
                    "CHANGE", "VISA", "@", False, "SUBTOTAL", "£"),
    "en-US": Locale("en-US", "USD", False, ("%m/%d/%Y", "%m/%d/%y", "%b %d, %Y"), "TOTAL",
                    "TAX", "CASH", "CHANGE", "VISA", "@", True, "SUBTOTAL", "$"),
    "fr": Locale("fr", "EUR", True, ("%d/%m/%Y", "%d/%m/%y"), "TOTAL", "TVA", "ESPECES",
                 "RENDU", "CB", "x", False, "SOUS-TOTAL", "EUR"),
}


def money(value: Decimal, locale: Locale) -> str:
    """``1234.5`` -> ``1.234,50`` (decimal comma) or ``1,234.50``; in a currency paid in
    whole units (a ``styles.Style`` with ``whole_units``) ``38500`` -> ``38.500`` or ``38,500``."""
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = f"{int(whole):,}"
    if getattr(locale, "whole_units", False):
        return sign + (groups.replace(",", ".") if locale.decimal_comma else groups)
    if locale.decimal_comma:
        return f"{sign}{groups.replace(',', '.')},{cents}"
    return f"{sign}{groups}.{cents}"


def print_date(day: date, pattern: str) -> str:
    return day.strftime(pattern)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def stamp(day: date, pattern: str) -> str:
    """``print_date`` without the C library's locale or padding rules: ``%-d``/``%-m`` are
    unpadded, ``%b`` an English month abbreviation and ``%^b`` the same in capitals, so
    ``stamp(day, "%b%d'%y")`` gives ``Jun28'17`` and ``stamp(day, "%-m/%-d/%Y")`` ``6/28/2017``."""
    month = MONTHS[day.month - 1]
    parts = {"%-d": str(day.day), "%-m": str(day.month), "%^b": month.upper(), "%b": month}
    for token, text in parts.items():
        pattern = pattern.replace(token, text)
    return day.strftime(pattern)


def date_order(pattern: str) -> str:
    """"DMY", "MDY" or "YMD": the order of day, month and year in a date pattern."""
    at = {part: min((pattern.find(t) for t in tokens if t in pattern), default=len(pattern))
          for part, tokens in (("D", ("%d", "%-d")), ("M", ("%m", "%-m", "%b", "%^b")),
                               ("Y", ("%Y", "%y")))}
    return "".join(sorted(at, key=at.get))
