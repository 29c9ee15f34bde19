"""Even out lighting and contrast before reading: shadows, uneven flash (the paper divided
by its own brightness, ``imaging.lighting``) and faded thermal paper, show-through and
logos behind the print (``whiten_faint_print``)."""
from __future__ import annotations

import numpy as np
from PIL import Image

from imaging.lighting import divide_by_paper

WORK_SIDE = 300


def even_lighting(grey: Image.Image) -> Image.Image:
    """Same-size greyscale image with the paper flattened to white (its brightness
    estimated on a copy at most ``WORK_SIDE`` pixels long)."""
    scale = min(1.0, WORK_SIDE / max(grey.size))
    small = (round(grey.width * scale), round(grey.height * scale))
    return divide_by_paper(grey, small, cutoff=(1, 0))


def whiten_faint_print(grey: Image.Image, lift: float = 0.0) -> Image.Image:
    """Everything lighter than the ink (Otsu's threshold) becomes paper: show-through from
    the back, watermarks and logos printed behind the items. Ink keeps its grey edges."""
    threshold = otsu_threshold(grey)
    threshold += lift * (255 - threshold)
    return grey.point(lambda value: 255 if value > threshold else value)


def otsu_threshold(grey: Image.Image) -> int:
    """Grey level that best separates ink from paper (Otsu's method on the histogram)."""
    share = np.asarray(grey.histogram(), dtype=np.float64)
    share /= share.sum()
    levels = np.arange(256)
    below = np.cumsum(share)
    mean_below = np.cumsum(share * levels)
    between = (mean_below[-1] * below - mean_below) ** 2 / (below * (1 - below) + 1e-12)
    return int(np.argmax(between))
