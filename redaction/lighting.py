"""Even out the lighting of a photo before reading it again.

A receipt photographed with light from one side is dark at one edge; tesseract, after a
global contrast stretch, may then read nothing there, and a first OCR pass misses what is
printed there. Verification reads the painted image through this correction, so what a
person could still read in the dark part is found and covered (or the receipt removed).
"""
from __future__ import annotations

from PIL import Image, ImageFilter

from imaging.lighting import divide_by_paper

SCALE = 8  # the paper's brightness is estimated on an image this many times smaller


def flatten_lighting(image: Image.Image) -> Image.Image:
    """A greyscale copy, same size, divided by its estimated paper brightness."""
    grey = image.convert("L")
    small = (grey.width // SCALE, grey.height // SCALE)
    return divide_by_paper(grey, small, Image.Resampling.BOX, cutoff=1)


def erase_paint(image: Image.Image) -> Image.Image:
    """A greyscale copy with solid black paint (blocks of pure black at least 5 px across)
    turned white, so a reading of a painted image is not thrown by the black bars."""
    grey = image.convert("L")
    solid = grey.filter(ImageFilter.MaxFilter(5)).point(lambda value: 255 if value == 0 else 0)
    paint = solid.filter(ImageFilter.MaxFilter(5))
    return Image.composite(Image.new("L", grey.size, 255), grey, paint)
