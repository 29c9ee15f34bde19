"""Even out the lighting of a greyscale receipt image.

The paper's own brightness is estimated everywhere (a large maximum filter on a small copy
removes the print, a blur smooths it) and each pixel is divided by it, so paper becomes
white wherever it lies, in shadow or flash, and the print keeps its contrast against it.
Then the darkest print is stretched to black.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter, ImageOps


def divide_by_paper(grey: Image.Image, small_size: tuple[int, int],
                    resample: Image.Resampling = Image.Resampling.BICUBIC,
                    cutoff: float | tuple[float, float] = 1) -> Image.Image:
    """Same-size greyscale image divided by the paper's brightness, estimated on a copy of
    ``small_size`` (``resample``: how that copy is made); ``cutoff``: the share of darkest
    (and lightest) pixels ignored when stretching the contrast, as ``ImageOps.autocontrast``."""
    small = grey.resize((max(1, small_size[0]), max(1, small_size[1])), resample)
    paper = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(4))
    paper = np.asarray(paper.resize(grey.size, Image.Resampling.BILINEAR), dtype=np.float32)
    pixels = np.asarray(grey, dtype=np.float32)
    flat = np.clip(pixels / np.maximum(paper, 1.0) * 255.0, 0, 255).astype(np.uint8)
    return ImageOps.autocontrast(Image.fromarray(flat), cutoff=cutoff)
