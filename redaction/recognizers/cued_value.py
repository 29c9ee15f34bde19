"""A value that counts only after a cue word: on the same line, or alone on the next line
when the cue ends its line ("Genehmigungs-Nr" / "5YSFAO"). The base of several recognizers.

Subclasses set ``cue`` (a regex over folded text, see ``redaction.text.fold``) and ``value``
(a regex over the original text, matched right after the cue), and may override ``accept``.
"""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.text import fold, folded_text

GAP = re.compile(r"[\s:.,;#=-]*")


class CuedValueRecognizer(Recognizer):
    cue = r"$^"
    value = r"$^"
    value_flags = 0
    score = 0.8

    def __init__(self) -> None:
        super().__init__()
        self._cue = re.compile(self.cue)
        self._value = re.compile(self.value, self.value_flags)

    def applies_to(self, page: OcrPage) -> bool:
        return bool(self._cue.search(folded_text(page)))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        for cue in self._cue.finditer(fold(text)):
            start = GAP.match(text, cue.end()).end()
            end = self.value_end(text, start)
            if end is not None:
                yield self.candidate(page, index, start, end)
        if index > 0:
            above = fold(page.lines[index - 1].text).rstrip(" :.#-")
            cue = next((c for c in self._cue.finditer(above) if c.end() == len(above)), None)
            offset = len(text) - len(text.lstrip())
            end = self.value_end(text.rstrip(), offset) if cue else None
            if end is not None and end == len(text.rstrip()):
                yield self.candidate(page, index, offset, end)

    def candidate(self, page: OcrPage, index: int, start: int, end: int) -> Candidate:
        return Candidate(start, end, self.score + self.context_delta(page, index, start, end))

    def value_end(self, text: str, start: int) -> int | None:
        """Where the value that begins at ``start`` of ``text`` ends; None if none does."""
        value = self._value.match(text, start)
        if value and value.end() > start and self.accept(value.group()):
            return value.end()
        return None

    def accept(self, value: str) -> bool:
        return True
