"""A finding is data: where something sensitive is, never what it says."""
from __future__ import annotations

from dataclasses import dataclass

from ocr.types import Box, Line


@dataclass(frozen=True)
class Finding:
    """One sensitive span on one OCR line.

    ``start``/``end`` are character offsets within ``page.lines[line_index].text``;
    ``boxes`` are the boxes of the words the span touches. There is deliberately no text field.
    """

    category: str
    recognizer: str
    line_index: int
    start: int
    end: int
    score: float
    boxes: tuple[Box, ...]
    # what an item means, for a policy that decides by it: its sensitive-meaning signals and
    # its COICOP 2018 class (``("medicine", "06.1.1")``); empty for other recognizers
    meaning: tuple[str, ...] = ()

    def covers(self, other: "Finding") -> bool:
        """True when ``other`` lies inside this finding's span on the same line."""
        return (self.line_index == other.line_index
                and self.start <= other.start and other.end <= self.end)


def span_boxes(line: Line, start: int, end: int) -> tuple[Box, ...]:
    """Boxes of the words of ``line`` that the character span [start, end) touches."""
    return tuple(word.box for word, (word_start, word_end) in zip(line.words, line.word_spans())
                 if word_start < end and start < word_end)
