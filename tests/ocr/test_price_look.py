"""The price column read again by RapidOCR where tesseract's items do not add up (real
engines on rendered receipts, no mocks)."""
from datetime import date
from decimal import Decimal

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from ocr import make_engine, parse, prepare, read_receipt
from ocr.second_reading.price_look import better, price_look
from ocr.types import ParsedReceipt
from tests.ocr.synthetic import FONT_DIR, render_receipt

TODAY = date(2026, 3, 10)
ITEMS = [("Vollmilch 1L", "1,29 A"), ("Roggenbrot", "2,49 A"), ("Bio Bananen", "1,99 A"),
         ("Rotwein", "6,99 B"), ("Butter", "2,19 A"), ("Kaffee", "5,49 A")]
HEAD = [("BIOMARKT SONNE", ""), ("Hauptstrasse 5, 10115 Berlin", ""),
        ("Datum 02.03.2026 12:41", ""), ("", "")]
AMOUNTS = ["1.29", "2.49", "1.99", "6.99", "2.19", "5.49"]
FOOT = [("BAR", "50,00"), ("RUECKGELD", "29,56")]


def receipt_with_show_through(total: str, printed: str = "02.03.2026") -> Image.Image:
    """Grey print from the back of the paper (mirrored) behind the prices: tesseract reads
    two of them with a minus sign (``1,29- A``)."""
    head = HEAD[:2] + [(f"Datum {printed} 12:41", ""), ("", "")]
    image = render_receipt(head + ITEMS + [("", ""), ("SUMME EUR", total)] + FOOT)
    back = Image.new("RGB", image.size, "white")
    face = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 30)
    draw = ImageDraw.Draw(back)
    for top in range(150, 430, 16):
        draw.text((-200, top), "Bewahren Sie bitte den Ausdruck auf", font=face,
                  fill=(185, 185, 185))
    return ImageChops.multiply(ImageOps.mirror(back), image)


def first_reading(photo: Image.Image):
    engine = make_engine("tesseract")
    image = prepare([photo])
    page = engine.read(image)
    return engine, image, page, parse(page, today=TODAY)


def test_prices_read_again_make_a_receipt_add_up():
    engine, image, page, receipt = first_reading(receipt_with_show_through("20,44"))
    assert receipt.total == Decimal("20.44") and not receipt.items_add_up  # tesseract's misreads
    page_again, again = price_look(image, engine, page, receipt, TODAY)
    assert again.items_add_up and again.total == Decimal("20.44")
    assert [str(item.amount) for item in again.items] == AMOUNTS
    assert again.confidence["total"] == 0.95 and again.merchant == receipt.merchant
    # the new price words are boxed where the prices are printed, in the image's pixels
    for item in again.items:
        line, before = page_again.lines[item.line_index], page.lines[item.line_index]
        price = next(w for w in line.words if w.text.startswith(str(item.amount)[0]) and
                     "," in w.text)
        assert price.box.left > image.width * 0.7 and price.box.right <= image.width
        assert before.box.top - 6 <= price.box.top and price.box.bottom <= before.box.bottom + 6
        assert line.words[0].text == before.words[0].text  # the description stays


def test_read_receipt_reads_the_prices_again_by_default_and_not_when_told():
    photo = receipt_with_show_through("20,44")
    assert read_receipt([photo], today=TODAY)[2].items_add_up
    assert not read_receipt([photo], today=TODAY, price_look=False)[2].items_add_up


def test_a_receipt_that_adds_up_keeps_its_first_reading():
    engine, image, page, receipt = first_reading(render_receipt(
        HEAD + ITEMS + [("SUMME EUR", "20,44")]))
    assert receipt.items_add_up
    assert price_look(image, engine, page, receipt, TODAY) == (page, receipt)


def test_a_second_reading_that_does_not_add_up_is_not_taken():
    # the printed total is not the items' sum: read right or wrong, they cannot confirm it
    engine, image, page, receipt = first_reading(receipt_with_show_through("21,44"))
    assert not receipt.items_add_up
    page_again, again = price_look(image, engine, page, receipt, TODAY)
    assert page_again is page and again is receipt


def test_only_after_tesseract():
    image = prepare([receipt_with_show_through("20,44")])
    engine = make_engine("rapidocr")
    page = make_engine("tesseract").read(image)
    receipt = parse(page, today=TODAY)
    assert price_look(image, engine, page, receipt, TODAY) == (page, receipt)


def test_a_reading_is_better_only_when_it_adds_up_and_confirms_as_well():
    def receipt(total, confidence, adds_up=True, merchant="Biomarkt Sonne"):
        parsed = ParsedReceipt(merchant=merchant, total=Decimal(total),
                               confidence={"total": confidence})
        from ocr.types import ParsedItem
        amount = Decimal(total) if adds_up else Decimal("0.01")
        parsed.items = [ParsedItem("Milch", amount)]
        return parsed

    first = receipt("20.44", 0.5, adds_up=False)
    assert better(receipt("20.44", 0.95), first)
    assert not better(receipt("20.44", 0.95, adds_up=False), first)
    assert not better(receipt("20.44", 0.95, merchant="Other"), first)
    confirmed = receipt("20.44", 0.95, adds_up=False)  # e.g. by the tax table
    assert not better(receipt("2.44", 0.95), confirmed)  # another total: refused
    assert not better(receipt("20.44", 0.8), confirmed)  # confirmed less well
    assert better(receipt("20.44", 0.95), confirmed)


def test_words_a_redaction_looks_for_are_not_read_again():
    from ocr.second_reading.price_column import long_number, masked
    from ocr.second_reading.price_look import PLAIN_PRICE
    from ocr.types import Box, Word

    def words(*texts):
        return [Word(text, Box(500, 10, 60, 30), 0.9) for text in texts]

    assert masked(words("XXXXXXXXXXXX1155")) and masked(words("Nr.", "****1155"))
    assert not masked(words("0589:", "6")) and not masked(words("0,25xC"))
    # eight digits or more: replaced only by a plain price read surely
    assert long_number(words("ID:", "54405720")) and long_number(words("DE89370400440532013000"))
    assert not long_number(words("273108"))  # a price without its comma: read again
    assert PLAIN_PRICE.fullmatch("29,98 1") and PLAIN_PRICE.fullmatch("0,89C")
    assert not PLAIN_PRICE.fullmatch("5440,57 20") and not PLAIN_PRICE.fullmatch("ID 12,34")


def test_what_the_recogniser_reads_for_blots_and_marks_is_left_out():
    from ocr.second_reading.price_look import cleaned
    assert cleaned("¥0,89C") == "0,89C"  # a mark before the amount
    assert cleaned(".0,99 C") == "0,99 C"
    assert cleaned("3,99日") == "3,99"  # a blot read as a Chinese character
    assert cleaned("1,59 v") == "1,59 V"  # the tax class read small
    assert cleaned("-0,50 A") == "-0,50 A" and cleaned("0,25xC") == "0,25xC"


def test_a_name_taken_for_a_total_line_above_the_prices_leaves_a_column_to_read():
    """The shop's name read as a total line ("TOTAL BURGER") ends the items above the
    prices: the price column, placed by the prices below, starts right of the name's line
    and is read from that line's edge, not from a crop ending before it starts."""
    photo = render_receipt([("TOTAL BURGER", ""), ("", ""), ("Cheeseburger", "8,50"),
                            ("Pommes", "3,50"), ("", ""), ("SUMME", "12,00")])
    engine, image, page, receipt = first_reading(photo)
    assert "TOTAL" in page.lines[0].text and not receipt.items_add_up
    page_after, receipt_after = price_look(image, engine, page, receipt, TODAY)
    assert receipt_after.total == receipt.total
