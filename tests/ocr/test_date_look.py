"""The second reading of date words with RapidOCR's recogniser: real engines, real pixels."""
import random
from dataclasses import replace
from datetime import date

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocr import TesseractEngine, parse, prepare
from ocr.parse.dates import AGREED, DISPUTED, LONE, LONE_MARKED, ORDER_UNKNOWN
from ocr.second_reading.date_look import candidate_lines, date_look, word_spans
from ocr.types import Line, OcrPage
from tests.ocr.synthetic import DEFAULT_FONT, make_page, render_receipt

TODAY = date(2026, 3, 10)
ROWS = ["LIDL", "Hauptstrasse 5", "", "Vollmilch 1L        1,29 A",
        "Roggenbrot          2,49 A", "zu zahlen           3,78", "Bar                 5,00",
        "Rueckgeld          -1,22", ""]


def barcode_receipt(date_line: str) -> Image.Image:
    """A Lidl-like receipt: a barcode whose bars reach into the date line printed under it,
    slightly blurred like a scan."""
    face = ImageFont.truetype(str(DEFAULT_FONT), 26)
    bars = 90
    image = Image.new("RGB", (640, 24 + 38 * len(ROWS) + bars + 140), "white")
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(ROWS):
        draw.text((24, 24 + 38 * row), text, font=face, fill="black")
    top = 24 + 38 * len(ROWS)
    rng, x = random.Random(3), 90
    while x < 550:
        width = rng.choice([2, 3, 5, 7])
        draw.rectangle((x, top, x + width - 1, top + bars), fill="black")
        x += width + rng.choice([2, 3, 5])
    draw.text((24, top + bars - 4), date_line, font=face, fill="black")
    draw.text((100, top + bars + 36), "UST-ID-NR: DE814689550", font=face, fill="black")
    return image.filter(ImageFilter.GaussianBlur(1.2))


def read(photo: Image.Image):
    image = prepare([photo])
    page = TesseractEngine().read(image)
    return image, page, parse(page, today=TODAY)


def test_date_lost_under_a_barcode_is_found_by_the_second_reading():
    image, page, receipt = read(barcode_receipt("3182  748433/01  02.03.26  15:59"))
    assert receipt.purchase_date is None, "the first reading was to lose the date line"
    looked = date_look(image, page, receipt, TODAY)
    assert looked.purchase_date == date(2026, 3, 2)
    # one reading: marked by its time where the first reading kept the time on that line
    assert looked.confidence["purchase_date"] in (LONE, LONE_MARKED)
    assert looked.total == receipt.total and looked.merchant == receipt.merchant
    assert receipt.purchase_date is None  # the first receipt is left as it was


def test_a_digit_the_first_reading_got_wrong_is_put_right_and_disputed():
    image, page, receipt = read(render_receipt([
        ("ROSSMANN", ""), ("27.02.2026 15:56 Kasse 02", ""), ("Zahnpasta", "1,95 A"),
        ("SUMME EUR", "1,95")]))
    assert receipt.purchase_date == date(2026, 2, 27)
    # tesseract read 21 for this 27 on a real scan: the first reading, garbled likewise
    index = next(i for i, line in enumerate(page.lines) if "27.02.2026" in line.text)
    garbled = garble(page, index, "27.02.2026", "21.02.2026")
    receipt = parse(garbled, today=TODAY)
    assert receipt.purchase_date == date(2026, 2, 21)
    looked = date_look(image, garbled, receipt, TODAY)
    assert looked.purchase_date == date(2026, 2, 27)
    assert looked.confidence["purchase_date"] == DISPUTED


def test_a_lone_date_read_again_alike_is_confirmed():
    image, page, receipt = read(render_receipt([
        ("BIOMARKT SONNE", ""), ("Datum 02.03.2026 12:41", ""), ("Roggenbrot", "2,49 A"),
        ("SUMME EUR", "2,49")]))
    assert (receipt.purchase_date, receipt.confidence["purchase_date"]) == (
        date(2026, 3, 2), LONE_MARKED)
    looked = date_look(image, page, receipt, TODAY)
    assert (looked.purchase_date, looked.confidence["purchase_date"]) == (
        date(2026, 3, 2), AGREED)


def test_a_date_read_again_alike_stays_in_doubt_where_its_order_is_unknown():
    """Two readings agreeing on "09/08/2017" agree on its digits, not on whether it is
    9 August or 8 September: on a receipt that does not say its country, for review."""
    image, page, receipt = read(render_receipt([
        ("CORNER CAFE", ""), ("Date 02/03/2026 12:41", ""), ("Bagel", "2.49"),
        ("TOTAL", "2.49")]))
    assert receipt.purchase_date == date(2026, 3, 2) and not receipt.order_sure
    assert receipt.confidence["purchase_date"] == ORDER_UNKNOWN
    looked = date_look(image, page, receipt, TODAY)
    assert looked.purchase_date == date(2026, 3, 2)
    assert looked.confidence["purchase_date"] == ORDER_UNKNOWN


def test_agreeing_readings_or_nothing_to_read_leave_the_receipt_as_it_is():
    image, page, receipt = read(render_receipt([
        ("BIOMARKT SONNE", ""), ("Datum 02.03.2026 12:41", ""), ("SUMME EUR", "2,49"),
        ("02.03.2026 12:42 Kasse 3", "")]))
    assert receipt.confidence["purchase_date"] == AGREED
    assert date_look(image, page, receipt, TODAY) is receipt
    image, page, receipt = read(render_receipt([
        ("BIOMARKT SONNE", ""), ("Roggenbrot", "2,49 A"), ("SUMME EUR", "2,49")]))
    assert receipt.purchase_date is None
    assert date_look(image, page, receipt, TODAY) is receipt


def garble(page: OcrPage, index: int, old: str, new: str) -> OcrPage:
    words = [replace(w, text=w.text.replace(old, new)) for w in page.lines[index].words]
    lines = list(page.lines)
    lines[index] = Line(words)
    return replace(page, lines=lines)


def test_words_are_told_apart_by_blank_gaps_even_around_narrow_ones():
    face = ImageFont.truetype(str(DEFAULT_FONT), 26)
    image = Image.new("L", (640, 34), 255)
    ImageDraw.Draw(image).text((10, 2), "Datum 11.04.20  09:51 Uhr", font=face, fill=0)
    ink = np.asarray(image) < 128  # print on rows 7-26: the lower part of that line
    spans = word_spans(ink[15:27], 20)
    assert len(spans) == 4  # the two narrow ones of 11 stay one word, apart from Datum
    assert spans[1][0] < 10 + 6 * 16 < spans[1][1]  # "11.04.20" starts at character 6


def test_a_narrow_glyph_standing_alone_joins_its_word_over_a_wider_gap():
    band = np.zeros((10, 220), dtype=bool)
    for left, right in [(0, 50),  # a word, then 16 blank columns (0.8 line heights)
                        (66, 68), (79, 81), (85, 120),  # "11.04": stems 11 apart
                        (136, 139), (141, 144), (146, 149),  # legs of an "m", 2 apart
                        (162, 190)]:  # 13 blank columns after the m: another word
        band[:, left:right] = True
    margin = 20 // 4
    assert word_spans(band, 20) == [(0, 50 + margin), (66 - margin, 120 + margin),
                                    (136 - margin, 149 + margin), (162 - margin, 190 + margin)]


def test_candidate_lines_have_a_time_a_cue_or_a_partial_date():
    texts = ["LIDL", "Datum Uhrzeit Filiale", "3 %.05.20 0000545", "Milch 1,29",
             "3182 0 .03. 15:59", "Datum: V 21.04.202C", "AS-Zeit 18.08. 16:04"]
    assert candidate_lines(texts) == [1, 2, 4, 5, 6]


def test_a_page_rapidocr_read_itself_is_left_alone():
    page = make_page(["SHOP", "Datum 02.03.2026 12:41", "SUMME 2,49"], engine="rapidocr")
    receipt = parse(page, today=TODAY)
    assert receipt.confidence["purchase_date"] == LONE_MARKED
    image = Image.new("RGB", (page.width, page.height), "white")
    assert date_look(image, page, receipt, TODAY) is receipt


def test_page_without_lines_is_left_alone():
    image = Image.new("RGB", (200, 100), "white")
    receipt = parse(OcrPage(200, 100, []), today=TODAY)
    assert date_look(image, OcrPage(200, 100, []), receipt, TODAY) is receipt
