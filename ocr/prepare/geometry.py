"""The geometric steps ``prepare`` takes on a page, kept so they can be replayed.

Each step is decided on the page as it stands and then applied; the list of steps taken can
be applied again to another image of the same size (a mask of where the receipt lies, in
the crop measurement of ``ocr.synthetic.outline``) with another fill colour.
"""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True)
class Crop:
    box: tuple[int, int, int, int]

    def apply(self, image: Image.Image, fill="white") -> Image.Image:
        return image.crop(self.box)

    def outline(self) -> list[tuple[float, float]]:
        """The corners of what the step keeps, in the pixels of the image it is applied to
        (top-left, top-right, bottom-right, bottom-left)."""
        left, top, right, bottom = self.box
        return [(left, top), (right, top), (right, bottom), (left, bottom)]


@dataclass(frozen=True)
class Warp:
    size: tuple[int, int]
    coefficients: tuple[float, ...]

    def apply(self, image: Image.Image, fill="white") -> Image.Image:
        return image.transform(self.size, Image.Transform.PERSPECTIVE, self.coefficients,
                               Image.Resampling.BICUBIC, fillcolor=fill)

    def outline(self) -> list[tuple[float, float]]:
        """The corners of what the step keeps, in the pixels of the image it is applied to
        (top-left, top-right, bottom-right, bottom-left)."""
        a, b, c, d, e, f, g, h = self.coefficients
        width, height = self.size
        return [((a * x + b * y + c) / (g * x + h * y + 1),
                 (d * x + e * y + f) / (g * x + h * y + 1))
                for x, y in [(0, 0), (width, 0), (width, height), (0, height)]]


@dataclass(frozen=True)
class Rotate:
    degrees: float  # counter-clockwise; quarter turns are exact

    def apply(self, image: Image.Image, fill="white") -> Image.Image:
        if self.degrees % 90 == 0:
            return image.rotate(self.degrees, expand=True)
        return image.rotate(self.degrees, resample=Image.Resampling.BICUBIC, expand=True,
                            fillcolor=fill)


Step = Crop | Warp | Rotate


def grey_copy(image: Image.Image, scale: float) -> Image.Image:
    """A greyscale copy scaled by ``scale`` (at least a pixel a side), for analysis. A large
    reduction first averages boxes of pixels (``reducing_gap``): a 2552 x 3508 scan to 400 px
    in 9 ms instead of 28 ms, and prepare shrinks each page four or five times."""
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.convert("L").resize(size, reducing_gap=2.0)


def replay(image: Image.Image, steps: list[Step], fill="white") -> Image.Image:
    for step in steps:
        image = step.apply(image, fill)
    return image
