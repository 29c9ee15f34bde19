"""Redaction on the real eval photos, read by tesseract and processed as the pipeline does.

The labels (``real_labels.json``) name lines of the textract text, not of tesseract's reading,
so recall here is counted per receipt: a receipt with n labelled lines of a category is caught
for it when redaction made at least n findings of that category on the photo (or removed the
receipt). It also reports receipts removed, what was done per category, and the time."""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from PIL import Image, ImageOps

from redaction import Policy
from redaction.evalset.pipeline import redact_photo
from redaction.evalset.real import load_labels


def evaluate_real_images(folder: Path, engine, limit: int | None = None,
                         scope: str = "painted") -> list[str]:
    policy = Policy()
    photos = sorted(Path(folder).glob("softmatic/*.jpg"))[:limit]
    labels = load_labels()
    removed_receipts, actions, seconds = Counter(), Counter(), []
    caught, labelled = Counter(), Counter()
    for path in photos:
        with Image.open(path) as photo:
            image = ImageOps.exif_transpose(photo).convert("RGB")
        started = time.perf_counter()
        result = redact_photo(image, engine, policy, scope)
        seconds.append(time.perf_counter() - started)
        if result.reason:
            removed_receipts[f"{path.stem}: {result.reason}"] += 1
        made = Counter()
        for category, action, count in result.decision.counts:
            actions[f"{category} {action}"] += count
            made[category] += count
        for category, wanted in Counter(labels.get(path.stem, {}).values()).items():
            labelled[category] += 1
            caught[category] += bool(result.reason) or made[category] >= wanted
    lines = [f"real photos: {len(photos)}, receipts removed: {sum(removed_receipts.values())}"
             + (f" ({', '.join(removed_receipts)})" if removed_receipts else "")]
    lines.append("receipts with labelled lines whose findings on the photo reach the label count:")
    lines += [f"  {category:<20}{caught[category]:>4} of {labelled[category]:>3}"
              for category in sorted(labelled)]
    lines.append("findings per category and action:")
    lines += [f"  {name}: {count}" for name, count in sorted(actions.items())]
    if seconds:
        lines.append(f"seconds per receipt (OCR, analyze, paint, verify): "
                     f"{sum(seconds) / len(seconds):.2f} mean, {max(seconds):.2f} max")
    return lines
