"""Where a photo holds print: dark, thin marks on bright paper, wherever the paper lies.

A crop is judged by how much of this print it keeps. A mark counts as print when it is thin
and much darker than the paper around it: the paper is the photo with thin dark marks closed
over (a maximum filter, then a minimum filter of the same size), which keeps shadows, a
dark table and the paper's edge as they are, so they are not print; and the paper there
must be paper-bright (at least half as bright as the photo's brightest paper, which allows
for a shadow), so that the texture of a dark table is not print either.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ocr.geometry import grey_copy

WORK_SIDE = 1000  # long side of the analysis copy: letters of a whole-page scan are still strokes
NEIGHBOURHOOD = 7  # pixels of the copy: marks thinner than this are closed over
DARKER = 0.75  # print is darker than this share of the paper around it
PAPER_BRIGHT = 0.5  # paper is at least this share of the photo's brightest paper


def print_map(image: Image.Image) -> tuple[np.ndarray, float]:
    """(True where there is print on a small copy, the copy's scale)."""
    scale = min(1.0, WORK_SIDE / max(image.size))
    grey = np.asarray(grey_copy(image, scale), dtype=np.float32)
    paper = spread(spread(grey, NEIGHBOURHOOD, np.maximum), NEIGHBOURHOOD, np.minimum)
    bright = PAPER_BRIGHT * np.percentile(paper, 95)
    return (grey < DARKER * paper) & (paper > bright), scale


def spread(pixels: np.ndarray, size: int, pick=np.maximum) -> np.ndarray:
    """The maximum (or, with ``np.minimum``, the minimum) over a ``size`` x ``size`` square
    around each pixel, one direction at a time (the edges wrap around)."""
    for axis in (0, 1):
        result = pixels.copy()
        for shift in range(1, size // 2 + 1):
            for step in (shift, -shift):
                pick(result, np.roll(pixels, step, axis=axis), out=result)
        pixels = result
    return pixels


def print_kept(outline: list[tuple[float, float]], print_: np.ndarray, scale: float) -> float:
    """Share of the print (``print_map``) inside the polygon ``outline`` (image pixels)."""
    total = print_.sum()
    if not total:
        return 1.0
    region = Image.new("L", (print_.shape[1], print_.shape[0]), 0)
    ImageDraw.Draw(region).polygon([(x * scale, y * scale) for x, y in outline], fill=255)
    return float((print_ & (np.asarray(region) > 0)).sum() / total)
