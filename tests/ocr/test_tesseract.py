"""Real tesseract on synthetic receipts (no mocks)."""
from datetime import date
from decimal import Decimal

from PIL import Image

from ocr import OcrPage, TesseractEngine, prepare, read_receipt
from tests.ocr.synthetic import render_receipt

ROWS = [
    ("BIOMARKT SONNE", ""),
    ("Hauptstrasse 5, 10115 Berlin", ""),
    ("Datum 02.03.2026 12:41", ""),
    ("", ""),
    ("Vollmilch 1L", "1,29 A"),
    ("Roggenbrot", "2,49 A"),
    ("Bio Bananen", "1,99 A"),
    ("Rotwein", "6,99 B"),
    ("", ""),
    ("SUMME EUR", "12,76"),
    ("BAR", "20,00"),
    ("RUECKGELD", "7,24"),
]


def test_read_receipt_finds_merchant_date_total_and_items():
    image, page, receipt = read_receipt([render_receipt(ROWS)], today=date(2026, 3, 10))
    assert image.mode == "RGB"
    assert receipt.merchant == "Biomarkt Sonne"
    assert receipt.purchase_date == date(2026, 3, 2)
    assert receipt.total == Decimal("12.76")
    assert [i.amount for i in receipt.items] == [
        Decimal("1.29"), Decimal("2.49"), Decimal("1.99"), Decimal("6.99")]
    assert receipt.items_add_up
    assert "Roggenbrot" in page.lines[receipt.items[1].line_index].text


def test_description_and_price_share_one_line_with_boxes_in_image_coordinates():
    image = prepare([render_receipt(ROWS)])
    page = TesseractEngine().read(image)
    assert isinstance(page, OcrPage) and (page.width, page.height) == image.size
    line = next(line for line in page.lines if line.text.startswith("Rotwein"))
    assert line.text.endswith("6,99 B")
    assert all(0 <= w.box.left and w.box.right <= image.width for w in page.words)
    assert all(0.0 <= w.confidence <= 1.0 and w.text.strip() for w in page.words)
    assert [line.box.top for line in page.lines] == sorted(line.box.top for line in page.lines)


def test_two_pages_are_stitched_top_to_bottom_on_white():
    first = Image.new("RGB", (400, 300), "red")
    second = Image.new("RGB", (300, 200), "blue")
    image = prepare([first, second])
    assert image.mode == "RGB"
    scale = image.width / 400
    assert abs(image.height - 500 * scale) <= 1
    assert image.getpixel((image.width // 2, int(150 * scale))) == (255, 0, 0)
    assert image.getpixel((image.width // 2, int(400 * scale)))[2] > 200
    assert image.getpixel((2, int(400 * scale))) == (255, 255, 255)


def test_stitched_receipt_reads_both_pages():
    top = render_receipt(ROWS[:8])
    bottom = render_receipt(ROWS[8:], width=560)
    _, _, receipt = read_receipt([top, bottom], today=date(2026, 3, 10))
    assert receipt.merchant == "Biomarkt Sonne"
    assert receipt.total == Decimal("12.76")
