"""Receipts photographed at an angle come out rectangular and readable (real pixels and
real tesseract, no mocks)."""
import numpy as np
import pytest
from PIL import Image

from ocr import TesseractEngine, prepare
from ocr.prepare.geometry import Crop, Warp
from ocr.prepare.perspective import find_corners, perspective_coefficients
from ocr.prepare.steps import find_paper
from tests.ocr.synthetic import render_receipt

ROWS = [("BIOMARKT SONNE", ""), ("Hauptstrasse 5", ""), ("02.03.2026 12:41", "")] + [
    (f"Artikel {n}", f"{n},99 A") for n in range(1, 16)] + [("SUMME EUR", "134,85")]
TABLE = (60, 50, 45)


def photographed(paper: Image.Image, inset: float, angle: float = 0.0):
    """The paper on a table, seen with the top edge ``inset`` (share of the paper's width)
    narrower at each side and turned ``angle`` degrees; returns the photo and the paper's
    corners in it (top-left, top-right, bottom-right, bottom-left)."""
    left, top = paper.width // 3, paper.height // 8
    photo = Image.new("RGB", (int(paper.width * 1.7), int(paper.height * 1.25)), TABLE)
    photo.paste(paper, (left, top))
    w, h, shift = paper.width, paper.height, inset * paper.width
    flat = [(left, top), (left + w, top), (left + w, top + h), (left, top + h)]
    seen = [(left + shift, top), (left + w - shift, top), (left + w, top + h), (left, top + h)]
    # each output pixel (a point of ``seen``) is taken from its point of ``flat``
    photo = photo.transform(photo.size, Image.Transform.PERSPECTIVE,
                            perspective_coefficients(seen, flat), Image.Resampling.BICUBIC,
                            fillcolor=TABLE)
    if angle:
        centre = (photo.width / 2, photo.height / 2)
        photo = photo.rotate(angle, resample=Image.Resampling.BICUBIC, center=centre,
                             fillcolor=TABLE)
        turn = np.radians(angle)
        seen = [(centre[0] + (x - centre[0]) * np.cos(turn) + (y - centre[1]) * np.sin(turn),
                 centre[1] - (x - centre[0]) * np.sin(turn) + (y - centre[1]) * np.cos(turn))
                for x, y in seen]
    return photo, seen


def paper_sides(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Left and right end of the bright paper in each row of the middle half."""
    grey = np.asarray(image.convert("L"), dtype=np.float32)
    rows = grey[grey.shape[0] // 4: 3 * grey.shape[0] // 4]
    bright = rows > 200
    # the paper is the long bright run; print inside it is bridged by taking first and last
    lefts = np.array([np.flatnonzero(r)[0] for r in bright])
    rights = np.array([np.flatnonzero(r)[-1] for r in bright])
    return lefts, rights


@pytest.mark.parametrize("inset, angle", [(0.06, 0.0), (0.04, 3.0), (0.05, -2.0)])
def test_the_corners_of_paper_seen_at_an_angle_are_found(inset, angle):
    paper = render_receipt(ROWS)
    photo, seen = photographed(paper, inset, angle)
    corners = find_corners(photo)
    assert corners is not None
    for (x, y), (tx, ty) in zip(corners, seen):
        assert abs(x - tx) < 0.02 * paper.width + 6 and abs(y - ty) < 0.02 * paper.height + 6


def test_a_receipt_seen_at_an_angle_comes_out_rectangular_and_reads_right():
    paper = render_receipt(ROWS)
    photo, _ = photographed(paper, 0.06, 2.0)
    before_lefts, before_rights = paper_sides(photo)
    assert max(np.ptp(before_lefts), np.ptp(before_rights)) > 20  # visibly slanted sides
    assert isinstance(find_paper(photo), Warp)
    image = prepare([photo])
    lefts, rights = paper_sides(image)
    assert np.ptp(lefts) <= 4 and np.ptp(rights) <= 4  # the sides are now upright
    text = TesseractEngine().read(image).text
    for expected in ("BIOMARKT SONNE", "Artikel 15", "SUMME EUR", "134,85"):
        assert expected in text


def test_paper_lying_straight_is_only_cropped():
    paper = render_receipt(ROWS)
    photo, _ = photographed(paper, 0.0)
    assert find_corners(photo) is None
    assert isinstance(find_paper(photo), Crop)


def test_paper_running_off_the_photo_is_not_warped():
    """Where a side is the photo's own border the paper's shape is unknown: no warp."""
    paper = render_receipt(ROWS)
    photo, _ = photographed(paper, 0.05)
    cut = photo.crop((paper.width // 3 + paper.width // 10, 0, photo.width, photo.height))
    assert find_corners(cut) is None
