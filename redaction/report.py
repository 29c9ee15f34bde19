"""The per-line report for the panelist: which line of the receipt was removed or masked, and
why, without its content.

``line_report(decision, page)`` -> one ``LineMark`` per line the decision removed or masked:
its number counted from the top of the receipt (``line 7``), the action, the categories that
caused it (``health``, ``card_number``) and where the line lies on the redacted image (top
and height as shares of the image's height, for a numbered mark beside it). No text, no
word, no count of letters: only positions and categories.
"""
from __future__ import annotations

from dataclasses import dataclass

from ocr.types import OcrPage
from redaction.bands import line_band
from redaction.policy import LINE_REMOVED, MASKED, Decision


@dataclass(frozen=True)
class LineMark:
    line: int                   # 1 for the receipt's first line, as a person counts
    action: str                 # "line_removed" or "masked"
    reasons: tuple[str, ...]    # the categories that caused it, sorted
    top: float                  # of the line's band on the image, 0..1 of its height
    height: float


def line_report(decision: Decision, page: OcrPage) -> list[LineMark]:
    """The lines ``decision`` removed or masked on ``page``, top to bottom; none when the
    receipt is removed whole (nothing of it is kept to point at)."""
    if decision.remove_receipt or not page.height:
        return []
    marks = []
    for index in sorted(set(decision.removed_lines) | set(decision.masked_spans)):
        if not 0 <= index < len(page.lines) or not page.lines[index].words:
            continue
        band = line_band(page.lines[index], page)
        top = min(max(band.top / page.height, 0.0), 1.0)
        marks.append(LineMark(
            line=index + 1,
            action=LINE_REMOVED if index in decision.removed_lines else MASKED,
            reasons=decision.line_reasons.get(index, ()),
            top=round(top, 4), height=round(min(band.height / page.height, 1.0 - top), 4)))
    return marks
