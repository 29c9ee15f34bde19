"""Recognizers driven by word lists kept as data (``redaction/data/<list>.txt``).

One entry a line; how a line starts or ends says what it is:

    kondom        a term at the start of a word, any ending ("Kondome", "Kondomen")
    ~kirche       a term anywhere inside a word ("Stadtkirche", "Kirchensteuer")
    =spd          a whole word only
    maske ?       a weak term: reported only with a context word somewhere on the page
    !kirsch       an exception: never a match where this text is ("Kirschen")
    +apotheke     a context word anywhere on the page: raises every match's score
    -rezeptidee   a negative context word on the match's own line: lowers it

Spaces inside a term match any run of spaces; a hyphen matches a hyphen, a space or nothing.
Matching ignores case and how umlauts were printed: write "grün", and "grün", "grun" and
"gruen" all match (see ``redaction.text``).
"""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.text import fold, folded_text, trie_pattern, word_list

WORD_CHAR = r"[^\W_]"


def alternatives(entries: list[str]) -> re.Pattern | None:
    """One regex for entries of the three kinds (``~`` inside words, ``=`` whole words, or
    at a word start), each kind a trie."""
    inside = [e[1:] for e in entries if e.startswith("~")]
    whole = [e[1:] for e in entries if e.startswith("=")]
    start = [e for e in entries if e[0] not in "~="]
    parts = [trie_pattern(inside) if inside else "",
             rf"(?<!{WORD_CHAR}){trie_pattern(whole)}(?!{WORD_CHAR})" if whole else "",
             rf"(?<!{WORD_CHAR}){trie_pattern(start)}" if start else ""]
    parts = [part for part in parts if part]
    return re.compile("|".join(parts)) if parts else None


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to whole words (letters, digits, hyphens)."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return start, end


class WordListRecognizer(Recognizer):
    lists: tuple[str, ...] = ()
    strong_score = 0.8
    weak_score = 0.4
    negative_penalty = 0.5
    negative_lines_before = 0

    def __init__(self) -> None:
        entries = [entry for name in self.lists for entry in word_list(name)]
        terms = [e for e in entries if e[0] not in "!+-"]
        self.context_words = tuple(fold(e[1:]) for e in entries if e[0] == "+")
        self.negative_words = tuple(fold(e[1:]) for e in entries if e[0] == "-")
        self._exceptions = alternatives([e[1:] for e in entries if e[0] == "!"])
        self._strong = alternatives([t for t in terms if not t.endswith("?")])
        self._weak = alternatives([t[:-1].strip() for t in terms if t.endswith("?")])
        self._any = alternatives([t.rstrip("?").strip() for t in terms])
        super().__init__()

    def applies_to(self, page: OcrPage) -> bool:
        return self._any is not None and bool(self._any.search(folded_text(page)))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = fold(page.lines[index].text)
        excepted = ([m.span() for m in self._exceptions.finditer(text)]
                    if self._exceptions else [])
        for regex, score in ((self._strong, self.strong_score), (self._weak, self.weak_score)):
            for match in regex.finditer(text) if regex else ():
                if any(s < match.end() and match.start() < e for s, e in excepted):
                    continue
                start, end = word_bounds(text, *match.span())
                yield Candidate(start, end, score + self.context_delta(page, index, start, end))

    def context_text(self, page: OcrPage, index: int, start: int, end: int) -> str:
        """Context words count anywhere on the page (a pharmacy's name is in its header)."""
        lines = [line.text for line in page.lines]
        lines[index] = lines[index][:start] + " " + lines[index][end:]
        return fold("\n".join(lines))

    def negative_text(self, page: OcrPage, index: int, start: int, end: int) -> str:
        text = page.lines[index].text
        return fold(text[:start] + " " + text[end:])
