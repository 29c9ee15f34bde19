"""Where two readings, or two lines of one receipt, disagree: a second engine never overrules
a field the first was as sure of; a name read in part, or worded as a slogan, is checked by a
person; what was paid settles a tie between totals; a total whose word is misread is as sure
as its printed sum."""
from datetime import date
from decimal import Decimal

import pytest

from ocr.parse import parse
from ocr.parse.merchant import find_merchant
from ocr.second_reading.whole_look import contradicts, same_name
from ocr.types import ParsedReceipt
from tests.ocr.synthetic import make_page

TODAY = date(2026, 3, 10)
D = Decimal
SURE, UNSURE = 0.95, 0.5


def receipt(merchant, day, total, sure=(SURE, SURE, SURE)):
    return ParsedReceipt(merchant=merchant, purchase_date=day, total=total,
                         confidence=dict(zip(("merchant", "purchase_date", "total"), sure)))


def parsed(lines):
    return parse(make_page(lines), today=TODAY)


@pytest.mark.parametrize("first, again, contradiction", [
    # both sure of different totals: a person decides
    (receipt("Maple Bistro", None, D("45.59"), (0.7, 0.0, SURE)),
     receipt("Maple Bistro", date(2025, 7, 25), D("36.11")), True),
    # the first reading unsure of its total, or less sure than the second: the second's
    (receipt("Maple Bistro", None, D("31.91"), (0.7, 0.0, UNSURE)),
     receipt("Maple Bistro", date(2025, 7, 25), D("37.37")), False),
    (receipt("Kajun", date(2019, 7, 18), D("877.49"), (UNSURE, SURE, 0.8)),
     receipt("Kajun", date(2019, 7, 18), D("77.49")), False),
    # a field the first left empty, or the same values: no contradiction
    (receipt("Loaded Cafe", None, D("48.53"), (0.7, 0.0, SURE)),
     receipt("Loaded Cafe", date(2019, 2, 23), D("48.53")), False),
    # a shop's name differing by a misread letter or a word left out is the same name
    (receipt("Bar Hermanos Löpez", None, None, (0.7, 0.0, 0.0)),
     receipt("Bar Hermanos Lopez", None, None), False),
    (receipt("Moonstar Restaurant", None, None, (0.7, 0.0, 0.0)),
     receipt("Moonstar Restaurant Daly City", None, None), False),
    (receipt("Jurong East Bakery", None, None, (0.7, 0.0, 0.0)),
     receipt("London Sw1A 1AA", None, None, (0.7, 0.0, 0.0)), True),
])
def test_a_second_reading_never_overrules_what_the_first_was_as_sure_of(first, again,
                                                                        contradiction):
    assert contradicts(again, first) is contradiction


def test_names_alike_but_for_accents_spacing_and_one_letter():
    assert same_name("Dierenspeciaalzaak Van Dijk", "Dierenspeciaalzaakvan Dijk")
    assert same_name("Kickin Kajun Kapolet", "Kickin Kajun Kapolei")
    assert not same_name("Roosevelt Field", "Grand Lux Cafe")


@pytest.mark.parametrize("lines, confidences", [
    # the name's last word read too badly to keep: the rest is not the whole name
    (["Pasaraya Sri Murni", "Sdn Bhd", "Lot 48, Jalan Bukit Bintang"],
     [[0.93, 0.91, 0.31], [0.9, 0.9], [0.9] * 5]),
    # a slogan over the address reads like a letterhead, but is no name
    (["Ihr Markt um die Ecke", "450 Main Street", "Springfield, IL 62701"],
     [[0.95] * 5, [0.9] * 3, [0.9] * 3]),
])
def test_a_name_read_in_part_or_worded_as_a_sentence_is_for_review(lines, confidences):
    name, confidence = find_merchant(lines, confidences)
    assert name and confidence < 0.6


@pytest.mark.parametrize("lines", [
    ["The Corner Deli", "London SW1A 1AA", "Tea 2.00"],
    ["The Corner Deli", "London SwlA lAA", "Tea 2.00"],  # 1 read as l
    ["The Corner Deli", "Ottawa ON K1A 0B1", "Tea 2.00"],
])
def test_a_postcode_line_is_the_address_not_the_name(lines):
    name, confidence = find_merchant(lines[1:2] + lines[:1] + lines[2:])
    assert name == "The Corner Deli"


def test_a_table_line_is_no_address_under_the_name():
    lines = ["Roosevelt Field", "0480 TABLE 101 #Party 3", "Coffee 2.95"]
    assert find_merchant(lines, [[0.95, 0.95], [0.9] * 5, [0.9, 0.9]])[1] < 0.6
    lines[1] = "12 High Street"
    assert find_merchant(lines, [[0.95, 0.95], [0.9] * 3, [0.9, 0.9]])[1] >= 0.6


@pytest.mark.parametrize("lines, total", [
    # the items' sum, then the total rounded to the coin and paid in cash (the rounding
    # line misread): what was paid is the total
    (["SHOP", "Ubat Gigi 27.37", "Maggi Kari 29.84", "Mentol LED 13.43", "Gula 15.25",
      "Total (Incl. GST) 85.89", "Rounding Adjustment 9.91", "Total Payable RM 85.90",
      "TUNAI 100.00", "CHANGE 14.10"], "85.90"),
    # a tax word read with a 6 for its G, a rounding written "R/O"
    (["SHOP", "Rice 32.00", "Tea 54.32", "Total Value 86.32", "Service Charge 10% 8.63",
      "C6ST @ 2.5% 2.37", "SGST @ 2.5% 2.37", "R/O 0.31", "Grand Total 100.00",
      "Cash 100.00", "Change 0.00"], "100.00"),
    # "Taxes" is a tax line; the total's word misread, its sum printed under the tax
    (["SHOP", "Beer 5.00", "Tenders 11.00", "Sub-total: 16.00", "Taxes: 1.52",
      "Tota1Due:17.52"], "17.52"),
    (["SHOP", "Pork Chop 21.95", "Soup 5.95", "SUBTOTAL 27.90", "Tax 2.48", "TAI $30.38"],
     "30.38"),
])
def test_totals_the_receipt_confirms(lines, total):
    found = parsed(lines)
    assert found.total == D(total) and found.confidence["total"] >= 0.6


def test_six_st_is_a_tax_only_with_its_rate():
    found = parsed(["SHOP", "EIER 6ST 2.49", "BROT 1.50", "TOTAL 3.99"])
    assert [item.amount for item in found.items] == [D("2.49"), D("1.50")]


def test_a_brand_that_is_also_a_word_is_the_word_in_lower_case_running_text():
    lines = ["QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen", "Rechnung",
             "Zahlungsbedingungen 14 Tage netto"]
    assert find_merchant(lines)[0] == "QualityHosting AG"  # the sender's line of a letter
    assert find_merchant(["NETTO", "Marken-Discount", "Hauptstr. 5"])[0] == "Netto"
    assert find_merchant(["Danke", "www.netto-online.de"])[0] == "Netto"
    # a logo printed in lower case at the start of its line is the brand
    assert find_merchant(["real,-", "Einkaufszentrum", "Hauptstr. 5"]) == ("Real", 0.9)
    assert find_merchant(["dm-drogerie markt", "Hauptstr. 5"]) == ("dm", 0.9)


def test_a_period_is_not_the_day_of_the_purchase():
    lines = ["SHOP", "Rechnungsdatum 7. Mai 2014"] + [
        "Service 01.05.14-31.05.14", "Hosting 3,89"] * 6 + ["SUMME 23,34"]
    assert parse(make_page(lines), today=TODAY).purchase_date == date(2014, 5, 7)
    only_period = parse(make_page(["SHOP", "Abo 01.05.14-31.05.14", "SUMME 3,89"]), today=TODAY)
    assert only_period.purchase_date == date(2014, 5, 1)  # nothing else read: still a date


@pytest.mark.parametrize("lines, name", [
    # the street's number unspaced, as RapidOCR reads: still the address, not the name
    (["QUICK STOP", "Marktplatz1", "80331 München"], "Quick Stop"),
    (["Marktplatz1", "QUICK STOP", "80331 München"], "Quick Stop"),
    # a slogan in mixed case under the name in capitals
    (["HOFLADEN LINDENHOF", "Frisch und regional", "Rue de la Paix 8"], "Hofladen Lindenhof"),
])
def test_an_address_or_a_slogan_is_not_the_name(lines, name):
    sure = [[0.7] * len(lines[0].split())] + [[0.95] * len(text.split()) for text in lines[1:]]
    assert find_merchant(lines, sure)[0] == name
