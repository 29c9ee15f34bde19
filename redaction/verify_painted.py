"""Verification where the image changed: read again only bands across the page around what
was painted, and analyse them together with the first reading of everything else.

Why that is enough for what verification promises (nothing is stored because the first
reading missed a piece of something it found): a piece of a finding lies on the finding's
line or next to it, and every band holds each painted box's line and the lines above and
below it, across the whole page width. The rest of the image is unchanged, and read the same
way again it gives the words the first reading gave, which were analysed already; so those
words stand in for a second reading of it, and context words there still count. What this
does not do is give the rest of the page a *second, different* reading: something the first
reading missed entirely, away from any paint, is not looked for again (``verify`` on the whole
page does that, at the cost of a whole second reading; ``paint_verified(scope="page")``).
"""
from __future__ import annotations

import dataclasses

from PIL import Image

from ocr.types import Box, Line, OcrPage, Word
from redaction.analyzer import analyze
from redaction.bands import line_band
from redaction.findings import Finding
from redaction.lighting import erase_paint, flatten_lighting
from redaction.policy import KEPT, LINE_REMOVED, Decision, Policy
from redaction.recognizers.registry import Registry

AROUND = 1.5  # a band reaches this many box heights above and below each paint box
GAP = 24      # white rows between bands in the image that is read


def bands(decision: Decision, height: int) -> list[tuple[int, int]]:
    """Merged row ranges [top, bottom) around every paint box, in image rows."""
    spans = sorted((max(0, int(box.top - AROUND * box.height)),
                    min(height, int(box.bottom + AROUND * box.height + 1)))
                   for box in decision.paint_boxes)
    merged: list[tuple[int, int]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1] + GAP:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def read_bands(image: Image.Image, spans: list[tuple[int, int]], engine) -> list[Line]:
    """The bands stacked into one image, read once; lines back in ``image`` rows."""
    height = sum(bottom - top for top, bottom in spans) + GAP * (len(spans) + 1)
    strip = Image.new(image.mode, (image.width, height), 255)
    placed, y = [], GAP
    for top, bottom in spans:
        strip.paste(image.crop((0, top, image.width, bottom)), (0, y))
        placed.append((y, y + bottom - top, top - y))
        y += bottom - top + GAP
    lines = []
    for line in engine.read(strip.convert("RGB")).lines:
        centre = line.box.top + line.box.height / 2
        shift = next((s for start, end, s in placed
                      if start - GAP / 2 <= centre < end + GAP / 2), None)
        if shift is not None:
            lines.append(Line([Word(w.text, Box(w.box.left, w.box.top + shift, w.box.width,
                                                w.box.height), w.confidence)
                               for w in line.words]))
    return lines


def inside(line: Line, spans: list[tuple[int, int]]) -> bool:
    centre = line.box.top + line.box.height / 2
    return any(top <= centre < bottom for top, bottom in spans)


def verify_painted(image: Image.Image, page: OcrPage, decision: Decision, engine,
                   registry: Registry | None = None,
                   policy: Policy | None = None) -> list[Finding]:
    """Like ``verify``, with only the bands around paint read again (see the module's text).
    ``page`` is the first reading, in the pixels of ``image``. No paint, nothing to read."""
    policy = policy or Policy()
    spans = bands(decision, image.height)
    if not spans:
        return []
    reread = read_bands(flatten_lighting(erase_paint(image)), spans, engine)
    first = [line for line in page.lines if line.words and not inside(line, spans)]
    lines = sorted(first + reread, key=lambda line: (line.box.top, line.box.left))
    merged = OcrPage(image.width, image.height, lines, page.engine)
    leaks = []
    for finding in analyze(merged, None, registry):
        action = policy.action_for(finding.category)
        if action == LINE_REMOVED:
            finding = dataclasses.replace(
                finding, boxes=(line_band(merged.lines[finding.line_index], merged),))
        if action != KEPT:
            leaks.append(finding)
    return leaks
