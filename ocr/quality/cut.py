"""Is the receipt cut off at the top or bottom of the frame? Decided on the receipt's outline,
not on print at the frame's edge alone.

An end is cut when both hold:

1. The paper runs into that edge of the frame. The paper is found as ``prepare`` finds it
   (``ocr.prepare.crop.analysis_copy``: the bright region with its print filled in; where
   there is no background at all, a scan cropped to the receipt or a close photo, the paper
   fills the frame and Otsu's split of it means nothing, so all of it is paper); along the
   outermost row of the frame its longest run must be at least ``MIN_REACH`` of the paper's
   usual width, and that row (or the next) must be paper-bright itself: a dark strip (the
   scanner lid's edge, a shadow, the table) between the paper's end and the frame means the
   end is in the picture. A receipt lying whole in the photo shows background beyond both of
   its ends.
2. Print runs up to that edge: within ``MAX_PRINT_GAP`` of the paper's width from the edge
   (the paper's width is the scale: a receipt prints 30 to 50 characters across, so a line
   is about a twentieth of it) a row of the paper carries at least ``MIN_PRINT`` of the ink
   of a typical printed row. A blank margin between the last print and the frame is fine
   (the paper merely touches the frame). Rows inked across more than half the paper are
   lines or edges, not print; rows darker than the paper are not paper.

Print is a pixel darker by ``INK_CONTRAST`` than the mean of its own row around it (17
pixels): letters stand out along a row, while a shadow or a fading edge that darkens whole
rows towards the frame does not.

The left and right edges are not judged: cropped scans and close phone photos often run
their paper into the sides with print near them (the same rule there refused 16 of the 103
good evaluation photos), and a receipt's text runs along its length.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.prepare.crop import analysis_copy, maximum_filter

INK_CONTRAST = 25  # a pixel this much darker than its row around it is print
INK_REACH = 8  # pixels either side: the row around a pixel
MIN_REACH = 0.8  # the paper's run along the frame's edge, as a share of its usual width
MAX_HOLE = 0.005  # of the frame's width: a gap this narrow in the paper's run is a letter stroke
MIN_BRIGHT_ROW = 0.75  # a row of paper is at least this bright, relative to the paper's grey
MIN_PRINT = 0.3  # a printed row holds at least this share of a typical printed row's ink
MAX_LINE_INK = 0.5  # a row inked across more than half the paper is a line, not print
MAX_PRINT_GAP = 0.01  # print this close to the edge (share of the paper's width) runs into it
ALL_PAPER = 0.98  # share of the frame as bright as paper when there is no background
LOOK = 40  # rows looked at from each edge for print


def cut_edges(small: Image.Image) -> dict[str, float]:
    """For ``top`` and ``bottom``: how far print lies from that edge of the frame, in shares
    of the paper's width, where the paper runs into it (``inf`` where it does not, or where
    no print is near). ``small`` is the grey working copy."""
    pixels = np.asarray(small, dtype=np.float32)
    ink = row_ink(pixels)
    bright, _ = analysis_copy(small)
    paper = np.asarray(Image.fromarray(bright).resize(small.size, Image.Resampling.NEAREST))
    filled = maximum_filter(pixels[::2, ::2], 5)
    if np.mean(filled >= MIN_BRIGHT_ROW * np.median(filled)) >= ALL_PAPER:
        paper = np.ones_like(paper)  # no background anywhere: the paper fills the frame
    widths = paper.sum(axis=1)
    body = widths > 0.2 * paper.shape[1]
    if not body.any():
        return {"top": np.inf, "bottom": np.inf}
    usual_width = float(np.median(widths[body]))
    share = (ink & paper).sum(axis=1) / np.maximum(widths, 1)
    printed = body & (share > 0.01) & (share < MAX_LINE_INK)
    typical = float(np.median(share[printed])) if printed.any() else 1.0
    sample = (paper & ~ink)[::4, ::4]
    level = float(np.median(pixels[::4, ::4][sample])) if sample.any() else 255.0
    flip = {"top": slice(None), "bottom": slice(None, None, -1)}
    return {edge: _print_gap(pixels[rows], ink[rows], paper[rows], usual_width, typical, level)
            for edge, rows in flip.items()}


def _print_gap(pixels: np.ndarray, ink: np.ndarray, paper: np.ndarray, usual_width: float,
               typical: float, level: float) -> float:
    """The gap between the frame's edge (row 0) and the nearest print, or ``inf``."""
    run = paper_run(paper[0], max(1, round(MAX_HOLE * paper.shape[1])))
    if run is None:
        return np.inf
    left, right = run
    if right - left < MIN_REACH * usual_width:
        return np.inf
    inset = max(4, (right - left) // 20)  # the paper's own sides are not print
    left, right = left + inset, right - inset
    if right - left < 10:
        return np.inf
    rows = slice(0, LOOK)
    bright_rows = np.median(pixels[rows, left:right], axis=1) >= MIN_BRIGHT_ROW * level
    if not bright_rows[:2].any():
        return np.inf  # a dark strip at the frame: the paper ends inside the picture
    share = (ink[rows, left:right] & paper[rows, left:right]).mean(axis=1)
    printed = bright_rows & (share >= MIN_PRINT * typical) & (share <= MAX_LINE_INK)
    found = np.flatnonzero(printed)
    return float(found[0]) / (right - left) if found.size else np.inf


def paper_run(row: np.ndarray, max_hole: int) -> tuple[int, int] | None:
    """(start, end) of the longest stretch of paper along a row, holes up to ``max_hole``
    pixels bridged (a bold letter cut by the frame is not filled in by the paper finder)."""
    found = np.flatnonzero(row)
    if not found.size:
        return None
    breaks = np.flatnonzero(np.diff(found) > max_hole + 1)
    starts, ends = np.r_[0, breaks + 1], np.r_[breaks, len(found) - 1]
    best = int(np.argmax(found[ends] - found[starts]))
    return int(found[starts[best]]), int(found[ends[best]]) + 1


def row_ink(pixels: np.ndarray) -> np.ndarray:
    """Print: pixels darker by ``INK_CONTRAST`` than the mean of their row around them."""
    window = 2 * INK_REACH + 1
    padded = np.pad(pixels, ((0, 0), (INK_REACH + 1, INK_REACH)), mode="edge")
    sums = np.cumsum(padded, axis=1)
    mean = (sums[:, window:] - sums[:, :-window]) / window
    return (mean - pixels) > INK_CONTRAST
