from decimal import Decimal

import pytest

from ocr.parse.amounts import amount_at_end, find_currency, item_amount_at_end, parse_amount


@pytest.mark.parametrize("text, expected", [
    ("12,34", "12.34"),
    ("12.34", "12.34"),
    ("1,234.56", "1234.56"),
    ("1.234,56", "1234.56"),
    ("1 234,56", "1234.56"),
    ("-0,50", "-0.50"),
    ("0,50-", "-0.50"),
    ("EUR 7,16", "7.16"),
    ("0, 35", "0.35"),
    ("1129,00", "1129.00"),
    ("no money here", None),
    ("19 %", None),
    ("12,3", None),
    ("COUPON -$1.00", "-1.00"),  # a minus before the currency's sign
    ("ROUNDING: -RM0.02", "-0.02"),
    ("CHANGE RM .40", "0.40"),  # an amount under one without its zero
    ("CHNG .00", "0.00"),
    ("Pfand -,25", "-0.25"),
    ("MAR.19'17", None),  # but not after a letter
    ("Tel. 40", None),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == (Decimal(expected) if expected else None)


@pytest.mark.parametrize("line, expected", [
    ("Milch 1,29 A", "1.29"),
    ("Milch 1L 1,19,", "1.19"),
    ("BIO HONIG 3,29 C", "3.29"),
    ("Pfand -0,25 B", "-0.25"),
    ("Leergut 0,75-", "-0.75"),
    ("Coffee 3.50", "3.50"),
    ("Tee 2,49 €", "2.49"),
    ("Tee 2,49 EUR A", "2.49"),
    ("Tee 2,49 A *", "2.49"),
    ("TH.HENRY TONIC WAT 1,19 CW", "1.19"),  # W: an item with a deposit
    ("ORANGENSAFT 1,40 C W", "1.40"),
    ("rQ APFELSAFT MILD 1,29 V", "1.29"),  # real's classes are E and V
    ("Tee 2,49 AB", None),
    ("Tee 2,49 kg", None),
    ("Tee 2,49 CWX", None),
    ("Pohlweg 110", None),
    ("2,49 Tee", None),
])
def test_amount_at_end(line, expected):
    found = amount_at_end(line)
    assert (found[0] if found else None) == (Decimal(expected) if expected else None)


@pytest.mark.parametrize("line, expected", [
    ("GUT BIO JOGHURT PUR 0,356", "0.35"),  # "0,35 C": the class letter read as a 6
    ("FAIR TRADE BIO TEE 1,928", "1.92"),  # B as 8
    ("Brot 2,494", "2.49"),  # A as 4
    ("Milch 1,29 A", "1.29"),
    ("9783836262552 49,901", "49.90"),  # tax class 1 glued on by RapidOCR
    ("1.000 STK 20.9919", "20.99"),  # the rate 19 glued on
    ("EMMIE RUTA BWä2 24,990", "24.99"),  # IKEA's class code 0
    ("POANG Pokis f Hoc Ra 10,00. ..0", "10.00"),  # dots before the code
    ("Bananen 0,356 kg", None),  # a weight
    ("Super E10 1,359", None),  # a price per litre: 9 is no class
    ("Diesel 1,4539 EUR/Liter", None),
])
def test_item_amount_at_end_reads_a_glued_class_letter(line, expected):
    found = item_amount_at_end(line)
    assert (found[0] if found else None) == (Decimal(expected) if expected else None)


@pytest.mark.parametrize("text, expected", [
    ("SUMME EUR 12,00", "EUR"),
    ("Total € 5", "EUR"),
    ("TOTAL $12.00", "USD"),
    ("Total £3.20", "GBP"),
    ("SUMME 12,00", None),
])
def test_find_currency(text, expected):
    assert find_currency(text) == expected
