"""Scoring one generated photo the way the pipeline treats it, and adding up the results.

``process`` does what the pipeline's redact step does (``pipeline.redact_photo``) and keeps
where paint went and what would be stored, artefact by artefact: the image, the kept text
lines, the item descriptions, the merchant, the redaction record (category, action, count)
and whatever was logged meanwhile. ``score`` compares each with the labels: a secret is
caught only when every artefact is free of it (98% of its ink under paint in the image).
"""
from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from redaction import Policy, paint, redact_receipt
from redaction.evalset.content import Receipt
from redaction.evalset.photo import Photo
from redaction.evalset.pipeline import redact_photo

COVERED = 0.98      # share of a secret's ink that must be under paint
ITEM_REMOVED = 0.3  # an ordinary item with more of its ink painted counts as removed


ARTEFACTS = ("image", "text", "items", "merchant", "record", "log")


@dataclass
class Outcome:
    removed: bool
    reason: str | None
    painted: np.ndarray  # True where paint went
    stored: dict[str, str]  # artefact -> every text of it that would be stored, joined
    seconds: float


class Captured(logging.Handler):
    """Every log record emitted anywhere while a receipt is processed."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Tally:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    items: int = 0
    items_removed: int = 0
    seconds: list[float] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # "receipt name: category", no text
    # (category, artefact) -> secrets that artefact still held
    leaks: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def add(self, category: str, caught: bool, name: str,
            leaked: tuple[str, ...] = ()) -> None:
        self.total[category] += 1
        self.found[category] += caught
        for artefact in leaked:
            self.leaks[(category, artefact)] += 1
        if not caught:
            self.missed.append(f"{name}: {category}")


def process(image: Image.Image, engine, policy: Policy | None = None,
            scope: str = "painted") -> Outcome:
    handler, root = Captured(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        started = time.perf_counter()
        result = redact_photo(image, engine, policy, scope)
        seconds = time.perf_counter() - started
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    record = " ".join(f"{c} {a} {n}" for c, a, n in result.decision.counts)
    stored = {"record": record, "log": "\n".join(handler.messages)}
    if result.painted is None:
        return Outcome(True, result.reason, np.zeros(image.size[::-1], bool), stored, seconds)
    mask = paint(Image.new("L", image.size, 255), result.decision)
    page, parsed = redact_receipt(result.page, result.parsed, result.decision)
    stored.update(text=page.text, items="\n".join(item.description for item in parsed.items),
                  merchant=parsed.merchant or "")
    return Outcome(False, None, np.asarray(mask) == 0, stored, seconds)


def compact(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).casefold()


def score(receipt: Receipt, photo: Photo, outcome: Outcome, tally: Tally) -> None:
    tally.seconds.append(outcome.seconds)
    if receipt.prescription:
        tally.add("prescription_receipt", outcome.removed, receipt.name)
    stored = {artefact: compact(text) for artefact, text in outcome.stored.items()}
    for index, row in enumerate(receipt.rows):
        if row.label == "item":
            ink = photo.rows == index + 1
            share = (ink & outcome.painted).sum() / max(ink.sum(), 1)
            if not receipt.prescription:
                tally.items += 1
                tally.items_removed += outcome.removed or share > ITEM_REMOVED
        elif row.label not in ("other", "prescription"):
            secret = compact(row.secret or row.left)
            leaked = tuple(artefact for artefact, text in stored.items() if secret in text)
            if not outcome.removed:
                ink = photo.secrets == index + 1
                if (ink & outcome.painted).sum() / max(ink.sum(), 1) < COVERED:
                    leaked = ("image", *leaked)
            tally.add(row.label, not leaked, receipt.name, leaked)


def table(tally: Tally) -> list[str]:
    """Recall per category, then per artefact how many secrets it still held."""
    head = "".join(f"{artefact:>9}" for artefact in ARTEFACTS)
    lines = [f"{'category':<22}{'caught':>8}{'of':>6}{'recall':>9}   leaked into:{head}"]
    for category in sorted(tally.total):
        found, total = tally.found[category], tally.total[category]
        leaks = "".join(f"{tally.leaks[(category, a)]:>9}" for a in ARTEFACTS)
        lines.append(f"{category:<22}{found:>8}{total:>6}{found / total:>9.1%}"
                     f"{'':15}{leaks}")
    share = tally.items_removed / max(tally.items, 1)
    lines.append(f"ordinary item lines wrongly removed: {tally.items_removed} of {tally.items}"
                 f" ({share:.2%})")
    if tally.seconds:
        lines.append(f"seconds per receipt (OCR, analyze, paint, verify): "
                     f"{np.mean(tally.seconds):.2f} mean, {np.max(tally.seconds):.2f} max")
    return lines
