"""The analyzer: run every recognizer of a registry over a page and collect findings."""
from __future__ import annotations

from functools import cached_property

from ocr.types import Line, OcrPage, ParsedReceipt
from redaction.findings import Finding
from redaction.recognizers.registry import Registry, default_registry
from redaction.text import fold

_DEFAULT_REGISTRY: Registry | None = None


def analyze(page: OcrPage, parsed: ParsedReceipt | None = None,
            registry: Registry | None = None) -> list[Finding]:
    """All findings on ``page``, in line and position order.

    ``parsed`` is handed to the recognizers (for ones that want to know which lines are items);
    none of the first recognizers need it.
    """
    registry = registry if registry is not None else _default_registry()
    page = with_cached_text(page)
    findings = [finding for recognizer in registry for finding in recognizer.analyze(page, parsed)]
    findings.sort(key=lambda f: (f.line_index, f.start, -f.end, -f.score))
    return drop_contained(findings)


class _TextLine(Line):
    """A line whose text is joined once: recognizers read it many times."""

    @cached_property
    def text(self) -> str:  # type: ignore[override]
        return " ".join(word.text for word in self.words)


class _TextPage(OcrPage):
    @cached_property
    def text(self) -> str:  # type: ignore[override]
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def folded_text(self) -> str:
        """``fold(text)``, which most recognizers search first (redaction.text.folded_text)."""
        return fold(self.text)


def with_cached_text(page: OcrPage) -> OcrPage:
    """The same page (same words, boxes and line order) with texts computed once."""
    if isinstance(page, _TextPage):
        return page
    return _TextPage(page.width, page.height, [_TextLine(line.words) for line in page.lines],
                     page.engine)


def drop_contained(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that lies inside another finding of the same category and no higher
    score (two patterns of one recognizer, or two recognizers, finding one thing).
    Findings of different categories are all kept: each may call for a different action."""
    kept: list[Finding] = []
    for finding in findings:
        if any(other.category == finding.category and other.covers(finding)
               and other.score >= finding.score for other in kept):
            continue
        kept.append(finding)
    return kept


def _default_registry() -> Registry:
    global _DEFAULT_REGISTRY
    if _DEFAULT_REGISTRY is None:
        _DEFAULT_REGISTRY = default_registry()
    return _DEFAULT_REGISTRY
