"""Synthetic receipt photos with generated ground truth, from a fixed seed.

    photo, truth = synthetic_receipt(seed=7)
    write_set(folder, count=40, seed=1)   # images and a manifest.json like shared/eval's

Without ``locales`` the classic receipts (de, en-GB, en-US, fr; old seeds give the same
photos). With ``locales`` receipts in other countries' styles (``ocr.synthetic.styles``): a
group name ("world", "english", "asia", "europe", "whole-units"), a style key ("en-MY",
"en-SG", "en-AU", "en-IN", "en-US-restaurant", "es", "it", "nl", "fr-shop", or "id": Indonesia,
rupiah printed without cents, in no older group so their seeds reproduce), or a list of either:

    write_set(folder, count=60, seed=1, locales="world")
    for name, photo, entry in generate_set(60, seed=1, locales=["en-MY", "en-SG"]): ...
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from PIL import Image

from ocr.synthetic.photo import draw_paper, photograph
from ocr.synthetic.world import make_content

TODAY = date(2026, 3, 10)  # the "today" the synthetic receipts were printed before
Locales = str | Sequence[str] | None


def synthetic_receipt(seed: int, today: date = TODAY, locales: Locales = None
                      ) -> tuple[Image.Image, dict]:
    rng = random.Random(seed)
    rows, truth = make_content(rng, today, locales)
    return photograph(draw_paper(rows, rng, fit=locales is not None), rng), truth


def generate_set(count: int, seed: int = 1, locales: Locales = None
                 ) -> Iterator[tuple[str, Image.Image, dict]]:
    """``count`` receipts as (file name, photo, manifest entry), receipt ``n`` from seed
    ``seed * 100_000 + n``."""
    for number in range(count):
        photo, truth = synthetic_receipt(seed * 100_000 + number, locales=locales)
        name = f"synthetic_{number:03d}.jpg"
        yield name, photo, {"image": name, "today": TODAY.isoformat(), **truth}


def write_set(folder: str | Path, count: int, seed: int = 1, locales: Locales = None) -> Path:
    """``count`` photos as ``synthetic_NNN.jpg`` plus ``manifest.json``; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, photo, entry in generate_set(count, seed, locales):
        photo.save(folder / name, quality=92)
        entries.append(entry)
    (folder / "manifest.json").write_text(json.dumps(entries, indent=1, ensure_ascii=False))
    return folder
