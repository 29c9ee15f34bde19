"""An item line as OCR reads it, made into words that can be looked up.

``tokens("69785 TOOTHPASTE 2x75ml")`` -> ``["toothpaste"]``: lower case, accents and umlauts
to their base letter (``ß`` -> ``ss``), every piece holding a digit dropped (article numbers,
sizes, prices, ``40%VOL``) but for a word run into a number (``VITALBROT5O``), the rest split
into runs of letters. A digit OCR read for a letter inside a word is that letter again
(``PANAD0L`` -> ``panadol``).
"""
from __future__ import annotations

import re
import unicodedata

_PIECE = re.compile(r"[^\s,;:/()\[\]*#\"+=|]+")
_LETTERS = re.compile(r"[a-z]+(?:'s)?")
_DIGIT = re.compile(r"\d")
MIN_GLUED = 5  # a word OCR glued to a number ("VITALBROT5O") keeps at least this many letters
# a word with a 0, 1 or 5 between its letters ("PANAD0L", "VEGEM1TE", "WHI5PER"): OCR took an
# O, I or S for a digit; not where O's and maybe a unit follow ("VITALBROT5O",
# "BAUERNBROT5OOG": 50, 500G)
_MISREAD = re.compile(r"[a-z]+(?:[015](?!o+[a-z]{0,2}$)[a-z]+)+")
_MISREAD_LETTERS = str.maketrans("015", "ois")
# letters that are no base letter with a mark (Polish ł, Danish and Norwegian ø and æ,
# Croatian đ, Turkish dotless ı, French œ): written as the letters tills print for them, so
# that "SKŁADKA" is "skladka" and "KRÆFT" "kraeft", not two pieces of a word
_BASE_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "đ": "d", "ı": "i", "œ": "oe",
                               "ð": "d", "þ": "th"})
# prepositions and articles inside a name (French, Spanish, Italian, Dutch, English, German),
# which tills leave out: "test de grossesse" is printed "TEST GROSSESSE"
LINKING = frozenset({"contre", "pour", "anti", "para", "contra", "per", "contro", "voor",
                     "tegen", "de", "des", "du", "la", "le", "les", "l", "d", "el", "los", "las",
                     "del", "di", "della", "delle", "dei", "il", "lo", "gli", "van", "het", "a",
                     "al", "au", "aux", "da", "of", "for", "the", "fuer", "fur", "zur", "zum"})


def fold(text: str) -> str:
    text = text.lower().replace("ß", "ss").replace("&", " & ").translate(_BASE_LETTERS)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    words = []
    for piece in _PIECE.findall(fold(text)):
        if _MISREAD.fullmatch(piece):
            piece = piece.translate(_MISREAD_LETTERS)
        if _DIGIT.search(piece):
            # sizes, units and article numbers go ("2x75ml", "40%vol", "lsf30"); a word the
            # print or OCR ran into a number stays ("vitalbrot5o", "fusion5")
            words += [run for run in _LETTERS.findall(piece) if len(run) >= MIN_GLUED]
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


def unlinked(key: str) -> str | None:
    """A phrase of ``tokens`` without its prepositions and articles, where it had some and
    two words or more are left (``test de grossesse`` -> ``test grossesse``), else None."""
    words = key.split()
    kept = [word for word in words if word not in LINKING]
    return " ".join(kept) if len(words) > len(kept) and len(kept) >= 2 else None
