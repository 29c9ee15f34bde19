"""The words receipts print, one module a language, joined into the patterns the parser
reads with.

Each language module has ``WORDS``: for each role a line's words can play (``total``,
``tax``, ``change``, ``title`` ...) a list of regular-expression pieces, matched without
regard to case. A receipt may mix languages (English card slips on German receipts, English
words on Malaysian or Indian ones), so every pattern holds every language's words; a word
that means something else in another language (German ``bar`` is cash, English ``bar`` a
drink) stays out of the roles where that matters. Adding a language is adding a module
here and its name to ``LANGUAGES``.
"""
from __future__ import annotations

import re
from importlib import import_module

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cee", "nordic", "ms")
MODULES = [import_module(f"ocr.parse.vocabulary.{name}") for name in LANGUAGES]


def pieces(role: str) -> list[str]:
    """Every language's pieces for ``role``, in the order of ``LANGUAGES``."""
    return [piece for module in MODULES for piece in module.WORDS.get(role, [])]


def words(*roles: str) -> re.Pattern:
    """One pattern matching any word of the given roles, anywhere on a line."""
    return re.compile("|".join(piece for role in roles for piece in pieces(role)),
                      re.IGNORECASE)


def line_start(*roles: str) -> re.Pattern:
    """One pattern matching a line that opens with a word of the given roles."""
    joined = "|".join(piece for role in roles for piece in pieces(role))
    return re.compile(rf"^\W*(?:{joined})\b", re.IGNORECASE)


def month_names() -> list[str]:
    """For each month (January first) its names in every language, space-separated."""
    return [" ".join(module.WORDS["months"][month] for module in MODULES
                     if "months" in module.WORDS) for month in range(12)]


TOTAL = words("total")
SUBTOTAL = words("subtotal")
# "(?![a-z])" and not "\b" after tax words: RapidOCR glues the rate on ("VAT19%").
TAX = words("tax")
TAX_INCLUDED = words("tax_included")
TIP = words("tip")
SUGGESTED = words("suggested")
SERVICE = words("service")
ROUNDING = words("rounding")
CASH = words("cash")
CHANGE = words("change")
CARD = words("card")
PAID = words("cash", "card", "payment")
NOT_ITEM = words("cash", "change", "card", "payment", "net_gross", "unit_price")
TAX_TABLE = words("net_gross", "tax_table")
DISCOUNT = words("discount")
SAVINGS = words("savings")
ITEM_COUNT = words("item_count")
DATE_CUE = re.compile(rf"\b(?:{'|'.join(pieces('date_cue'))})\b", re.IGNORECASE)
OTHER_DATE = words("other_date")
ROLE_OR_TITLE = line_start("role", "title", "greeting", "address_label")
ADDRESS_LABEL = line_start("address_label")
DOCUMENT_TITLE = re.compile(rf"^\W*(?:\w+\s+){{0,2}}(?:{'|'.join(pieces('document'))})\W*$",
                            re.IGNORECASE)
WELCOME_TO = re.compile(rf"^\W*(?:{'|'.join(pieces('welcome'))})\s+"
                        rf"(?:{'|'.join(pieces('welcome_to'))})\s+(?P<name>.+)$", re.IGNORECASE)
HEADER_DETAIL = words("header_detail")
BUSINESS = words("business")
STREET = words("street")
LEGAL_MENTION = words("legal_mention")
COLUMN = words("column")
PAYMENT = words("payment")
SLIP_AMOUNT = line_start("slip_amount")
# A line of payment and document words alone ("******CASH******", "DEBIT SALE", "VISA",
# "Customer Copy"): how the receipt was paid or what it is, never whose it is ("Cash
# Converters" and "Card Factory" hold more).
PAYMENT_OR_TITLE_ONLY = re.compile(
    r"^(?:[\W\d_]*(?:" + "|".join(piece for role in ("cash", "card", "payment", "title",
                                                          "address_label")
                                 for piece in pieces(role)) + r"|sale))+[\W\d_]*$",
    re.IGNORECASE)


def table_heading(text: str) -> bool:
    """The item table's column headings ("DESCRIPTION QTY PRICE AMOUNT", "QTY DESCRIPTION
    TOTAL TAX"): two column words or more, no number."""
    return len({found.lower() for found in COLUMN.findall(text)}) >= 2 \
        and not re.search(r"\d", text)
