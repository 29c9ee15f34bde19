"""Phone photos as people take them: small photos, small print, dot-matrix print
(generated pixels and real tesseract, no mocks)."""
import numpy as np
from PIL import Image

from ocr import TesseractEngine, prepare
from ocr.prepare.line_height import TARGET_LINE_HEIGHT, estimate_line_height
from ocr.prepare.orient import upright_steps
from ocr.prepare.steps import find_paper
from tests.ocr.synthetic import render_receipt

ROWS = [("CHRIS'S HAMBURGERS", ""), ("7701 ATLANTIC AVE.", ""), ("DATE 07/22/2018 SUN", "")] + [
    ("TAXABLE T1", f"${n}.{n}9") for n in range(1, 12)] + [("TOTAL", "$51.82"),
                                                           ("CASH", "$51.82")]
LINE_HEIGHT = 30  # of render_receipt's print at its default font size


def shrunk(image: Image.Image, scale: float) -> Image.Image:
    return image.resize((round(image.width * scale), round(image.height * scale)),
                        Image.Resampling.BILINEAR)


def on_table(paper: Image.Image, colour=(70, 60, 50)) -> Image.Image:
    photo = Image.new("RGB", (int(paper.width * 1.5), int(paper.height * 1.2)), colour)
    photo.paste(paper, (paper.width // 4, paper.height // 10))
    return photo


def dot_matrix(paper: Image.Image, pitch: int = 3, ink=(130, 110, 170)) -> Image.Image:
    """The print as a dot-matrix printer makes it: one dot every ``pitch`` pixels, pale."""
    print_ = np.asarray(paper.convert("L")) < 128
    rows, columns = np.mgrid[:print_.shape[0], :print_.shape[1]]
    pixels = np.full(print_.shape + (3,), 235, np.uint8)
    pixels[print_ & (rows % pitch == 0) & (columns % pitch == 0)] = ink
    return Image.fromarray(pixels)


def grey_paper_beside_a_lit_patch(paper: Image.Image) -> Image.Image:
    """Grey-lit paper on a grey table, and at the photo's edge a patch of table in the light,
    brighter than the paper."""
    photo = Image.new("RGB", (int(paper.width * 1.4), int(paper.height * 1.15)), (125,) * 3)
    photo.paste(paper.point(lambda value: int(value * 150 / 255)),
                (paper.width // 10, paper.height // 14))
    patch = int(photo.width * 0.14)
    photo.paste((235, 235, 235), (photo.width - patch, 0, photo.width, photo.height))
    return photo


def end_in_shadow(photo: Image.Image, start: float = 0.6, light: float = 0.6) -> Image.Image:
    """The photo with its lower part, from ``start`` of its height, in a shadow."""
    top = round(photo.height * start)
    shaded = photo.crop((0, top, photo.width, photo.height)).point(lambda v: int(v * light))
    photo = photo.copy()
    photo.paste(shaded, (0, top))
    return photo


def test_small_print_is_enlarged_to_the_working_line_height():
    photo = on_table(shrunk(render_receipt(ROWS), 0.3))  # printed lines about 9 px high
    image = prepare([photo])
    assert image.width > photo.width  # enlarged, not kept at the photo's size
    assert abs(estimate_line_height(image) - TARGET_LINE_HEIGHT) <= 4
    text = TesseractEngine(lang="eng").read(image).text
    assert "HAMBURGERS" in text and "51.82" in text


def test_dot_matrix_print_gives_no_line_height_from_its_dots():
    # the dots make runs of a pixel or two: no estimate rather than a tiny one (which
    # would enlarge the page fourfold)
    height = estimate_line_height(dot_matrix(render_receipt(ROWS)))
    assert height is None or height >= 0.6 * LINE_HEIGHT


def test_small_dot_matrix_print_that_reads_poorly_either_way_is_not_turned_over():
    for pitch, ink in ((3, (90, 70, 130)), (3, (130, 110, 170)), (2, (90, 70, 130))):
        photo = shrunk(dot_matrix(render_receipt(ROWS), pitch, ink), 0.3)
        assert upright_steps(photo) == [], (pitch, ink)


def test_a_bright_patch_without_the_print_is_not_taken_for_the_paper():
    photo = grey_paper_beside_a_lit_patch(render_receipt(ROWS))
    step = find_paper(photo)
    assert step is None or step.apply(photo).width > photo.width // 2
    text = TesseractEngine(lang="eng").read(prepare([photo])).text
    assert "HAMBURGERS" in text and "51.82" in text


def test_the_end_of_a_receipt_in_a_shadow_is_kept():
    paper = render_receipt(ROWS)
    photo = end_in_shadow(on_table(paper))
    left, top, right, bottom = find_paper(photo).box
    assert bottom >= paper.height // 10 + paper.height - 40  # the last line, in the shadow
    assert right - left < 0.8 * photo.width  # still cropped to the paper
