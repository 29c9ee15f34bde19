"""A receipt lying on a white page: found by its block of print, not by its paper.

Thermal paper on a white A4 page (a flatbed scan of the whole page) differs from the page by
a few grey levels only, so the plain crop, which looks for paper brighter than the
background, keeps the whole page. Here the print is found instead (dark against the paper
around it, on a small copy): the columns crossing many separate lines of print are the receipt's, grown
across narrow gaps; the receipt runs from the first to the last row with print in those
columns. The crop keeps a wide margin around that block, so that no print is cut off:
a crop that loses a line is worse than none.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.prepare.geometry import grey_copy
from ocr.prepare.print_map import grow, spread

WORK_SIDE = 1000  # long side of the analysis copy (print is still dark at this size)
BRIGHT_PAGE = 170  # the page around the print is at least this bright (grey level)
BORDER = 170  # darker rows and columns at the photo's edge are the scanner's border
DENSE = 0.25  # a column of the receipt crosses at least this share of the busiest one's lines
REACH = 0.01  # of the page's width: print this near the block's side belongs to it
MARGIN = 0.03  # of the page's long side, kept around the print
MAX_AREA = 0.6  # crop only when the block with its margin covers less of the page than this


def text_block_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) around the receipt's print in ``image`` pixels, or None."""
    scale = WORK_SIDE / max(image.size)
    pixels = np.asarray(grey_copy(image, scale), dtype=np.float32)
    inner = inside_border(pixels)
    if inner is None:
        return None
    left, top, right, bottom = inner
    page = pixels[top:bottom, left:right]
    if np.median(np.concatenate([page[:, :5].ravel(), page[:, -5:].ravel()])) < BRIGHT_PAGE:
        return None  # not a white page: a dark table is the plain crop's case
    ink = print_mask(page)
    columns = dense_columns(ink)
    if columns is None:
        return None
    rows = np.flatnonzero(text_rows(ink[:, columns[0]:columns[1]]))
    if len(rows) == 0:
        return None
    reach = max(2, round(REACH * ink.shape[1]))
    columns = grow(ink[rows[0]:rows[-1] + 1].sum(axis=0) >= 2, columns, reach)
    rows = grow(text_rows(ink[:, columns[0]:columns[1]]), (rows[0], rows[-1] + 1), reach)
    pad = MARGIN * max(pixels.shape)
    box = (max(0, left + columns[0] - pad), max(0, top + rows[0] - pad),
           min(pixels.shape[1], left + columns[1] + pad), min(pixels.shape[0], top + rows[1] + pad))
    if (box[2] - box[0]) * (box[3] - box[1]) > MAX_AREA * pixels.size:
        return None
    return tuple(round(v / scale) for v in box)


def inside_border(pixels: np.ndarray) -> tuple[int, int, int, int] | None:
    """The photo without the dark rows and columns along its edges."""
    columns = np.flatnonzero(np.median(pixels, axis=0) >= BORDER)
    rows = np.flatnonzero(np.median(pixels, axis=1) >= BORDER)
    if len(columns) < 20 or len(rows) < 20:
        return None
    trim = 2 + pixels.shape[1] // 100  # the shadow along a border fades out gradually
    return (int(columns[0]) + trim, int(rows[0]) + trim, int(columns[-1]) + 1 - trim,
            int(rows[-1]) + 1 - trim)


def print_mask(pixels: np.ndarray) -> np.ndarray:
    """True where there is print: much darker than the brightest paper within 4 pixels."""
    return pixels < 0.75 * spread(pixels, 9, np.maximum)


def dense_columns(ink: np.ndarray) -> tuple[int, int] | None:
    """From the first to the last column crossing many separate pieces of print (lines of
    text, not one solid blot like a punch hole or a stamp)."""
    starts = (ink[1:] & ~ink[:-1]).sum(axis=0)
    busy = np.convolve(starts, np.ones(5) / 5, mode="same")
    if busy.max() < 5:
        return None
    dense = np.flatnonzero(busy >= DENSE * busy.max())
    return int(dense[0]), int(dense[-1]) + 1


def text_rows(ink: np.ndarray) -> np.ndarray:
    """Rows with print: a few inked pixels, in runs of at least two rows (a single inked
    row is a speck or a scratch, not a line of text)."""
    inked = ink.sum(axis=1) >= max(2, 0.01 * ink.shape[1])
    return inked & (np.roll(inked, 1) | np.roll(inked, -1))
