"""Verify a painted image: read it again and look for anything that must not remain."""
from __future__ import annotations

import dataclasses
from typing import Protocol

from PIL import Image

from ocr.types import OcrPage
from redaction.analyzer import analyze
from redaction.bands import line_band
from redaction.findings import Finding
from redaction.lighting import erase_paint, flatten_lighting
from redaction.policy import KEPT, LINE_REMOVED, Policy
from redaction.recognizers.registry import Registry


class Engine(Protocol):
    def read(self, image: Image.Image) -> OcrPage: ...


def verify(image: Image.Image, engine: Engine, registry: Registry | None = None,
           policy: Policy | None = None) -> list[Finding]:
    """Findings on the painted image whose category may not remain (every category except
    those the policy keeps). An empty list means no leak was found; the findings' boxes are
    in the painted image's coordinates, ready to be painted over in turn.

    The image is read with the paint turned white (``erase_paint``: black bars throw the
    OCR's layout analysis) and its lighting evened out (``flatten_lighting``): a second
    reading that sees what the first one, on the raw photo, may have missed in shadows. A leak whose
    line is to be removed gets one box: a band across the page at that line's height."""
    policy = policy or Policy()
    page = engine.read(flatten_lighting(erase_paint(image)).convert("RGB"))
    leaks = []
    for finding in analyze(page, None, registry):
        action = policy.action_for(finding.category)
        if action == LINE_REMOVED:  # the whole line goes: its boxes become a band across
            band = line_band(page.lines[finding.line_index], page)
            finding = dataclasses.replace(finding, boxes=(band,))
        if action != KEPT:
            leaks.append(finding)
    return leaks
