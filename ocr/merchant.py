"""The merchant: a known brand anywhere on the receipt, else the first name-like header line."""
from __future__ import annotations

import re

# Well-known retail chains (Germany, UK, US), as lowercase slugs; matched as whole words
# or inside a web address, on text with letter-spacing ("A L D I") collapsed.
KNOWN_BRANDS = {
    "aldi": "Aldi", "lidl": "Lidl", "rewe": "Rewe", "edeka": "Edeka", "penny": "Penny",
    "netto": "Netto", "kaufland": "Kaufland", "real": "Real", "marktkauf": "Marktkauf",
    "globus": "Globus", "norma": "Norma", "tegut": "Tegut", "dm": "dm", "rossmann": "Rossmann",
    "müller": "Müller", "ikea": "Ikea", "hornbach": "Hornbach", "obi": "Obi", "toom": "Toom",
    "bauhaus": "Bauhaus", "roller": "Roller", "saturn": "Saturn", "mediamarkt": "MediaMarkt",
    "media markt": "MediaMarkt", "thalia": "Thalia", "tesco": "Tesco", "sainsbury": "Sainsbury's",
    "asda": "Asda", "waitrose": "Waitrose", "walmart": "Walmart",
    "costco": "Costco", "kroger": "Kroger", "walgreens": "Walgreens",
}
# Words that make "Netto", "Real" etc. mean something else on a receipt line.
NOT_A_BRAND_LINE = re.compile(
    r"mwst|brutto|steuer|ust|betrag|summe|%|\d[.,]\s?\d\d\b", re.IGNORECASE)

HEADER_LINES = 8
NOT_A_NAME = re.compile(
    r"\d{4,}|\btel\b|\bfon\b|phone|fax|www\.|@|stra(ss|ß)e|str\.|str\b|weg\b|platz\b|allee\b|"
    r"\s\d{1,4}\s?[a-z]?$|mwst|summe|total|"
    r"gasse\b|street|\broad\b|\bave\b|filiale|kasse|\bbon\b|beleg|uhr\b|datum|öffnungszeit",
    re.IGNORECASE)


def find_merchant(lines: list[str]) -> tuple[str | None, float]:
    """Display name and confidence: 0.9 for a known brand, 0.5 for a header guess."""
    brand = find_brand(lines)
    if brand:
        return brand, 0.9
    for text in lines[:HEADER_LINES]:
        name = display_name(text)
        if name and not NOT_A_NAME.search(text) and letter_share(name) >= 0.7:
            return name, 0.5
    return None, 0.0


def find_brand(lines: list[str]) -> str | None:
    for text in lines:
        if NOT_A_BRAND_LINE.search(text):
            continue
        collapsed = collapse_letter_spacing(text).lower()
        for slug, name in KNOWN_BRANDS.items():
            if re.search(rf"(?<![a-zäöüß]){re.escape(slug)}(?![a-zäöüß])", collapsed):
                return name
    return None


def collapse_letter_spacing(text: str) -> str:
    """``"A L D I Süd"`` -> ``"ALDI Süd"``: runs of single letters joined into one word."""
    return re.sub(r"\b(?:\w ){2,}\w\b", lambda m: m.group(0).replace(" ", ""), text)


def display_name(text: str) -> str | None:
    """Clean display form of a header line: stray symbols stripped, title case."""
    text = collapse_letter_spacing(text)
    text = re.sub(r"[^\w&'.\- ]", " ", text)
    words = [w.strip(".-'") for w in text.split()]
    words = [w for w in words if len(w) > 1 or w == "&"]
    if not words or sum(len(w) for w in words) < 3:
        return None
    return " ".join(w if w == "&" else w.capitalize() for w in words)


def letter_share(text: str) -> float:
    letters = sum(c.isalpha() for c in text)
    return letters / max(1, sum(not c.isspace() for c in text))
