"""The whole receipt read again by RapidOCR where the first reading is poor, kept only where
it supports the key fields better (real RapidOCR on rendered receipts)."""
from datetime import date
from decimal import Decimal

from PIL import Image

from ocr.parse import parse
from ocr.second_reading.whole_look import mean_confidence, whole_look
from ocr.types import Box, Line, OcrPage, Word
from tests.ocr.synthetic import make_page, render_receipt

TODAY = date(2026, 3, 10)
RECEIPT = [("CORNER SHOP LTD", ""), ("12 High Street", ""), ("02/03/2026 12:41", ""),
           ("Coffee", "3.50"), ("Sandwich", "4.25"), ("TOTAL", "£7.75"),
           ("CASH", "10.00"), ("CHANGE", "2.25")]


def noise_page(image: Image.Image) -> OcrPage:
    """What a poor first reading looks like: a few fragments read at low confidence."""
    words = [Word(text, Box(20 + 60 * i, 40, 50, 30), 0.2)
             for i, text in enumerate(["~a", "Il", "rn,", "=e"])]
    return OcrPage(image.width, image.height, [Line(words)], engine="tesseract")


def test_a_poor_first_reading_is_replaced_by_a_better_supported_one():
    image = render_receipt(RECEIPT)
    first_page = noise_page(image)
    first = parse(first_page, today=TODAY)
    assert first.needs_review and mean_confidence(first_page) < 0.5
    page, receipt = whole_look(image, first_page, first, TODAY)
    assert page.engine == "rapidocr" and page is not first_page
    assert receipt.total == Decimal("7.75") and receipt.purchase_date == date(2026, 3, 2)
    assert "cornershop" in (receipt.merchant or "").lower().replace(" ", "")  # spaces dropped


def test_a_good_first_reading_is_kept_without_reading_again():
    image = render_receipt(RECEIPT)
    first_page = make_page([" ".join(part for part in row if part) for row in RECEIPT])
    first = parse(first_page, today=TODAY)
    assert not first.needs_review
    assert whole_look(image, first_page, first, TODAY) == (first_page, first)


def test_a_second_reading_no_better_is_not_kept():
    blank = Image.new("RGB", (640, 480), "white")
    first_page = noise_page(blank)
    first = parse(first_page, today=TODAY)
    assert whole_look(blank, first_page, first, TODAY) == (first_page, first)


def confident_misreading() -> OcrPage:
    """A first reading sure of its words that still misses the total: the amount misread."""
    rows = ["CORNER SHOP LTD", "12 High Street", "02/03/2026 12:41", "Coffee 3.50",
            "Sandwich 4.25", "TOTAL E7.7S", "CASH 10.00", "CHANGE 2.25"]
    return make_page(rows, engine="tesseract")


def test_a_sure_reading_that_leaves_a_key_field_in_doubt_is_read_again_only_when_in_doubt():
    image = render_receipt(RECEIPT)
    first_page = confident_misreading()
    first = parse(first_page, today=TODAY)
    assert first.needs_review and mean_confidence(first_page) >= 0.7
    assert whole_look(image, first_page, first, TODAY) == (first_page, first)  # not poor
    page, receipt = whole_look(image, first_page, first, TODAY, in_doubt=True)
    assert page.engine == "rapidocr" and receipt.total == Decimal("7.75")
    assert receipt.purchase_date == date(2026, 3, 2)
