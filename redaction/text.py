"""Text helpers shared by recognizers: folding for matching, and word lists kept as data.

``fold`` lower-cases and drops German umlauts to their base letter (ä -> a, ß -> s) so that
"Verhütung", "VERHUTUNG" and "Verhutung" (an OCR without umlauts) match the same term. It never
changes the length of a text, so offsets found in the folded text are offsets in the original.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
_FOLD = str.maketrans("äöüßàáâèéêìíîòóôùúûçñ", "aousaaaeeeiiiooouuucn")


def fold(text: str) -> str:
    # Not cached: a cache would keep receipts' text (card digits included) in the worker's
    # memory long after they were processed. A page's folded text is kept with the page.
    folded = text.lower().translate(_FOLD)
    return folded if len(folded) == len(text) else text.translate(_FOLD)


def folded_text(page) -> str:
    """``fold(page.text)``: folded once per page where the analyzer prepared the page (it
    keeps the result on the page, which goes when the receipt is done)."""
    folded = getattr(page, "folded_text", None)
    return folded if folded is not None else fold(page.text)


# a token OCR makes of specks, shadows and table rules: punctuation only, or two or three
# lower-case letters standing alone ("ee", "oe", "a." after the last real word); mask signs
# (# * •) are never noise
NOISE_TOKEN = re.compile(r"^(?:[^\w#*•]+|_+|[a-z]{2,3}[^\w#*•]*|[^\w#*•]*[a-z][^\w#*•]+)$")


def strip_noise(text: str) -> tuple[int, int]:
    """The span of ``text`` without noise tokens at its start and its end. A lone lower-case
    letter is noise too, except after a number at the end ("Lindenweg 5 a")."""
    tokens = [token for token in re.finditer(r"\S+", text)]
    while tokens and (NOISE_TOKEN.match(tokens[-1].group()) or lone_letter(tokens, -1)):
        tokens.pop()
    while tokens and (NOISE_TOKEN.match(tokens[0].group()) or lone_letter(tokens, 0)):
        tokens.pop(0)
    return (tokens[0].start(), tokens[-1].end()) if tokens else (0, 0)


def lone_letter(tokens: list[re.Match], index: int) -> bool:
    token = tokens[index].group()
    if len(token) != 1 or not token.islower():
        return False
    return index == 0 or len(tokens) < 2 or not tokens[index - 1].group()[-1].isdigit()


def lines_matching(pattern: re.Pattern, page_text: str) -> list[int]:
    """Indexes of the lines of ``page_text`` (lines joined by newlines) where ``pattern``
    matches: one search over the page instead of one per line."""
    found, line, position = [], 0, 0
    for match in pattern.finditer(page_text):
        line += page_text.count("\n", position, match.start())
        position = match.start()
        if not found or found[-1] != line:
            found.append(line)
    return found


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>.txt``: stripped, non-empty, comment lines (#) left out."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def term_pattern(term: str) -> str:
    """A regex (for folded text) matching ``term`` however umlauts were printed: "grün"
    matches "grün", "grun" and "gruen"; "straße" matches "strase" and "strasse"; a space
    matches any run of spaces and a hyphen a hyphen, a space or nothing."""
    return "".join(term_atoms(term))


def term_atoms(term: str) -> list[str]:
    parts = []
    for char in term.lower():
        if char in "äöü":
            parts.append(fold(char) + "e?")
        elif char == "ß":
            parts.append("ss?")
        elif char == " ":
            parts.append(r"\s+")
        elif char == "-":
            parts.append("[- ]?")
        else:
            parts.append(re.escape(fold(char)))
    return parts


def trie_pattern(terms: list[str]) -> str:
    """One regex for many terms, shaped as a trie ("kirche|kirchl" -> "kirch(?:e|l)"):
    Python's regex engine tries alternatives one by one, a trie lets it fail early."""
    root: dict = {}
    for term in terms:
        node = root
        for atom in term_atoms(term):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _render(root)


def _render(node: dict) -> str:
    ends = "" in node
    branches = [atom + _render(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
    if ends:
        body = f"(?:{'|'.join(branches)})?"
    return body
