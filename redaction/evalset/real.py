"""Redaction on the text lines of the real eval receipts (``*.textract.txt``), labelled in
``redaction/data/real_labels.json``: recall per category and the share of unlabelled
(ordinary) lines that were removed. Text only: no OCR, no image."""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from ocr.types import Box, Line, OcrPage, Word
from redaction import Policy, analyze
from redaction.policy import LINE_REMOVED, RECEIPT_REMOVED
from redaction.text import DATA_DIR

LABELS = DATA_DIR / "real_labels.json"


def page_from_text(text: str) -> tuple[OcrPage, list[int]]:
    """A page with made-up word boxes, and the 1-based file line number of each page line."""
    lines, numbers = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        words, left = [], 10
        for token in raw.split():
            words.append(Word(token, Box(left, 10 + 40 * number, 10 * len(token), 30), 0.95))
            left += 10 * (len(token) + 1)
        if words:
            lines.append(Line(words))
            numbers.append(number)
    return OcrPage(800, 40 * (len(numbers) + 2), lines, "textract"), numbers


def load_labels(path: Path = LABELS) -> dict[str, dict[int, str]]:
    """file stem -> {line number: category}."""
    raw = json.loads(path.read_text())
    labels: dict[str, dict[int, str]] = {}
    for category, files in raw.items():
        if not category.startswith("_"):
            for stem, numbers in files.items():
                labels.setdefault(stem, {}).update({n: category for n in numbers})
    return labels


def evaluate_real(folder: Path, policy: Policy | None = None) -> list[str]:
    policy = policy or Policy()
    files = sorted(Path(folder).glob("softmatic/*.textract.txt")) or sorted(
        Path(folder).glob("*.textract.txt"))
    if not files:
        raise FileNotFoundError(f"no *.textract.txt under {folder}")
    labels = load_labels()
    found, total, false_masks = Counter(), Counter(), Counter()
    lines = removed = receipts_removed = 0
    seconds = 0.0
    for path in files:
        page, numbers = page_from_text(path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        findings = analyze(page)
        decision = policy.decide(findings, page)
        seconds += time.perf_counter() - started
        receipts_removed += decision.remove_receipt
        file_labels = labels.get(path.name.split(".")[0], {})
        sensitive = {i: file_labels[n] for i, n in enumerate(numbers) if n in file_labels}
        by_line: dict[int, set[str]] = {}
        for finding in findings:
            by_line.setdefault(finding.line_index, set()).add(finding.category)
        for index, category in sensitive.items():
            total[category] += 1
            found[category] += (decision.remove_receipt or index in decision.removed_lines
                                or category in by_line.get(index, ()))
        for index in range(len(page.lines)):
            category = sensitive.get(index)
            if category and policy.action_for(category) in (LINE_REMOVED, RECEIPT_REMOVED):
                continue
            lines += 1
            removed += decision.remove_receipt or index in decision.removed_lines
            if category is None and index in decision.masked_spans:
                false_masks.update(by_line.get(index, ()))
    report = [f"{'category':<22}{'caught':>8}{'of':>6}{'recall':>9}"]
    report += [f"{c:<22}{found[c]:>8}{total[c]:>6}{found[c] / total[c]:>9.1%}"
               for c in sorted(total)]
    report.append(f"ordinary lines wrongly removed: {removed} of {lines} ({removed / lines:.2%});"
                  f" receipts removed: {receipts_removed} of {len(files)}")
    report.append("unlabelled lines masked (not removed), by category: "
                  + (", ".join(f"{c} {n}" for c, n in sorted(false_masks.items())) or "none"))
    report.append(f"analysis time per receipt (text only): {1000 * seconds / len(files):.1f} ms")
    return report
