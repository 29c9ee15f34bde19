"""Even out lighting and contrast: shadows, uneven flash and faded thermal paper.

The paper's own brightness is estimated everywhere (a large maximum filter on a small copy
removes the print, a blur smooths it) and each pixel is divided by it, so paper becomes
white wherever it lies and the print keeps its contrast against it. Then the darkest print
is stretched to black.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter, ImageOps

WORK_SIDE = 300


def even_lighting(grey: Image.Image) -> Image.Image:
    """Same-size greyscale image with the paper flattened to white."""
    scale = min(1.0, WORK_SIDE / max(grey.size))
    small = grey.resize((max(1, round(grey.width * scale)), max(1, round(grey.height * scale))))
    paper = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(4))
    paper = np.asarray(paper.resize(grey.size, Image.Resampling.BILINEAR), dtype=np.float32)
    pixels = np.asarray(grey, dtype=np.float32)
    flat = np.clip(pixels / np.maximum(paper, 1.0) * 255.0, 0, 255).astype(np.uint8)
    return ImageOps.autocontrast(Image.fromarray(flat), cutoff=(1, 0))


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
