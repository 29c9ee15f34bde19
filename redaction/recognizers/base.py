"""The recognizer base, shaped like Presidio's PatternRecognizer.

A recognizer has regex patterns (each with a base score), context words that raise the score
and negative context words that lower it, and a validator that can reject a match. It looks at
one OCR line at a time and yields findings whose score reaches ``min_score``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.findings import Finding, span_boxes


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: str
    score: float
    flags: int = re.IGNORECASE


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    score: float


def word_matcher(words: Iterable[str]) -> re.Pattern | None:
    """One regex for a list of context words, matched case-insensitively.

    Words of up to three letters must stand alone ("ec", "tel"); longer words also match
    inside compounds, which German needs ("karte" in "Kreditkarte").
    """
    parts = []
    for word in words:
        escaped = re.escape(word.casefold())
        parts.append(rf"(?<![^\W_]){escaped}(?![^\W_])" if len(word) <= 3 else escaped)
    return re.compile("|".join(parts)) if parts else None


class Recognizer:
    name = "recognizer"
    category = "unknown"
    patterns: tuple[Pattern, ...] = ()
    context_words: tuple[str, ...] = ()
    negative_words: tuple[str, ...] = ()
    context_boost = 0.35
    negative_penalty = 0.35
    lines_before = 1  # how many lines above a match count as its context
    negative_lines_before = 1  # the same for negative context words
    min_score = 0.5

    def __init__(self) -> None:
        self._compiled = [(p, re.compile(p.regex, p.flags)) for p in self.patterns]
        # the same patterns over the whole page (^ and $ at every line): a match on a line
        # is a match on the page, so a page without one is skipped
        self._page_patterns = [re.compile(p.regex, p.flags | re.MULTILINE) for p in self.patterns]
        self._context = word_matcher(self.context_words)
        self._negative = word_matcher(self.negative_words)

    def analyze(self, page: OcrPage, parsed: ParsedReceipt | None = None) -> list[Finding]:
        findings = []
        if not self.applies_to(page):
            return findings
        for index in self.lines_to_check(page):
            line = page.lines[index]
            for candidate in self.candidates(page, index, parsed):
                if candidate.score >= self.min_score:
                    findings.append(Finding(
                        self.category, self.name, index, candidate.start, candidate.end,
                        round(min(candidate.score, 1.0), 3),
                        span_boxes(line, candidate.start, candidate.end)))
        return findings

    def applies_to(self, page: OcrPage) -> bool:
        """A cheap whole-page test; False skips the page. Recognizers with their own
        ``candidates`` override it (or inherit True when they have no patterns)."""
        if not self._page_patterns:
            return True
        text = page.text
        return any(pattern.search(text) for pattern in self._page_patterns)

    def lines_to_check(self, page: OcrPage) -> Iterable[int]:
        """Indexes of the lines that may hold a finding (all of them, unless a recognizer
        knows a cheaper whole-page test)."""
        return range(len(page.lines))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        for pattern, regex in self._compiled:
            for match in regex.finditer(text):
                score = self.score_match(pattern, match.group())
                if score is None:
                    continue
                start, end = match.span()
                yield Candidate(start, end, score + self.context_delta(page, index, start, end))

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        """Base score of one regex match; None rejects it. Override for finer scores."""
        return pattern.score if self.validate(text) else None

    def validate(self, text: str) -> bool:
        """Validator hook (a checksum, a plausibility test). False rejects the match."""
        return True

    def context_delta(self, page: OcrPage, index: int, start: int, end: int) -> float:
        delta = 0.0
        if self._context and self._context.search(self.context_text(page, index, start, end)):
            delta += self.context_boost
        if self._negative and self._negative.search(self.negative_text(page, index, start, end)):
            delta -= self.negative_penalty
        return delta

    def context_text(self, page: OcrPage, index: int, start: int, end: int) -> str:
        return surrounding_text(page, index, start, end, self.lines_before)

    def negative_text(self, page: OcrPage, index: int, start: int, end: int) -> str:
        return surrounding_text(page, index, start, end, self.negative_lines_before)


def surrounding_text(page: OcrPage, index: int, start: int, end: int, lines_before: int) -> str:
    """The match's own line without the match itself, plus ``lines_before`` lines above."""
    text = page.lines[index].text
    own_line = text[:start] + " " + text[end:]
    above = [line.text for line in page.lines[max(0, index - lines_before):index]]
    return " ".join(above + [own_line]).casefold()
