"""Rebuild a receipt's printed lines from word boxes, for any engine.

Engines split a row differently: tesseract may put a description and its price in two
"lines", RapidOCR returns one box per text run. Rows are rebuilt from geometry alone: word
groups whose vertical centres lie inside each other's extent are one printed line, allowing
for a small slope (a slightly skewed photo) measured from the groups themselves.
"""
from __future__ import annotations

from statistics import median

from ocr.types import Box, Line, Word


def build_lines(word_groups: list[list[Word]]) -> list[Line]:
    """Merge groups (the engine's own lines or text runs) lying on one row; sort everything."""
    groups = [g for g in word_groups if g]
    slope = estimate_slope(groups)
    merged: list[list[Word]] = []
    for group in sorted(groups, key=lambda g: levelled(Line(g).box, slope)):
        target = next((m for m in reversed(merged[-8:])
                       if same_row(Line(m).box, Line(group).box, slope)), None)
        if target is None:
            merged.append(list(group))
        else:
            target.extend(group)
    lines = [Line(sorted(words, key=lambda w: w.box.left)) for words in merged]
    return sorted(lines, key=lambda line: levelled(line.box, slope))


def estimate_slope(groups: list[list[Word]]) -> float:
    """Median vertical drift per pixel across multi-word groups (0 for a straight photo)."""
    slopes = []
    for group in groups:
        first, last = group[0].box, group[-1].box
        if last.left - first.left > 3 * max(first.height, 1):
            slopes.append((centre(last) - centre(first)) / (last.left - first.left))
    return median(slopes) if len(slopes) >= 3 else 0.0


def centre(box: Box) -> float:
    return box.top + box.height / 2


def levelled(box: Box, slope: float) -> float:
    """The box's vertical centre, with the page's slope taken out."""
    return centre(box) - slope * box.left


def same_row(a: Box, b: Box, slope: float = 0.0) -> bool:
    """True when each box's levelled centre lies inside the other's levelled extent."""
    shift_a, shift_b = slope * a.left, slope * b.left
    centre_a, centre_b = centre(a) - shift_a, centre(b) - shift_b
    return (a.top - shift_a <= centre_b <= a.bottom - shift_a
            and b.top - shift_b <= centre_a <= b.bottom - shift_b)


def split_run(text: str, box: Box, confidence: float) -> list[Word]:
    """Words of one recognised text run, each given its share of the run's box by length."""
    tokens = text.split()
    if not tokens:
        return []
    per_char = box.width / max(1, len(text))
    words, position = [], 0
    for token in tokens:
        start = text.index(token, position)
        left = box.left + round(start * per_char)
        width = max(1, round(len(token) * per_char))
        words.append(Word(token, Box(left, box.top, width, box.height), confidence))
        position = start + len(token)
    return words
