"""Synthetic receipt photos with generated ground truth, from a fixed seed.

    photo, truth = synthetic_receipt(seed=7)
    write_set(folder, count=40, seed=1)   # images and a manifest.json like shared/eval's
"""
from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from PIL import Image

from ocr.synthetic.content import make_receipt
from ocr.synthetic.photo import draw_paper, photograph

TODAY = date(2026, 3, 10)  # the "today" the synthetic receipts were printed before


def synthetic_receipt(seed: int, today: date = TODAY) -> tuple[Image.Image, dict]:
    rng = random.Random(seed)
    rows, truth = make_receipt(rng, today)
    return photograph(draw_paper(rows, rng), rng), truth


def write_set(folder: str | Path, count: int, seed: int = 1) -> Path:
    """``count`` photos as ``synthetic_NNN.jpg`` plus ``manifest.json``; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for number in range(count):
        photo, truth = synthetic_receipt(seed * 100_000 + number)
        name = f"synthetic_{number:03d}.jpg"
        photo.save(folder / name, quality=92)
        entries.append({"image": name, "today": TODAY.isoformat(), **truth})
    (folder / "manifest.json").write_text(json.dumps(entries, indent=1, ensure_ascii=False))
    return folder
