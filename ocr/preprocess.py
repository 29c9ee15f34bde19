"""Turn the pages of one receipt into the single RGB image that OCR reads and redaction paints.

Each page is cropped to the receipt (warped to a rectangle when photographed at an angle;
on a white page, cropped around its print) and put upright (quarter turns, small skew); the pages
are stitched with their overlap removed; the result is scaled so that a printed line is
about ``TARGET_LINE_HEIGHT`` pixels high. Every geometric change happens here, so word boxes
from any engine are in the coordinates of the image ``prepare`` returns.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.crop import analysis_copy, box_in_copy
from ocr.geometry import Crop, Step, replay
from ocr.orient import upright_steps
from ocr.runs import runs
from ocr.perspective import corners_in_copy, warp_step
from ocr.stitch import stitch
from ocr.text_block import text_block_box

# Height in pixels of a printed text line (ink from ascender to descender) that tesseract
# reads best. Measured on the 48 eval scans (300 dpi, lines about 27-34 px high), counting
# receipts whose printed total appears in the OCR text, 2 processes on 2 cores:
#   fixed scale 1.0: 12/16 (subset), 3.6 s   fixed 0.6: 41/48, 1.3 s   fixed 0.4: 38/48, 0.7 s
#   target 20 px: 39/48, 1.7 s median        target 24 px: 42/48, 2.0 s median  <- chosen
# Small text is enlarged to it too (MAX_SCALE): phone photos of a whole receipt, or small
# ones shared from a chat, print lines 7-16 px high, which tesseract reads as noise.
TARGET_LINE_HEIGHT = 24
MIN_SCALE, MAX_SCALE = 0.25, 4.0
MAX_PIXELS = 16_000_000  # never produce more than this, whatever the estimate says
STRIP_WIDTH = 256  # columns analysed together when estimating the line height
LINE_HEIGHTS = (4, 200)  # runs of inked rows this high may be printed lines
MEDIAN_FROM = 6  # shorter runs are left out of the median (specks)
AGREEMENT = 0.15  # the median and the most common height agree within this share
HEIGHT_BIN = 1.15  # ratio between neighbouring bins of the line heights' histogram
# A receipt's line is a few dozen characters: as high as at least 1/64 of the image's width
# (narrower runs are dots of dot-matrix print or noise), and the image holds at least ten lines.
MAX_LINES_ACROSS, MIN_LINES_DOWN = 64, 10
MIN_AGREEING = 5  # printed lines of about the peak's height needed to trust the estimate


def prepare(pages: list[Image.Image], check_upside_down: bool = False) -> Image.Image:
    """The receipt's pages as one upright, cropped RGB image at the working resolution."""
    if not pages:
        raise ValueError("a receipt needs at least one page")
    image = stitch([prepare_page(page, check_upside_down) for page in pages])
    return rescale(image, working_scale(image))


def prepare_page(page: Image.Image, check_upside_down: bool = False) -> Image.Image:
    return page_steps(page.convert("RGB"), check_upside_down)[0]


def page_steps(page: Image.Image, check_upside_down: bool = False
               ) -> tuple[Image.Image, list[Step]]:
    """The page cropped (or warped) to the paper and put upright, and the steps taken."""
    steps = []
    step = find_paper(page)
    if step is not None:
        page = step.apply(page)
        steps.append(step)
    turns = upright_steps(page, check_upside_down)
    return replay(page, turns), steps + turns


def find_paper(page: Image.Image) -> Step | None:
    """A warp when the paper's outline is clear and tilted, else a crop to the paper on a
    darker background, else a crop to the print on a white page, else none."""
    bright, scale = analysis_copy(page)
    corners = corners_in_copy(bright, scale)
    if corners is not None:
        return warp_step(corners)
    box = box_in_copy(bright, scale) or text_block_box(page)
    return None if box is None else Crop(box)


def working_scale(image: Image.Image) -> float:
    """Factor that brings the estimated text line height to TARGET_LINE_HEIGHT."""
    height = estimate_line_height(image)
    scale = 1.0 if height is None else TARGET_LINE_HEIGHT / height
    scale = min(max(scale, MIN_SCALE), MAX_SCALE)
    pixel_limit = (MAX_PIXELS / (image.width * image.height)) ** 0.5
    return min(scale, pixel_limit)


def rescale(image: Image.Image, scale: float) -> Image.Image:
    if abs(scale - 1.0) < 0.05:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def estimate_line_height(image: Image.Image) -> float | None:
    """The height of the printed lines: the median height of runs of inked rows per vertical
    strip (the measure ``TARGET_LINE_HEIGHT`` was chosen with), unless the most common
    height, in narrower strips, differs from it by more than ``AGREEMENT``: then that.
    Either is taken only when plausible for a receipt (``MAX_LINES_ACROSS``,
    ``MIN_LINES_DOWN``: the dots of dot-matrix print are not lines).

    On a clean scan the two agree. On a photo, a shadow or a dark background makes long
    runs, food, logos or a hand beside the paper runs of any height, and the median goes
    with them, while printed lines agree with each other."""
    grey = np.asarray(image.convert("L"), dtype=np.float32)
    common = most_common_height(row_runs(grey, STRIP_WIDTH // 2))
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
    paper = np.percentile(strip, 90)
    inked_rows = (strip < paper * 0.6).mean(axis=1) > 0.01
    return np.array([end - start for start, end in runs(inked_rows)], dtype=np.int64)
