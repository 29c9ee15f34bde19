"""Turn the pages of one receipt into the single RGB image that OCR reads and redaction paints.

Each page is cropped to the receipt (warped to a rectangle when photographed at an angle;
on a white page, cropped around its print) and put upright (quarter turns, small skew); the pages
are stitched with their overlap removed; the result is scaled so that a printed line is
about ``TARGET_LINE_HEIGHT`` pixels high. Every geometric change happens here, so word boxes
from any engine are in the coordinates of the image ``prepare`` returns.
"""
from __future__ import annotations

from collections.abc import Iterator

from PIL import Image

from ocr.prepare.crop import analysis_copy, box_in_copy
from ocr.prepare.geometry import Crop, Step, replay
from ocr.prepare.line_height import TARGET_LINE_HEIGHT, estimate_line_height
from ocr.prepare.orient import upright_steps
from ocr.prepare.perspective import corners_in_copy, warp_step
from ocr.prepare.print_map import grown_to_print, print_kept, print_map
from ocr.prepare.stitch import stitch
from ocr.prepare.text_block import text_block_box

MIN_SCALE, MAX_SCALE = 0.25, 4.0  # small text is enlarged (see ocr.prepare.line_height)
MAX_PIXELS = 16_000_000  # never produce more than this, whatever the estimate says
# A crop keeping less of the photo's print than this took the wrong bright patch (a lit
# table beside grey paper) or one block of print of a receipt filling the photo. Measured
# share kept: 0.56-1.0 by the crops of the 48 real scans and by the good ones of 55 US
# phone photos (0.43 on a wood table whose grain counts as print), 0.00 and 0.13 by two bad.
MIN_PRINT_KEPT = 0.3
ALL_PRINT = 0.9  # a crop keeping less of the print than this is made longer where print goes on


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
    darker background, else a crop to the print on a white page, else none; each only when
    it keeps at least ``MIN_PRINT_KEPT`` of the photo's print (``ocr.prepare.print_map``). A crop
    to paper on a darker background leaving print out is made longer first, while the print
    goes on above or below it (the end of the paper in a shadow)."""
    bright, scale = analysis_copy(page)
    print_ = None
    for step, on_background in paper_steps(page, bright, scale):
        print_ = print_ or print_map(page)
        kept = print_kept(step.outline(), *print_)
        if on_background and kept < ALL_PRINT:
            step = Crop(within(grown_to_print(step.box, *print_), page.size))
            kept = print_kept(step.outline(), *print_)
        if kept >= MIN_PRINT_KEPT:
            return step
    return None


def within(box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    return max(0, left), max(0, top), min(size[0], right), min(size[1], bottom)


def paper_steps(page: Image.Image, bright, scale: float) -> Iterator[tuple[Step, bool]]:
    """The ways to the paper, surest first (each worked out only when asked for), and
    whether each is a crop to paper on a darker background."""
    corners = corners_in_copy(bright, scale)
    if corners is not None:
        yield warp_step(corners), False
    box = box_in_copy(bright, scale)
    if box is not None:
        yield Crop(box), True
    box = text_block_box(page)  # grown around its print already
    if box is not None:
        yield Crop(box), False


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
