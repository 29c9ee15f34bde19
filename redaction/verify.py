"""Verify a painted image: read it again and look for anything that must not remain."""
from __future__ import annotations

from typing import Protocol

from PIL import Image

from ocr.types import OcrPage
from redaction.analyzer import analyze
from redaction.findings import Finding
from redaction.policy import KEPT, Policy
from redaction.recognizers.registry import Registry


class Engine(Protocol):
    def read(self, image: Image.Image) -> OcrPage: ...


def verify(image: Image.Image, engine: Engine, registry: Registry | None = None,
           policy: Policy | None = None) -> list[Finding]:
    """Findings on the painted image whose category may not remain (every category except
    those the policy keeps). An empty list means no leak was found; the findings' boxes are
    in the painted image's coordinates, ready to be painted over in turn."""
    policy = policy or Policy()
    findings = analyze(engine.read(image), None, registry)
    return [finding for finding in findings if policy.action_for(finding.category) != KEPT]
