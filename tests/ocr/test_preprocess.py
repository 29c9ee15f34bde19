"""Finding, straightening and stitching the receipt before OCR (real pixels, no mocks)."""
import numpy as np
from PIL import Image, ImageFilter

from ocr import TesseractEngine, prepare
from ocr.prepare.crop import maximum_filter, receipt_box
from ocr.prepare.geometry import Rotate
from ocr.prepare.orient import SCREEN_BELOW, ink_mask, skew_angle, upright, upright_steps
from ocr.prepare.stitch import overlap_rows, stitch
from ocr.prepare.upside_down import print_asymmetry
from tests.ocr.synthetic import render_receipt

ROWS = [("BIOMARKT SONNE", ""), ("Hauptstrasse 5", ""), ("02.03.2026 12:41", "")] + [
    (f"Artikel {n}", f"{n},99 A") for n in range(1, 13)] + [("SUMME EUR", "78,88")]


def on_table(paper: Image.Image, colour=(70, 60, 50)) -> Image.Image:
    photo = Image.new("RGB", (paper.width * 2, int(paper.height * 1.3)), colour)
    photo.paste(paper, (paper.width // 3, paper.height // 10))
    return photo


def test_receipt_is_cropped_out_of_a_dark_background():
    paper = render_receipt(ROWS)
    left, top, right, bottom = receipt_box(on_table(paper))
    assert abs(left - paper.width // 3) < 20 and abs(right - (paper.width // 3 + paper.width)) < 20
    assert abs(top - paper.height // 10) < 20 and bottom - top > 0.95 * paper.height


def test_a_cropped_scan_is_left_alone():
    assert receipt_box(render_receipt(ROWS)) is None


def test_the_maximum_filter_is_pillows_pixel_for_pixel():
    """The paper finder fills print in with a fast maximum filter; it must stay Pillow's."""
    photo = on_table(render_receipt(ROWS)).convert("L")
    photo = photo.resize((photo.width // 3, photo.height // 3))
    expected = np.asarray(photo.filter(ImageFilter.MaxFilter(5)))
    assert np.array_equal(maximum_filter(np.asarray(photo), 5), expected)


def test_small_skew_is_measured_and_levelled():
    tilted = render_receipt(ROWS).rotate(3, expand=True, fillcolor="white")
    assert skew_angle(ink_mask(tilted))[0] == -3.0
    straight = upright(tilted)
    assert abs(skew_angle(ink_mask(straight))[0]) < 1


def test_a_receipt_photographed_sideways_comes_upright():
    paper = render_receipt(ROWS + ROWS[3:])
    for turn in (90, 270):
        sideways = paper.rotate(turn, expand=True)
        upright_again = upright(sideways)
        assert upright_again.size == paper.size
        assert upright_again.getpixel((40, 40)) == paper.getpixel((40, 40))


def test_overlap_between_two_photos_of_one_receipt_is_removed():
    whole = render_receipt(ROWS)
    top = whole.crop((0, 0, whole.width, 420))
    bottom = whole.crop((0, 300, whole.width, whole.height))
    assert abs(overlap_rows(top, bottom) - 120) <= 8
    assert abs(stitch([top, bottom]).height - whole.height) <= 8


def test_prepare_returns_the_cropped_upright_image_that_boxes_refer_to():
    photo = on_table(render_receipt(ROWS).rotate(2, expand=True, fillcolor="white"))
    image = prepare([photo])
    assert image.mode == "RGB"
    assert image.width < photo.width * 0.7


def test_an_upside_down_receipt_is_turned_over_without_being_asked():
    paper = render_receipt(ROWS)
    assert upright_steps(paper.rotate(180)) == [Rotate(180)]
    assert upright_steps(paper.rotate(182, expand=True, fillcolor="white")) == [Rotate(178)]
    turned_back = prepare([on_table(paper.rotate(180))])
    assert TesseractEngine().read(turned_back).text.startswith("BIOMARKT SONNE")


def test_an_upright_receipt_is_not_turned():
    assert upright_steps(render_receipt(ROWS)) == []
    assert print_asymmetry(render_receipt(ROWS)) > SCREEN_BELOW


def test_different_lines_at_a_page_break_are_not_taken_for_overlap():
    """A strip of paper with a little ink (the tail of a line) looks like the top of the next
    page at low resolution; only the same print counts as overlap."""
    from ocr.prepare.steps import prepare_page
    from ocr.prepare.stitch import overlap_rows
    top = prepare_page(render_receipt([("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""),
                                       ("04.12.2026 14:33", ""), ("Milch 1L", "1,19")]))
    bottom = prepare_page(render_receipt([("Brot", "2,49"), ("Kaese", "3,99"),
                                          ("SUMME EUR", "7,67"), ("VISA", "")]))
    assert overlap_rows(top, bottom) == 0
