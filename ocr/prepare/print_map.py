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

from ocr.prepare.geometry import grey_copy

WORK_SIDE = 1000  # long side of the analysis copy: letters of a whole-page scan are still strokes
NEIGHBOURHOOD = 7  # pixels of the copy: marks thinner than this are closed over
DARKER = 0.75  # print is darker than this share of the paper around it
PAPER_BRIGHT = 0.5  # paper is at least this share of the photo's brightest paper
PRINTED_ROW = 0.02  # share of a crop's columns holding print in a row of printed text
REACH = 0.04  # of the photo's height: the gap between printed lines is shorter than this


def print_map(image: Image.Image) -> tuple[np.ndarray, float]:
    """(True where there is print on a small copy, the copy's scale)."""
    scale = min(1.0, WORK_SIDE / max(image.size))
    grey = np.asarray(grey_copy(image, scale), dtype=np.float32)
    paper = spread(spread(grey, NEIGHBOURHOOD, np.maximum), NEIGHBOURHOOD, np.minimum)
    bright = PAPER_BRIGHT * np.percentile(paper, 95)
    return (grey < DARKER * paper) & (paper > bright), scale


def spread(pixels: np.ndarray, size: int, pick=np.maximum) -> np.ndarray:
    """The maximum (or, with ``np.minimum``, the minimum) over a ``size`` x ``size`` square
    around each pixel (the edges wrap around): one direction at a time, the window doubled
    at each step (3 steps for 7 pixels instead of 6)."""
    for axis in (0, 1):
        result, span = pixels, 1
        while span < size:
            step = min(span, size - span)
            result = pick(result, np.roll(result, step, axis=axis))
            span += step
        pixels = np.roll(result, -(size // 2), axis=axis)
    return pixels


def print_kept(outline: list[tuple[float, float]], print_: np.ndarray, scale: float) -> float:
    """Share of the print (``print_map``) inside the polygon ``outline`` (image pixels)."""
    total = print_.sum()
    if not total:
        return 1.0
    region = Image.new("L", (print_.shape[1], print_.shape[0]), 0)
    ImageDraw.Draw(region).polygon([(x * scale, y * scale) for x, y in outline], fill=255)
    return float((print_ & (np.asarray(region) > 0)).sum() / total)


def grown_to_print(box: tuple[int, int, int, int], print_: np.ndarray, scale: float
                   ) -> tuple[int, int, int, int]:
    """``box`` (image pixels) made longer while print goes on above or below it within its
    columns: the paper's end in a shadow (darker than the lit paper the crop found) still
    holds the receipt's last lines. Lines of print come within ``REACH`` of each other."""
    left, top, right, bottom = (round(v * scale) for v in box)
    columns = print_[:, left:right]
    inked = columns.sum(axis=1) >= max(2, PRINTED_ROW * columns.shape[1])
    first, last = grow(inked, (top, bottom), max(2, round(REACH * print_.shape[0])))
    return (box[0], box[1] if first == top else round(first / scale),
            box[2], box[3] if last == bottom else round(last / scale))


def grow(inked: np.ndarray, span: tuple[int, int], reach: int) -> tuple[int, int]:
    """The span widened while print lies within ``reach`` of its ends (a line reaching out
    beyond the block stays whole)."""
    first, last = span
    while first > 0 and inked[max(0, first - reach):first].any():
        first -= 1
    while last < len(inked) and inked[last:last + reach].any():
        last += 1
    return first, last
