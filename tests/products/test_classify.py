"""The product classifier on item lines as OCR prints them: class, division, brand,
unknown, and its speed."""
import time

import pytest

from products import RESTAURANT, classify, receipt_context
from products.coicop import is_code, title


@pytest.mark.parametrize("text, code", [
    ("69785 TOOTHPASTE", "13.1.2"),
    ("BANANAS 2LB", "01.1.6"),
    ("SCHWANGERSCHAFTSTEST", "06.1.2"),
    ("HIV SELF TEST KIT", "06.1.2"),
    ("GUT BIO JOGHURT PUR", "01.1.4"),
    ("KIWI, VORGEREIFT, KL 1", "01.1.6"),
    ("ERDBEERJOGHURT 150G", "01.1.4"),          # the head of a compound
    ("SCHOKOL. ZARTBITTER", "01.1.8"),           # cut off by the till
    ("SCHWANGERSCHAFSTEST", "06.1.2"),           # one letter lost
    ("CHKN BRST BNLS", "01.1.2"),                # an abbreviation written out
    ("Vollmilch 3,5% 1L", "01.1.4"),
    ("KAESE GOUDA JUNG", "01.1.4"),              # umlaut printed as ae
    ("Pils 0,5l Fl.", "02.1.3"),
    ("Marlboro Gold", "02.3.0"),
    ("Diesel", "07.2.2"),
    ("Katzenfutter Huhn", "09.3.2"),
    ("Kollekte", "14.6.1"),
    ("Rosenkranz Holz", "13.2.2"),
    ("Waschmittel Color", "05.6.1"),
])
def test_item_lines_get_their_class(text, code):
    product = classify(text)
    assert product.code == code, product
    assert product.name == title(code) and product.confidence >= 0.5


def test_a_line_split_between_classes_of_one_division_gives_the_division():
    product = classify("FRISCHKASE KREATION")
    assert product.code is not None and product.code.startswith("01")
    assert is_code(product.code)


@pytest.mark.parametrize("text", ["PFAND", "XQZT 4711", "*** ***", "", "Summe"])
def test_what_is_not_understood_stays_unknown(text):
    product = classify(text)
    assert (product.code, product.name, product.confidence, product.signals) == (
        None, None, 0.0, ())


@pytest.mark.parametrize("text, brand", [("HARIBO GOLDBAREN 200G", "Haribo"),
                                         ("FERRERO KINDER RIEGEL", "Ferrero"),
                                         ("Colgate Total 75ml", "Colgate"),
                                         ("BANANAS 2LB", None)])
def test_a_printed_brand_is_given(text, brand):
    assert classify(text).brand == brand


def test_a_restaurant_serves_food_as_restaurant_class():
    assert classify("Chicken Parmesan").code.startswith("01")
    served = classify("Chicken Parmesan", context=RESTAURANT)
    assert served.code == "11.1.1" and served.confidence >= 0.5
    unknown = classify("Make It Blue", context=RESTAURANT)
    assert unknown.code == "11.1.1" and unknown.confidence < 0.5  # a guess, said so
    assert classify("Marlboro Gold", context=RESTAURANT).code == "02.3.0"


def test_restaurant_receipts_are_told_apart():
    assert receipt_context("Table 12  Server: Ann\nBurger 12.00\nTip ____") == RESTAURANT
    assert receipt_context("REWE\nMilch 1,19\nSumme 1,19\nEC-Cash") is None


def test_a_line_takes_a_few_milliseconds_at_most():
    lines = ["69785 TOOTHPASTE", "GUT BIO JOGHURT PUR", "UNKNOWNBRANDWORD XYZ 1,99",
             "SCHWANGERSCHAFSTEST", "FAIR TRADE BIO TEE FS"] * 40
    classify("warm up")
    started = time.perf_counter()
    for line in lines:
        classify(line)
    assert (time.perf_counter() - started) / len(lines) < 0.002
