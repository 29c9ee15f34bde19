"""Scoring one generated photo the way the pipeline treats it, and adding up the results.

``process`` does what the pipeline's redact step does (``pipeline.redact_photo``) and keeps
where paint went and what text would be stored. ``score`` compares that with the labels,
pixel by pixel and in the stored text.
"""
from __future__ import annotations

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


@dataclass
class Outcome:
    removed: bool
    reason: str | None
    painted: np.ndarray  # True where paint went
    stored_text: str     # every text that would be stored, joined
    seconds: float


@dataclass
class Tally:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    items: int = 0
    items_removed: int = 0
    seconds: list[float] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # "receipt name: category", no text

    def add(self, category: str, caught: bool, name: str) -> None:
        self.total[category] += 1
        self.found[category] += caught
        if not caught:
            self.missed.append(f"{name}: {category}")


def process(image: Image.Image, engine, policy: Policy | None = None) -> Outcome:
    started = time.perf_counter()
    result = redact_photo(image, engine, policy)
    seconds = time.perf_counter() - started
    if result.painted is None:
        return Outcome(True, result.reason, np.zeros(image.size[::-1], bool), "", seconds)
    mask = paint(Image.new("L", image.size, 255), result.decision)
    page, parsed = redact_receipt(result.page, result.parsed, result.decision)
    stored = "\n".join([page.text, *(item.description for item in parsed.items),
                        parsed.merchant or ""])
    return Outcome(False, None, np.asarray(mask) == 0, stored, seconds)


def compact(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).casefold()


def score(receipt: Receipt, photo: Photo, outcome: Outcome, tally: Tally) -> None:
    tally.seconds.append(outcome.seconds)
    if receipt.prescription:
        tally.add("prescription_receipt", outcome.removed, receipt.name)
    stored = compact(outcome.stored_text)
    for index, row in enumerate(receipt.rows):
        if row.label == "item":
            ink = photo.rows == index + 1
            share = (ink & outcome.painted).sum() / max(ink.sum(), 1)
            if not receipt.prescription:
                tally.items += 1
                tally.items_removed += outcome.removed or share > ITEM_REMOVED
        elif row.label not in ("other", "prescription"):
            ink = photo.secrets == index + 1
            covered = (ink & outcome.painted).sum() / max(ink.sum(), 1) >= COVERED
            secret = compact(row.secret or row.left)
            tally.add(row.label, outcome.removed or (covered and secret not in stored),
                      receipt.name)


def table(tally: Tally) -> list[str]:
    lines = [f"{'category':<22}{'caught':>8}{'of':>6}{'recall':>9}"]
    for category in sorted(tally.total):
        found, total = tally.found[category], tally.total[category]
        lines.append(f"{category:<22}{found:>8}{total:>6}{found / total:>9.1%}")
    share = tally.items_removed / max(tally.items, 1)
    lines.append(f"ordinary item lines wrongly removed: {tally.items_removed} of {tally.items}"
                 f" ({share:.2%})")
    if tally.seconds:
        lines.append(f"seconds per receipt (OCR, analyze, paint, verify): "
                     f"{np.mean(tally.seconds):.2f} mean, {np.max(tally.seconds):.2f} max")
    return lines
