"""Redaction on the real eval photos, read by tesseract and processed as the pipeline does.

There are no line labels for these readings, so this reports what was done: receipts removed
(with the category), lines removed and spans masked per category, and the time per receipt.
The only line the labels expect removed is the pharmacy's face-mask line (health)."""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from PIL import Image, ImageOps

from redaction import Policy
from redaction.evalset.pipeline import redact_photo


def evaluate_real_images(folder: Path, engine, limit: int | None = None) -> list[str]:
    policy = Policy()
    photos = sorted(Path(folder).glob("softmatic/*.jpg"))[:limit]
    removed_receipts, actions, seconds = Counter(), Counter(), []
    for path in photos:
        with Image.open(path) as photo:
            image = ImageOps.exif_transpose(photo).convert("RGB")
        started = time.perf_counter()
        result = redact_photo(image, engine, policy)
        seconds.append(time.perf_counter() - started)
        if result.reason:
            removed_receipts[f"{path.stem}: {result.reason}"] += 1
        for category, action, count in result.decision.counts:
            actions[f"{category} {action}"] += count
    lines = [f"real photos: {len(photos)}, receipts removed: {sum(removed_receipts.values())}"
             + (f" ({', '.join(removed_receipts)})" if removed_receipts else "")]
    lines += [f"  {name}: {count}" for name, count in sorted(actions.items())]
    if seconds:
        lines.append(f"seconds per receipt (OCR, analyze, paint, verify): "
                     f"{sum(seconds) / len(seconds):.2f} mean, {max(seconds):.2f} max")
    return lines
