"""A cheap first look at whether a page is upside down, before any test-reading.

Letters stand on a dense baseline, while only capitals, digits and ascenders reach up to
the top of a printed line and few letters hang below it. So in each printed line (found per
narrow strip of the page, with the lines levelled) the bottom quarter holds more ink than
the top quarter; turned over, the top does. ``print_asymmetry`` is that difference over
all lines, -1 to 1: clearly positive on upright print (0.08 to 0.27 on 42 of the 48 real
scans), near 0 on lines of capitals and digits only, and the opposite sign upside down. It
is a screen, not a verdict: pages below ``SCREEN_BELOW`` are test-read both ways.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.prepare.geometry import grey_copy
from ocr.read.lighting import even_lighting
from ocr.runs import runs

WORK_SIDE = 1200  # long side of the copy: a printed line is still 8-15 pixels high
STRIP = 128  # columns analysed together (short enough for lines left slightly askew)
LINE_HEIGHTS = (6, 60)  # runs of inked rows of these heights are printed lines


def print_asymmetry(image: Image.Image, level_angle: float = 0.0) -> float:
    """Ink in the bottom quarter of the printed lines less ink in their top quarter, over
    both; ``level_angle`` (degrees counter-clockwise) levels the lines first."""
    scale = min(1.0, WORK_SIDE / max(image.size))
    grey = even_lighting(grey_copy(image, scale))
    if level_angle:
        grey = grey.rotate(level_angle, resample=Image.Resampling.BILINEAR, expand=True,
                           fillcolor=255)
    ink = np.asarray(grey) < 128
    top = bottom = 0.0
    for left in range(0, ink.shape[1], STRIP):
        rows = ink[:, left:left + STRIP].sum(axis=1)
        for start, end in runs(rows > 0):
            if LINE_HEIGHTS[0] <= end - start <= LINE_HEIGHTS[1]:
                quarter = max(1, (end - start) // 4)
                top += rows[start:start + quarter].sum()
                bottom += rows[end - quarter:end].sum()
    return float((bottom - top) / max(1.0, bottom + top))
