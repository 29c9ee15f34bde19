"""Generated phone photos framed whole, or framed so the receipt runs out of the picture at
the top or the bottom, for the photo quality check (``ocr.quality.evaluate``).

    whole, cut_top, cut_bottom = framed(seed=7)

The photo is a ``scenes.scene`` on a table (background all round the paper). A cut frame
keeps the photo's full width and leaves out 10 to 40 % of the paper's height (drawn from the
seed) at one end, with the background beyond it: the way a phone held too close frames a
long receipt. Sideways receipts (the scene turns one in twenty by a quarter) are drawn again
from the next seed, so "top" and "bottom" are the receipt's own ends.
"""
from __future__ import annotations

import random

import numpy as np
from PIL import Image

from ocr.synthetic.scenes import scene

MIN_CUT, MAX_CUT = 0.10, 0.40  # share of the paper's height left out of a cut frame


def framed(seed: int) -> tuple[Image.Image, Image.Image, Image.Image]:
    """(whole photo, photo with the top cut away, photo with the bottom cut away)."""
    while True:
        photo, _, ink, paper = scene(seed)
        if not sideways(np.asarray(ink) > 127):
            break
        seed += 1_000_000  # a sideways receipt: the next one
    rows = np.flatnonzero(np.asarray(paper).max(axis=1) > 127)
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    rng = random.Random(f"framed-{seed}")
    height = bottom - top
    cut_top = top + round(height * rng.uniform(MIN_CUT, MAX_CUT))
    cut_bottom = bottom - round(height * rng.uniform(MIN_CUT, MAX_CUT))
    width = photo.width
    return (photo, photo.crop((0, cut_top, width, photo.height)),
            photo.crop((0, 0, width, cut_bottom)))


def sideways(ink: np.ndarray) -> bool:
    """Whether the print's lines run up and down: printed lines and the gaps between them
    make the ink per row vary far more than the ink per column of an upright receipt."""
    def spread(profile: np.ndarray) -> float:
        inked = profile[profile > 0]
        return float(inked.std() / inked.mean()) if inked.size else 0.0
    return spread(ink.mean(axis=0)) > spread(ink.mean(axis=1))
