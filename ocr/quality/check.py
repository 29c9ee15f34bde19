"""The photo quality check: too small, too dark, blurred, or the receipt cut off at the top
or bottom of the frame (``ocr.quality.cut``). Pure and cheap: it works on a grey copy whose
shorter side is at most ``WORK_SIDE`` pixels, so it can answer while the upload request is
still open.

Thresholds are measured on the evaluation photos and scans and on blurred, cut, darkened and
shrunk copies of them (``python -m ocr.quality.evaluate``; figures in docs/photo_quality.md).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ocr.quality.cut import MAX_PRINT_GAP, cut_edges

WORK_SIDE = 480  # the shorter side of the copy measured
MIN_SHORT_SIDE, MIN_LONG_SIDE = 200, 200  # pixels of the photo as taken
MIN_BRIGHT = 70  # the brightest 5 % of the photo (the paper) must reach this grey level
MIN_SHARPNESS = 40.0  # variance of the Laplacian on the working copy


@dataclass(frozen=True)
class PhotoProblem:
    """Why a photo should be taken again, as a stable code, and where (``top``/``bottom``
    for a cut)."""

    code: str  # too_small | too_dark | blurred | cut_off
    edge: str | None = None


@dataclass(frozen=True)
class Measures:
    short_side: int
    long_side: int
    bright: float
    sharpness: float
    print_gap: dict[str, float]  # top/bottom: print's distance from the edge the paper runs
    # into, as a share of the paper's width (inf: the paper's end is in the picture, or blank)


def check(grey: Image.Image, size: tuple[int, int] | None = None) -> PhotoProblem | None:
    """The first problem of an upright photo (``grey``: any mode, any size; ``size``: the
    photo's own size when ``grey`` is a reduced copy), or None when it is worth reading."""
    return judge(measure(grey, size))


def judge(measures: Measures) -> PhotoProblem | None:
    if measures.short_side < MIN_SHORT_SIDE or measures.long_side < MIN_LONG_SIDE:
        return PhotoProblem("too_small")
    if measures.bright < MIN_BRIGHT:
        return PhotoProblem("too_dark")
    if measures.sharpness < MIN_SHARPNESS:
        return PhotoProblem("blurred")
    for edge in ("bottom", "top"):
        if measures.print_gap[edge] <= MAX_PRINT_GAP:
            return PhotoProblem("cut_off", edge)
    return None


def measure(grey: Image.Image, size: tuple[int, int] | None = None) -> Measures:
    width, height = size or grey.size
    small = _working_copy(grey)
    pixels = np.asarray(small, dtype=np.float32)
    return Measures(
        short_side=min(width, height), long_side=max(width, height),
        bright=float(np.percentile(pixels, 95)),
        sharpness=_laplacian_variance(pixels),
        print_gap=cut_edges(small))


def _working_copy(grey: Image.Image) -> Image.Image:
    small = grey.convert("L")
    factor = WORK_SIDE / min(small.size)
    if factor < 1:
        small = small.resize((max(1, round(small.width * factor)),
                              max(1, round(small.height * factor))), Image.Resampling.BILINEAR)
    return small


def _laplacian_variance(pixels: np.ndarray) -> float:
    if min(pixels.shape) < 3:
        return 0.0
    laplacian = (pixels[1:-1, :-2] + pixels[1:-1, 2:] + pixels[:-2, 1:-1] + pixels[2:, 1:-1]
                 - 4 * pixels[1:-1, 1:-1])
    return float(laplacian.var())
