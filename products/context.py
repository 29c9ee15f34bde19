"""What kind of receipt the items stand on: a restaurant's bill changes what food is, a
pharmacy's what an unknown item is.

A pharmacy is told by its name: the merchant's name or the receipt's header lines hold a
pharmacy word (the ``business`` words of ``ocr.parse.vocabulary`` for pharmacies, in the
languages receipts come in: Apotheke, pharmacy, chemist, pharmacie, farmacia, apotek,
apteka). Drugstores that also sell food and household goods (dm, Rossmann, CVS, Walgreens,
Boots ...) are not pharmacies here, even where their header says "pharmacy" (CVS/pharmacy):
most of what they sell is ordinary, and an unknown brand there is as likely shampoo as a
medicine. Nor is a pharmacy counter's telephone line in a supermarket's header
("Pharmacy 555-201-4100"). On any receipt, an item line that itself says it came from the
pharmacy (``Rx``, ``pharmacy``, ``Apotheke``) counts as a pharmacy's (``says_pharmacy``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from products.lexicon import read_rows
from products.text import fold
from products.types import PHARMACY, RESTAURANT

RESTAURANT_CUES = re.compile(
    r"\b(?:tip|tips|gratuity|server|table|tbl|guests?|covers|dine[ -]?in|take[ -]?out|"
    r"trinkgeld|tisch|bedienung|bewirtung|gedeck|kellner(?:in)?|restaurant|ristorante|"
    r"trattoria|pizzeria|bistro|cafe|café|tavern|grill|diner|brasserie|gaststätte|"
    r"gasthaus|gasthof|imbiss|sushi|burger)\b", re.IGNORECASE)
MIN_CUES = 2
# a pharmacy's own word, also in compounds ("Marien-Apotheke", "Stadtapotheke", "Apoteket")
PHARMACY_WORDS = re.compile(
    r"apothe[ck]|apotek|apteka|farm[aá]cia|pharmac(?:y|ie|ia)|chemist|apothecary",
    re.IGNORECASE)
# shops whose receipts say "pharmacy" but sell mostly ordinary goods: drugstores (their
# chains' names as printed on their receipts) and supermarkets with a pharmacy counter;
# not Müller: a common name of pharmacists too ("Apotheke am Markt, Inh. M. Müller")
DRUGSTORES = re.compile(
    r"\b(?:dm|dm-drogerie|drogerie|drugstore|rossmann|budni|cvs|walgreens|"
    r"duane\s*reade|rite\s*aid|boots|superdrug|watsons|kruidvat|etos|matas|"
    r"supermarket|supermarkt|supercenter|walmart|kroger|costco|tesco|sainsbury'?s?|asda)\b",
    re.IGNORECASE)
PHONE = re.compile(r"\d[\d /().-]{5,}\d")  # a counter's telephone number on the same line
# an item line that says it was dispensed or sold by the pharmacy
# ("RX 4471023", "Rx#: ...": an Rx with its label or its number, as the prescription
# recognizer reads one; "OMEGA 3 RX 120 CAPS" names a product's variant)
PHARMACY_LINE = re.compile(r"\brx\s*(?:#|no\.?|nr\.?|:)|\brx\s?\d{5,}|\b(?:pharmacy|pharmacie|"
                           r"farmacia|apotheke\w*)\b", re.IGNORECASE)
HEADER_LINES = 8  # the lines at the top of a receipt that name the shop


def shop_names(header: Iterable[str], merchant: str | None = None) -> list[str]:
    """The merchant's name and the header lines that may say what the shop is; none where
    one names a drugstore or a supermarket: they sell everything, and are neither a pharmacy
    nor a shop of one kind."""
    names = [line for line in [merchant or "", *header] if line]
    return [] if any(DRUGSTORES.search(name) for name in names) else names


def shop_context(header: Iterable[str], merchant: str | None = None) -> str | None:
    """``PHARMACY`` when the merchant's name or a header line names a pharmacy and none names
    a drugstore or supermarket, else None. ``header``: the receipt's top lines, as text."""
    if any(PHARMACY_WORDS.search(name) and not PHONE.search(name)
           for name in shop_names(header, merchant)):
        return PHARMACY
    return None


def says_pharmacy(line: str) -> bool:
    """The item line itself says it came from a pharmacy (``RX 4471023``, ``Apotheke``)."""
    return bool(PHARMACY_LINE.search(line))


def receipt_context(page_text: str, merchant: str | None = None) -> str | None:
    """``PHARMACY`` when the receipt's header or ``merchant`` names a pharmacy
    (``shop_context``); ``RESTAURANT`` when at least two restaurant words stand on the
    receipt (the name of a table, a server, a tip line, "Bewirtung"); else the class of what
    the shop mostly sells (``shop_class``), or None."""
    header = page_text.split("\n")[:HEADER_LINES]
    if shop_context(header, merchant):
        return PHARMACY
    if len(RESTAURANT_CUES.findall(page_text)) >= MIN_CUES:
        return RESTAURANT
    return shop_class(header, merchant)


@lru_cache(maxsize=1)
def shop_kinds() -> tuple[tuple[str, re.Pattern], ...]:
    """(class, the words and chain names of ``data/shops.tsv`` as one pattern) per class."""
    kinds = []
    for code, words in read_rows("shops.tsv"):
        names = sorted({fold(word.strip()) for word in words.split(",")}, key=len, reverse=True)
        kinds.append((code.strip(), re.compile(
            r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, names)) + r")", re.IGNORECASE)))
    return tuple(kinds)


def shop_class(header: Iterable[str], merchant: str | None = None) -> str | None:
    """The COICOP class of what the shop mostly sells where its name or a header line says
    its kind or names a chain of one kind (``data/shops.tsv``: IKEA, a Baumarkt, a
    boulangerie), and no line names a supermarket or drugstore; else None. A kind word may
    start a compound ("Möbelhaus"); the first line that names one decides."""
    for name in map(fold, shop_names(header, merchant)):
        for code, pattern in shop_kinds():
            if pattern.search(name):
                return code
    return None


def is_shop_class(context: str | None) -> bool:
    """``context`` is the class of what a shop sells (``shop_class``), not a kind of receipt."""
    return bool(context) and context[:1].isdigit()
