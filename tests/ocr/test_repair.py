"""Bare prices (``219``, ``1519``) read with their separator only where the sum confirms it
(ocr.parse.repair): tables of lines with the fields expected, near misses that must stay out, and
the twice-compressed photo that showed the problem, read by real tesseract."""
import io
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image

from ocr import make_engine, parse, read_receipt
from tests.ocr.synthetic import make_page, render_receipt

TODAY = date(2026, 12, 1)
D = Decimal


def parsed(lines):
    return parse(make_page(lines), today=TODAY)


@pytest.mark.parametrize("lines, total, amounts, repaired", [
    # the comma read as a 5, and dropped (with a tax class after it)
    (["EDEKA MARKT", "Milch 1L 1519", "Brot 2,49", "Kaese 3,99", "SUMME EUR 7,67"],
     "7.67", ["1.19", "2.49", "3.99"], ["1.19"]),
    (["SHOP", "Butter 219 A", "Brot 2,49 A", "SUMME 4,68"], "4.68", ["2.19", "2.49"],
     ["2.19"]),
    (["SHOP", "Roggenbrot 110A", "Brot 2,49 A", "SUMME 3,59"], "3.59", ["1.10", "2.49"],
     ["1.10"]),
    # two lines at once
    (["SHOP", "Milch 1L 1519", "Butter 219", "Kaese 3,99", "SUMME EUR 7,37"],
     "7.37", ["1.19", "2.19", "3.99"], ["1.19", "2.19"]),
    # four digits, the comma dropped: 12,99 adds up, 1,99 (the 2 as the comma) does not
    (["SHOP", "Wein 1299", "Brot 2,49", "SUMME 15,48"], "15.48", ["12.99", "2.49"],
     ["12.99"]),
    (["SHOP", "Bread 1.20", "Milk 089", "TOTAL 2.09"], "2.09", ["1.20", "0.89"], ["0.89"]),
    # the total confirmed by subtotal + tax already; the items add up to the subtotal
    (["SHOP", "Tea 300", "Cake 7.00", "SUBTOTAL 10.00", "TAX 0.80", "TOTAL 10.80"],
     "10.80", ["3.00", "7.00"], ["3.00"]),
    # no readable total line: the card payment is the sum to go by
    (["APOTHEKE", "Tabletten 995", "Pflaster 2,50", "Summe EUR 12,%",
      "gegeben Kreditkarte EUR 12,45"], "12.45", ["9.95", "2.50"], ["9.95"]),
])
def test_a_bare_price_is_read_with_its_separator_when_the_sum_confirms_it(
        lines, total, amounts, repaired):
    receipt = parsed(lines)
    assert receipt.total == D(total)
    assert [i.amount for i in receipt.items] == [D(a) for a in amounts]
    assert [i.amount for i in receipt.items if i.repaired] == [D(a) for a in repaired]
    assert receipt.items_add_up
    assert receipt.confidence["total"] >= 0.9  # confirmed: the items add up to it
    assert receipt.confidence["items"] == 0.85  # ... with a price put right by that sum
    assert all(i.confidence == 0.6 for i in receipt.items if i.repaired)


@pytest.mark.parametrize("lines, total, amounts, repaired", [
    # the separator read as a colon
    (["SHOP", "Apple Juice 0,58", "Bananen 5:73", "Coupon -0,69", "TOTAL EUR 5,62"],
     "5.62", ["0.58", "5.73", "-0.69"], ["5.73"]),
    # ... and with a bare price on another line
    (["SHOP", "Olive Oil 2.16", "Bread 5:93", "Toothpaste 391", "TOTAL 12.00"],
     "12.00", ["2.16", "5.93", "3.91"], ["5.93", "3.91"]),
    # quantity times unit price where the amount is misread, in the line and below it
    (["SHOP", "Kaese 2 x 3,87 7,14 A", "Brot 2,22 A", "SUMME EUR 9,96"], "9.96",
     ["7.74", "2.22"], ["7.74"]),
    (["SHOP", "Pasta 7.80", "Oranges 19.57", "3@5.19", "TOTAL 23.37"], "23.37",
     ["7.80", "15.57"], ["15.57"]),
    # ... and where it is unreadable, in the line and above it (a quantity line first)
    (["SHOP", "Bananen 2 x 3,96 1532-8", "Milch 1,54 A", "SUMME 9,46"], "9.46",
     ["7.92", "1.54"], ["7.92"]),
    (["SHOP", "SALATBAR 2,04xB", "4 3x 0,79", "KIWIS 2,3L.B", "SUMME EUR 4,41"], "4.41",
     ["2.04", "2.37"], ["2.37"]),
    # a letter read for a digit, a stray digit glued on before the tax class
    (["SHOP", "Joghurt D,35 C", "Brot 2,49 A", "SUMME 2,84"], "2.84", ["0.35", "2.49"],
     ["0.35"]),
    (["SHOP", "LEERGUT EW MINUS -D,50xC", "Brot 2,49 A", "SUMME 1,99"], "1.99",
     ["-0.50", "2.49"], ["-0.50"]),
    (["SHOP", "Tee l,49 A", "Brot 2,49 A", "SUMME 3,98"], "3.98", ["1.49", "2.49"], ["1.49"]),
    (["SHOP", "BRIOCHE-KNOTEN 0,293 C", "Brot 2,49 A", "SUMME 2,78"], "2.78",
     ["0.29", "2.49"], ["0.29"]),
    # a dash apart from the price on a line naming no refund: no minus
    (["SHOP", "Emmentaler Stück - 2,69 A", "Brot 2,49 A", "SUMME 5,18"], "5.18",
     ["2.69", "2.49"], ["2.69"]),
    # the tax unreadable: the repaired items confirm the subtotal, cash less change the total
    (["SHOP", "Apple Juice 8.55", "Bananen 6427.", "SUBTOTAL 14.82", "TAX 8.0% 3232",
      "TOTAL $ 16.01", "CASH 20.00", "CHANGE 3.99"], "16.01", ["8.55", "6.27"], ["6.27"]),
])
def test_a_second_reading_is_taken_when_the_sum_confirms_it(lines, total, amounts, repaired):
    receipt = parsed(lines)
    assert receipt.total == D(total) and receipt.items_add_up
    assert [i.amount for i in receipt.items] == [D(a) for a in amounts]
    assert [i.amount for i in receipt.items if i.repaired] == [D(a) for a in repaired]
    assert receipt.confidence["total"] >= 0.9 and receipt.confidence["items"] == 0.85


@pytest.mark.parametrize("lines, amounts", [
    # a time is no price, and the colon reading must add up
    (["SHOP", "Brot 2,49", "Zeit 12:41", "SUMME 14,90"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Bananen 5:73", "SUMME 9,00"], ["2.49"]),
    # the product does not add up either: the amount stays as read
    (["SHOP", "Kaese 2 x 3,87 7,14 A", "Brot 2,22 A", "SUMME EUR 9,99"], ["7.14", "2.22"]),
    # two ways to add up: the quantity line's item above, or below
    (["SHOP", "Milch 1,00", "2 x 0,75", "Quark 1,00", "SUMME 2,50"], ["1.00", "1.00"]),
    # a price per litre; two stray digits; a clean price is no misread one
    (["SHOP", "Brot 2,49", "Diesel 1,459 EUR/l", "SUMME 3,94"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Salat 0,9956", "SUMME 3,48"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Joghurt D,35 C", "SUMME 2,94"], ["2.49"]),  # does not add up
    # a refund stays negative; a minus glued to the price stays
    (["SHOP", "Leergut - 0,25", "Brot 2,49 A", "SUMME 2,74"], ["-0.25", "2.49"]),
    (["SHOP", "Emmentaler -2,69 A", "Brot 2,49 A", "SUMME 5,18"], ["-2.69", "2.49"]),
    # a weight times a price per kg is no exact second reading
    (["SHOP", "Bananen", "0,144 x 1,99", "Brot 2,49", "SUMME 2,78"], ["2.49"]),
])
def test_near_misses_of_second_readings(lines, amounts):
    receipt = parsed(lines)
    assert [i.amount for i in receipt.items] == [D(a) for a in amounts]
    assert not any(i.repaired for i in receipt.items) and not receipt.items_add_up
    assert receipt.confidence["total"] < 0.6


@pytest.mark.parametrize("lines, amounts", [
    # quantities and measures: the number is no price
    (["SHOP", "Brot 2,49", "Schrauben 4 x 100", "SUMME 3,49"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Duebel 100 Stk", "SUMME 3,49"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Bananen kg 100", "SUMME 3,49"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Hackfleisch Gewicht 500", "SUMME 7,49"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Weizenmehl Type 405", "SUMME 6,54"], ["2.49"]),
    # PLU and article numbers
    (["SHOP", "Brot 2,49", "Bananen PLU 219", "SUMME 4,68"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Milch Art.-Nr. 1519", "SUMME 3,68"], ["2.49"]),
    (["SHOP", "Brot 2,49", "Milch 10119", "SUMME 3,68"], ["2.49"]),  # five digits
    (["SHOP", "Brot 2,49", "Milch 0519", "SUMME 7,68"], ["2.49"]),  # 05,19 is never printed
    # a house number just above the items, and a number far up in the header
    (["SHOP", "Pohlweg 110", "Brot 2,49", "SUMME 3,59"], ["2.49"]),
    (["SHOP", "Markt Mitte 110", "Willkommen", "Hallo", "Brot 2,49", "SUMME 3,59"],
     ["2.49"]),
    # two different repairs would add up: 3,38 alone, or 1,19 + 2,19
    (["SHOP", "Kaese 3,99", "Milch 338", "Brot 119", "Butter 219", "SUMME 7,37"], ["3.99"]),
    (["SHOP", "Milch 119", "Brot 119", "Kaese 3,99", "SUMME 5,18"], ["3.99"]),  # which one?
    # three repairs needed, or none adds up
    (["SHOP", "Milch 119", "Brot 219", "Butter 129", "Kaese 3,99", "SUMME 8,66"], ["3.99"]),
    (["SHOP", "Milch 1L 1519", "Brot 2,49", "Kaese 3,99", "SUMME 7,00"], ["2.49", "3.99"]),
    # no price read with its separator among the items to go by
    (["SHOP", "Brot 219", "SUMME 2,19"], []),
])
def test_near_misses_are_not_repaired(lines, amounts):
    receipt = parsed(lines)
    assert [i.amount for i in receipt.items] == [D(a) for a in amounts]
    assert not any(i.repaired for i in receipt.items)
    assert not receipt.items_add_up
    assert receipt.confidence["total"] < 0.6  # unconfirmed: to review, as before


def test_items_that_add_up_are_left_alone():
    receipt = parsed(["SHOP", "Brot 2,49", "Tueten 100", "SUMME 2,49"])
    assert [i.amount for i in receipt.items] == [D("2.49")]
    assert receipt.confidence["items"] == 0.9


def test_a_repair_does_not_displace_a_total_confirmed_without_one():
    # 8,99 would add up with "Milch 1L 251" read as 2,51; 6,48 adds up as read
    receipt = parsed(["SHOP", "Brot 2,49", "Kaese 3,99", "Milch 1L 251", "SUMME 8,99",
                      "ZU ZAHLEN 6,48"])
    assert receipt.total == D("6.48") and not any(i.repaired for i in receipt.items)


def twice_compressed(image: Image.Image) -> Image.Image:
    """The phone's JPEG, then the server's re-encode that strips the metadata."""
    for _ in range(2):
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=90)
        image = Image.open(io.BytesIO(out.getvalue()))
        image.load()
    return image


def test_a_twice_compressed_photo_adds_up_with_the_german_model():
    # tesseract (deu) read "Milch 1L 1,19" as "Milch 1L 1519" on this image
    rows = [("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""), ("26.11.2026 14:33", ""),
            ("Milch 1L", "1,19"), ("Brot", "2,49"), ("Kaese", "3,99"), ("SUMME EUR", "7,67")]
    _, _, receipt = read_receipt([twice_compressed(render_receipt(rows))],
                                 engine=make_engine("tesseract", lang="deu"), today=TODAY)
    assert receipt.total == D("7.67") and receipt.confidence["total"] >= 0.9
    assert [i.amount for i in receipt.items] == [D("1.19"), D("2.49"), D("3.99")]


def test_no_repair_for_a_receipt_whose_total_stays_unconfirmed():
    # the repair would make the items add up to the subtotal, but subtotal + tax is not the
    # total: the receipt goes to review as read
    receipt = parsed(["SHOP", "Tea 300", "Cake 7.00", "SUBTOTAL 10.00", "TAX 0.80",
                      "TOTAL 11.00"])
    assert [i.amount for i in receipt.items] == [D("7.00")]
    assert receipt.confidence["total"] < 0.6
