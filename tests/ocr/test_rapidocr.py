"""RapidOCR (models inside its wheel, no download) behind the same interface as tesseract."""
from datetime import date
from decimal import Decimal

from ocr import OcrPage, parse, prepare
from ocr.read.engine import make_engine
from tests.ocr.synthetic import render_receipt
from tests.ocr.test_tesseract import ROWS


def test_rapidocr_reads_a_receipt_into_lines_with_boxes_in_image_coordinates():
    image = prepare([render_receipt(ROWS)])
    page = make_engine("rapidocr").read(image)
    assert isinstance(page, OcrPage) and (page.width, page.height) == image.size
    assert page.engine == "rapidocr"
    line = next(line for line in page.lines if "Rotwein" in line.text)
    assert line.text.replace(" ", "").endswith("6,99B")
    assert all(0 <= w.box.left and w.box.right <= image.width + 2 for w in page.words)
    receipt = parse(page, today=date(2026, 3, 10))
    assert receipt.total == Decimal("12.76")
    assert receipt.items_add_up


def test_recognise_lines_reads_crops_of_single_lines_without_detection():
    from ocr.read.rapid import recognise_lines
    image = render_receipt([("Rotwein", "6,99 B"), ("SUMME EUR", "12,76")])
    width = image.width
    crops = [image.crop((width // 2, 20, width, 62)), image.crop((width // 2, 58, width, 100))]
    readings = recognise_lines(crops)
    assert [text.replace(" ", "") for text, _ in readings] == ["6,99B", "12,76"]
    assert all(0.5 < score <= 1.0 for _, score in readings)
    assert recognise_lines([]) == []
