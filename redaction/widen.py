"""Widen a decision with what verification found still readable on the painted image.

The leaks' boxes come from a second reading; the stored text comes from the first. Every
first-reading word a leak box overlaps is treated like the leak (its line removed, or the word
masked), so the kept text loses what the image loses, and the leak boxes are painted too.
"""
from __future__ import annotations

import dataclasses
from collections import Counter

from ocr.types import Box, OcrPage
from redaction.findings import Finding
from redaction.policy import (
    KEPT,
    LINE_REMOVED,
    MASKED,
    RECEIPT_REMOVED,
    Decision,
    Policy,
    merge_spans,
    reasons_by_line,
)

OVERLAP = 0.3  # share of a word's box a leak box must cover to take the word with it


def overlap(word: Box, leak: Box) -> float:
    width = min(word.right, leak.right) - max(word.left, leak.left)
    height = min(word.bottom, leak.bottom) - max(word.top, leak.top)
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / max(word.width * word.height, 1)


def widen(decision: Decision, leaks: list[Finding], page: OcrPage,
          policy: Policy | None = None) -> Decision:
    """``decision`` plus the leaks (boxes in the coordinates of ``page``, the image the first
    reading and the painting used). A leak whose category removes receipts removes it."""
    policy = policy or Policy()
    actions = [policy.action_for(leak.category) for leak in leaks]
    counts = Counter({(c, a): n for c, a, n in decision.counts})
    counts.update((leak.category, action) for leak, action in zip(leaks, actions))
    counts_list = sorted((c, a, n) for (c, a), n in counts.items())
    removing = [leak.category for leak, action in zip(leaks, actions)
                if action == RECEIPT_REMOVED]
    if removing:
        return Decision(remove_receipt=True, reason=removing[0], counts=counts_list,
                        page_size=decision.page_size)
    removed = set(decision.removed_lines)
    masked = [Finding("masked", "kept", index, start, end, 1.0, ())
              for index, spans in decision.masked_spans.items() for start, end in spans]
    touched: list[tuple[int, str]] = []
    for leak, action in zip(leaks, actions):
        if action == KEPT:
            continue
        for index, line in enumerate(page.lines):
            for word, (start, end) in zip(line.words, line.word_spans()):
                if any(overlap(word.box, box) >= OVERLAP for box in leak.boxes):
                    touched.append((index, leak.category))
                    if action == LINE_REMOVED:
                        removed.add(index)
                    else:
                        masked.append(Finding(MASKED, "verify", index, start, end, 1.0, ()))
    masked = [finding for finding in masked if finding.line_index not in removed]
    # only the leak boxes are painted: a first-reading line under a leak may be a tall box of
    # OCR noise, and its band would cover ordinary lines next to it
    boxes = list(decision.paint_boxes)
    boxes += [box for leak in leaks for box in leak.boxes if box not in boxes]
    return dataclasses.replace(decision, removed_lines=frozenset(removed),
                               masked_spans=merge_spans(masked), paint_boxes=boxes,
                               counts=counts_list,
                               line_reasons=reasons_by_line(touched, decision.line_reasons))
