"""Several photos of one long receipt, top to bottom, with the overlap between them removed.

People photograph a long receipt in parts that overlap a little. The overlap is found by
sliding the top of each page over the bottom of the one before (on small grey copies of
equal width) and taking the shift where they agree best; it is cut off the later page.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

WORK_WIDTH = 96
MIN_OVERLAP = 4  # rows of the small copy
MAX_DIFFERENCE = 12.0  # mean grey difference (0-255) under which rows are the same print
SAME_PRINT = 0.3  # ... and under this share of the rows' own contrast (standard deviation)


def stitch(pages: list[Image.Image]) -> Image.Image:
    """One RGB image as wide as the widest page; narrower pages centred on white."""
    if len(pages) == 1:
        return pages[0]
    width = max(page.width for page in pages)
    pages = [pages[0]] + [drop_overlap(before, page) for before, page in zip(pages, pages[1:])]
    canvas = Image.new("RGB", (width, sum(page.height for page in pages)), "white")
    top = 0
    for page in pages:
        canvas.paste(page, ((width - page.width) // 2, top))
        top += page.height
    return canvas


def drop_overlap(before: Image.Image, page: Image.Image) -> Image.Image:
    rows = overlap_rows(before, page)
    return page.crop((0, rows, page.width, page.height)) if rows else page


def overlap_rows(before: Image.Image, page: Image.Image) -> int:
    """How many of ``page``'s top rows repeat the bottom of ``before`` (0 when none do)."""
    upper, lower = small_grey(before), small_grey(page)
    best, best_difference = 0, MAX_DIFFERENCE
    for rows in range(MIN_OVERLAP, min(len(upper), len(lower)) // 2):
        tail, head = upper[-rows:], lower[:rows]
        if tail.std() < 5:  # blank paper matches anything
            continue
        difference = float(np.abs(tail - head).mean())
        # the same print, not a strip of paper with a little ink that looks alike: far less
        # difference than the strip's own contrast
        if difference < best_difference and difference < SAME_PRINT * float(tail.std()):
            best, best_difference = rows, difference
    return round(best * page.width / WORK_WIDTH)


def small_grey(image: Image.Image) -> np.ndarray:
    height = max(1, round(image.height * WORK_WIDTH / image.width))
    return np.asarray(image.convert("L").resize((WORK_WIDTH, height)), dtype=np.float32)
