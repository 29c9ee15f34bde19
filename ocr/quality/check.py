"""The photo quality check: too small, too dark, blurred, or the receipt cut off at the top
or bottom of the frame. Pure and cheap: it works on a grey copy whose shorter side is at most
``WORK_SIDE`` pixels (about 10 ms), so it can answer while the upload request is still open.

Thresholds are measured on the evaluation photos and scans and on blurred, cut, darkened and
shrunk copies of them (``python -m ocr.quality.evaluate``; figures in docs/photo_quality.md).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

WORK_SIDE = 480  # the shorter side of the copy measured
MIN_SHORT_SIDE, MIN_LONG_SIDE = 200, 200  # pixels of the photo as taken
MIN_BRIGHT = 70  # the brightest 5 % of the photo (the paper) must reach this grey level
MIN_SHARPNESS = 40.0  # variance of the Laplacian on the working copy
INK_CONTRAST = 25  # a pixel this much darker than its neighbourhood is print
EDGE_BAND = 0.02  # the top and bottom 2 % of the frame
MIN_EDGE_PAPER = 0.5  # share of the edge band that is paper for the receipt to reach the edge
MAX_TEXT_ROW_INK = 0.5  # a row inked across more than half the width is a line
MAX_EDGE_INK = 2.0  # print in the edge band, as a share of the print of a typical printed row


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
    edge_ink: dict[str, float]  # top/bottom: print at the edge, relative to a printed row
    edge_paper: dict[str, float]


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
        if (measures.edge_paper[edge] >= MIN_EDGE_PAPER
                and measures.edge_ink[edge] >= MAX_EDGE_INK):
            return PhotoProblem("cut_off", edge)
    return None


def measure(grey: Image.Image, size: tuple[int, int] | None = None) -> Measures:
    width, height = size or grey.size
    small = _working_copy(grey)
    pixels = np.asarray(small, dtype=np.float32)
    around = np.asarray(small.filter(ImageFilter.BoxBlur(4)), dtype=np.float32)
    ink = (around - pixels) > INK_CONTRAST
    paper = pixels > _otsu(pixels)
    band = max(3, round(pixels.shape[0] * EDGE_BAND))
    row_ink = ink.mean(axis=1)
    row_ink[row_ink > MAX_TEXT_ROW_INK] = 0  # a ruled line or an edge of paper, not print
    printed = row_ink[row_ink > 0.01]
    typical = float(np.median(printed)) if printed.size else 1.0
    edges = {"top": slice(0, band), "bottom": slice(-band, None)}
    return Measures(
        short_side=min(width, height), long_side=max(width, height),
        bright=float(np.percentile(pixels, 95)),
        sharpness=_laplacian_variance(pixels),
        edge_ink={edge: float(row_ink[rows].mean()) / typical for edge, rows in edges.items()},
        edge_paper={edge: float(paper[rows].mean()) for edge, rows in edges.items()})


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


def _otsu(pixels: np.ndarray) -> int:
    counts = np.bincount(pixels.astype(np.uint8).ravel(), minlength=256).astype(np.float64)
    share = counts / counts.sum()
    below = np.cumsum(share)
    mean_below = np.cumsum(share * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_below[-1] * below - mean_below) ** 2 / (below * (1 - below))
    return int(np.nanargmax(between))
