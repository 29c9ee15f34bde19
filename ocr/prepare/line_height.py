"""How high the printed lines of a receipt image are, in pixels: ``prepare`` scales the
image so that they are ``TARGET_LINE_HEIGHT`` high, and the test-reads of ``ocr.prepare.orient``
read their bands at that size.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.runs import runs

# Height in pixels of a printed text line (ink from ascender to descender) that tesseract
# reads best. Measured on the 48 eval scans (300 dpi, lines about 27-34 px high), counting
# receipts whose printed total appears in the OCR text, 2 processes on 2 cores:
#   fixed scale 1.0: 12/16 (subset), 3.6 s   fixed 0.6: 41/48, 1.3 s   fixed 0.4: 38/48, 0.7 s
#   target 20 px: 39/48, 1.7 s median        target 24 px: 42/48, 2.0 s median  <- chosen
# Small text is enlarged to it too (``ocr.prepare.steps.MAX_SCALE``): phone photos of a whole
# receipt, or small ones shared from a chat, print lines 7-20 px high. On 55 US phone photos,
# enlarging only beyond 1.35x found 37 printed dates, enlarging all 40 (totals 33 both ways).
TARGET_LINE_HEIGHT = 24
STRIP_WIDTH = 256  # columns analysed together when estimating the line height
NARROW_STRIPS = 8  # the most common height is taken in this many strips (32-128 columns
# wide), so that a strip of a small photo holds a few words, not also the background
LINE_HEIGHTS = (4, 200)  # runs of inked rows this high may be printed lines
MEDIAN_FROM = 6  # shorter runs are left out of the median (specks)
AGREEMENT = 0.15  # the median and the most common height agree within this share
HEIGHT_BIN = 1.15  # ratio between neighbouring bins of the line heights' histogram
# A receipt's line is a few dozen characters: as high as at least 1/64 of the image's width
# (narrower runs are dots of dot-matrix print or noise), and the image holds at least ten lines.
MAX_LINES_ACROSS, MIN_LINES_DOWN = 64, 10
MIN_AGREEING = 5  # printed lines of about the peak's height needed to trust the estimate


def estimate_line_height(image: Image.Image) -> float | None:
    """The height of the printed lines: the median height of runs of inked rows per vertical
    strip (the measure ``TARGET_LINE_HEIGHT`` was chosen with), unless the most common
    height, in narrower strips, differs from it by more than ``AGREEMENT``: then that.
    Either is taken only when plausible for a receipt (``MAX_LINES_ACROSS``,
    ``MIN_LINES_DOWN``: the dots of dot-matrix print are not lines).

    On a clean scan the two agree. On a photo, a shadow or a dark background makes long
    runs, food, logos or a hand beside the paper runs of any height, and the median goes
    with them, while printed lines agree with each other."""
    grey = np.asarray(image.convert("L"))
    narrow = int(np.clip(image.width / NARROW_STRIPS, 32, STRIP_WIDTH // 2))
    common = most_common_height(row_runs(grey, narrow))
    heights = row_runs(grey, STRIP_WIDTH)
    heights = heights[heights >= MEDIAN_FROM]
    median = float(np.median(heights)) if len(heights) >= MIN_AGREEING else None
    common, median = (h if h is not None and image.width / MAX_LINES_ACROSS <= h
                      <= image.height / MIN_LINES_DOWN else None for h in (common, median))
    if common is None or median is None:
        return common or median
    return median if abs(median / common - 1) <= AGREEMENT else common


def row_runs(grey: np.ndarray, width: int) -> np.ndarray:
    """Heights of the runs of inked rows in strips of ``width`` columns, within
    ``LINE_HEIGHTS``."""
    heights = np.concatenate([ink_row_runs(grey[:, x:x + width])
                              for x in range(0, grey.shape[1], width)])
    return heights[(heights >= LINE_HEIGHTS[0]) & (heights <= LINE_HEIGHTS[1])]


def most_common_height(heights: np.ndarray) -> float | None:
    """Median of the heights around the peak of their (log-binned, smoothed) histogram;
    None unless ``MIN_AGREEING`` heights lie there."""
    edges = LINE_HEIGHTS[0] * HEIGHT_BIN ** np.arange(
        int(np.log(LINE_HEIGHTS[1] / LINE_HEIGHTS[0]) / np.log(HEIGHT_BIN)) + 2)
    counts = np.convolve(np.histogram(heights, bins=edges)[0], [1, 2, 1], mode="same")
    peak = int(np.argmax(counts))
    near = heights[(heights >= edges[max(0, peak - 1)])
                   & (heights < edges[min(peak + 2, len(edges) - 1)])]
    return float(np.median(near)) if len(near) >= MIN_AGREEING else None


def ink_row_runs(strip: np.ndarray) -> np.ndarray:
    """Lengths of consecutive rows holding ink (much darker than this strip's paper)."""
    paper = percentile(strip, 90)
    inked_rows = (strip < paper * 0.6).mean(axis=1) > 0.01
    return np.array([end - start for start, end in runs(inked_rows)], dtype=np.int64)


def percentile(grey: np.ndarray, share: float) -> float:
    """``np.percentile(grey, share)`` of 8-bit grey levels from their histogram (a tenth of
    the time: the line height is measured on whole pages)."""
    below = np.cumsum(np.bincount(grey.ravel(), minlength=256))
    position = share / 100 * (grey.size - 1)
    rank = int(position)
    low, high = np.searchsorted(below, [rank + 1, min(rank + 2, grey.size)], side="left")
    return float(low + (position - rank) * (high - low))
