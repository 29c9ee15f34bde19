"""An item line as OCR reads it, made into words that can be looked up.

``tokens("69785 TOOTHPASTE 2x75ml")`` -> ``["toothpaste"]``: lower case, accents and umlauts
to their base letter (``ß`` -> ``ss``), every piece holding a digit dropped (article numbers,
sizes, prices, ``40%VOL``), the rest split into runs of letters.
"""
from __future__ import annotations

import re
import unicodedata

_PIECE = re.compile(r"[^\s,;:/()\[\]*#\"+=|]+")
_LETTERS = re.compile(r"[a-z]+(?:'s)?")
_DIGIT = re.compile(r"\d")


def fold(text: str) -> str:
    text = text.lower().replace("ß", "ss").replace("&", " & ")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    words = []
    for piece in _PIECE.findall(fold(text)):
        if _DIGIT.search(piece):
            continue
        words += _LETTERS.findall(piece)  # "church's" stays a name, not a church
    return words


def umlaut_spellings(term: str) -> set[str]:
    """A term as receipts print it: "käse" -> {"kase", "kaese"}, "weiß" -> {"weiss"}."""
    lowered = term.lower()
    spellings = {fold(lowered)}
    if any(char in lowered for char in "äöü"):
        spellings.add(fold(lowered.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")))
    return spellings
