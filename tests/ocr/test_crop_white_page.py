"""A receipt scanned on a white page is cropped around its print without losing any; a
cropped scan and a full page of print are left alone (real pixels, real tesseract)."""
import numpy as np
from PIL import Image, ImageDraw

from ocr import TesseractEngine, prepare
from ocr.prepare.steps import find_paper
from ocr.prepare.text_block import text_block_box
from ocr.synthetic.crop_check import measure
from ocr.synthetic.scenes import scene
from tests.ocr.synthetic import render_receipt

ROWS = [("BIOMARKT SONNE", ""), ("Hauptstrasse 5", ""), ("02.03.2026 12:41", "")] + [
    (f"Artikel {n}", f"{n},99 A") for n in range(1, 13)] + [("SUMME EUR", "78,88")] + [
    ("", "")] * 6 + [("Vielen Dank", "")]  # a footer far below the rest


def on_white_page(paper: Image.Image, at=(300, 260), holes=True, border=True) -> Image.Image:
    """The receipt, a little greyer than the page, on a white A4 page with punch holes and
    the scanner's dark edge, as a flatbed scan of the whole page shows it."""
    width = paper.width * 3
    page = Image.new("RGB", (width, int(width * 1.414)), (250, 250, 250))
    draw = ImageDraw.Draw(page)
    if holes:
        for y in (0.35, 0.65):
            draw.ellipse([50, page.height * y - 28, 106, page.height * y + 28], fill=(170,) * 3)
    page.paste(paper.point(lambda v: int(v * 0.93)), at)
    if border:
        draw.rectangle([0, 0, 14, page.height], fill=(30, 30, 30))
    return page


def ink_box(image: Image.Image) -> tuple[int, int, int, int]:
    dark = np.asarray(image.convert("L")) < 128
    rows, columns = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    return columns[0], rows[0], columns[-1] + 1, rows[-1] + 1


def test_a_receipt_on_a_white_page_is_cropped_around_all_its_print():
    paper = render_receipt(ROWS)
    at = (300, 260)
    page = on_white_page(paper, at)
    left, top, right, bottom = text_block_box(page)
    ink_left, ink_top, ink_right, ink_bottom = ink_box(paper)
    assert left <= at[0] + ink_left - 20 and right >= at[0] + ink_right + 20
    assert top <= at[1] + ink_top - 20 and bottom >= at[1] + ink_bottom + 20
    assert (right - left) * (bottom - top) < 0.3 * page.width * page.height
    assert left > 150  # the punch holes and the scanner's edge are left out


def test_prepare_reads_the_whole_receipt_from_the_page():
    image = prepare([on_white_page(render_receipt(ROWS), at=(900, 1500))])
    assert image.width < 1000
    text = TesseractEngine().read(image).text
    for expected in ("BIOMARKT SONNE", "SUMME EUR", "78,88", "Vielen Dank"):
        assert expected in text


def test_a_cropped_scan_is_left_as_it_is():
    paper = render_receipt(ROWS)
    assert text_block_box(paper) is None
    assert find_paper(paper) is None


def test_a_page_full_of_print_is_not_cropped():
    letter = render_receipt([(f"Zeile {n} " + "text " * 20, "") for n in range(60)], width=2000)
    assert text_block_box(letter) is None


def test_a_receipt_on_a_dark_table_keeps_the_plain_crop():
    paper = render_receipt(ROWS)
    photo = Image.new("RGB", (paper.width * 2, int(paper.height * 1.3)), (70, 60, 50))
    photo.paste(paper, (paper.width // 3, paper.height // 10))
    assert text_block_box(photo) is None


def test_the_crop_measure_sees_generated_receipts_kept_whole():
    for white_page in (False, True):
        photo, _, ink, paper = scene(11, white_page=white_page)
        result = measure(photo, ink, paper)
        assert result["whole"] and result["background"] < 0.35
