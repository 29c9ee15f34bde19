"""Habits of receipts outside the development set: dollar signs read as digits, tips added
after the total, service charges, slogans and order types above the shop's name."""
from datetime import date
from decimal import Decimal

import pytest

from ocr import parse
from ocr.parse.locale import receipt_locale
from ocr.parse.merchant import find_merchant
from tests.ocr.synthetic import make_page

TODAY = date(2026, 3, 10)


def test_a_dollar_sign_read_as_a_digit_is_read_again_where_the_sums_then_hold():
    lines = ["SHOP", "Fried Rice 87.99", "Miso $7.99", "Sprite $2.50", "Water $3.50",
             "Subtotal 821.98", "Tax $1.61", "Total 523.59", "CREDIT CARD AUTH 523.59"]
    receipt = parse(make_page(lines), today=TODAY)
    assert receipt.total == Decimal("23.59") and receipt.subtotal == Decimal("21.98")
    assert [i.amount for i in receipt.items] == [Decimal(a) for a in
                                                 ("7.99", "7.99", "2.50", "3.50")]


def test_prices_that_truly_begin_with_those_digits_stay():
    lines = ["SHOP", "Steak $58.00", "Wine $35.00", "Subtotal $93.00", "Tax $7.44",
             "Total $100.44"]
    receipt = parse(make_page(lines), today=TODAY)
    assert receipt.total == Decimal("100.44")
    assert [i.amount for i in receipt.items] == [Decimal("58.00"), Decimal("35.00")]


def test_the_total_is_the_one_before_the_tip():
    lines = ["SHOP", "Dal 10.99", "Rice 3.98", "SUB TOTAL: 14.97", "Tax1: 1.24",
             "ORDER TOTAL 16.21", "18% TIPS: 2.69", "TOTAL: $18.90"]
    assert parse(make_page(lines), today=TODAY).total == Decimal("16.21")


def test_a_service_charge_between_subtotal_and_total_confirms_it():
    lines = ["SHOP", "Curry $12.00", "Rice $10.98", "Subtotal $22.98", "Tax $1.61",
             "Service fees $3.45", "Total $28.04"]
    receipt = parse(make_page(lines), today=TODAY)
    assert receipt.total == Decimal("28.04") and receipt.confidence["total"] >= 0.95


def test_a_lone_pound_sign_from_noise_says_nothing():
    text = "GREEN FIELD\nGuests: £\nLong Beach, CA 90804\nTOTAL: $56.58\n11/01/2018"
    assert receipt_locale(text).country == "US" and not receipt_locale(text).day_first


@pytest.mark.parametrize("lines, expected", [
    (["It pays to Discover wherever you go", "Araxi Burger Aventura", "17861 Biscayne Blvd"],
     "Araxi Burger Aventura"),
    (["EXCELLENCE SERVED DAILY", "Daily Grill", "2501 Colorado Ave"], "Daily Grill"),
    (["Dine-in", "Sukhothai", "12 Main Street"], "Sukhothai"),
])
def test_slogans_and_order_types_are_no_names(lines, expected):
    assert find_merchant(lines, None, [40, 24, 24])[0] == expected
