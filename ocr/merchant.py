"""The merchant: a known brand named on the receipt, else the first name-like header line."""
from __future__ import annotations

import re
from collections import Counter

from ocr.brands import KNOWN_BRANDS, BUSINESS_WORDS, alias_brand, near_brand, near_brand_word

# Words that make "Netto", "Real" etc. mean something else on a receipt line.
NOT_A_BRAND_LINE = re.compile(
    r"mwst|brutto|steuer|ust|betrag|summe|\d\s?%|\d[.,]\s?\d\d\b", re.IGNORECASE)

HEADER_LINES = 8
LOGO_LINES = 8  # lines of logo artwork read as letters may come before the header
NOT_A_NAME = re.compile(
    r"\d{4,}|\btel\b|\bfon\b|phone|fax|www\.|@|stra(ss|ß)e|str\.|str\b|weg\b|platz\b|allee\b|"
    r"\s\d{1,4}\s?[a-z]?$|mwst|summe|total|"
    r"gasse\b|street|\broad\b|\bave\b|filiale|kasse|\bbon\b|beleg|uhr\b|datum|öffnungszeit|"
    r"^\W*(eur|euro|usd|gbp|chf)\W*$|\d\D*\d",  # names hold one digit at most
    re.IGNORECASE)
ADDRESS = re.compile(
    r"stra(ss|ß)e|str\.|weg\b|allee\b|platz\b|gasse\b|street|\broad\b|\bave|\brue\b|"
    r"^\D*\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]{2,}|,\s?[A-Z]{2}\s\d{5}", re.IGNORECASE)
ADDRESS_LINES = 3  # an address within this many lines under the name
SURE_WORD_CONFIDENCE = 0.85
MIN_WORD_CONFIDENCE = 0.5  # header words read with less are logo artwork, not letters
MIN_MEAN_WORD_LENGTH = 3.0  # "Bip Aa en": fragments of a logo


def find_merchant(lines: list[str], confidences: list[list[float]] | None = None
                  ) -> tuple[str | None, float]:
    """Display name and confidence: 0.9 for a known brand, 0.7 for a header name followed
    by a business word, 0.5 for another header guess. ``confidences``: per line, per word."""
    brand = find_brand(lines)
    if brand:
        return brand, 0.9
    for index, text in enumerate(lines[:HEADER_LINES]):
        text = confident_words(text, confidences[index] if confidences else None)
        name = display_name(text)
        if not name or NOT_A_NAME.search(text) or letter_share(name) < 0.7 \
                or mean_word_length(name) < MIN_MEAN_WORD_LENGTH:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if BUSINESS_WORDS.fullmatch(following.strip(" *-|")) and not BUSINESS_WORDS.search(name):
            return f"{name} {display_name(following)}", 0.7
        if BUSINESS_WORDS.search(name):
            return name, 0.7
        confidence = 0.7 if clear_letterhead(lines, index, confidences) else 0.5
        kind = kind_of_business(lines[:LOGO_LINES + HEADER_LINES])
        return (f"{name} {kind}", confidence) if kind else (name, confidence)
    return None, 0.0


def clear_letterhead(lines: list[str], index: int,
                     confidences: list[list[float]] | None) -> bool:
    """A name read cleanly (every word of it sure; stars and other marks around it do not
    count) with the shop's address right under it: the layout of a printed letterhead, not
    logo artwork that happened to read as letters."""
    words = lines[index].split()
    sure_of = [c for word, c in zip(words, confidences[index] if confidences else [])
               if sum(ch.isalpha() for ch in word) >= 2]
    sure = bool(sure_of) and len(words) == len(confidences[index]) \
        and min(sure_of) >= SURE_WORD_CONFIDENCE
    below = lines[index + 1:index + 1 + ADDRESS_LINES]
    return sure and any(ADDRESS.search(text) for text in below)


def kind_of_business(lines: list[str]) -> str | None:
    """A line that only names a kind of shop (``| Tankstelle``), as a display word."""
    for text in lines:
        if BUSINESS_WORDS.fullmatch(text.strip(" *-|=_.:")):
            return display_name(text)
    return None


def find_brand(lines: list[str]) -> str | None:
    """The brand named most often: exactly, one letter off on a header line, or by one of
    its slogans or company names (``ocr.brands.BRAND_ALIASES``)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for index, text in enumerate(lines):
        if NOT_A_BRAND_LINE.search(text):
            continue
        collapsed = collapse_letter_spacing(text).lower()
        found = [name for slug, name in KNOWN_BRANDS.items()
                 if re.search(rf"(?<![a-zäöüß]){re.escape(slug)}(?![a-zäöüß])", collapsed)]
        if not found and index < HEADER_LINES:
            found = [name for name in [near_brand(collapsed)] if name]
        if not found and index < LOGO_LINES + HEADER_LINES:
            found = [name for name in [near_brand_word(collapsed)] if name]
        if not found:
            found = [name for name in [alias_brand(collapsed)] if name]
        for name in found:
            counts[name] += 1
            first_seen.setdefault(name, index)
    if not counts:
        return None
    return max(counts, key=lambda name: (counts[name], -first_seen[name]))


def confident_words(text: str, confidences: list[float] | None) -> str:
    words = text.split()
    if not confidences or len(confidences) != len(words):
        return text
    return " ".join(w for w, c in zip(words, confidences) if c >= MIN_WORD_CONFIDENCE)


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


def mean_word_length(text: str) -> float:
    words = [w for w in text.split() if w != "&"]
    return sum(len(w) for w in words) / max(1, len(words))
