"""Where on the page a removal is painted: a band across the page at a line's height, a box
around a masked finding."""
from __future__ import annotations

from ocr.types import Box, Line, OcrPage
from redaction.findings import Finding


def median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def line_band(line: Line, page: OcrPage) -> Box:
    """A box across the page at the height of the line's typical word (median centre and
    height, at most 1.25 times the page's median word height), so that tall boxes of OCR
    noise on the line do not stretch it over the lines next to it."""
    centre = median([word.box.top + word.box.height / 2 for word in line.words])
    height = min(median([word.box.height for word in line.words]),
                 1.25 * median([word.box.height for word in page.words]))
    return Box(0, int(centre - height / 2), page.width, int(height + 0.5))


def paint_boxes(page: OcrPage, removed_lines: frozenset[int],
                masked: list[Finding]) -> list[Box]:
    """For a removed line, a band across the whole page at the line's height (so words the
    OCR did not read on that line are covered too); for each masked finding one box around
    all the words it touches (covering glyphs the OCR skipped between them)."""
    boxes = [line_band(page.lines[index], page) for index in sorted(removed_lines)]
    for finding in masked:
        if finding.boxes:
            box = finding.boxes[0]
            for other in finding.boxes[1:]:
                box = box.union(other)
            if box not in boxes:
                boxes.append(box)
    return boxes
