"""The receipt's country and date order, from what it shows; totals, tips and rounding in
the habits of several countries; names of shops that are in no brand table."""
from datetime import date
from decimal import Decimal

import pytest

from ocr import parse
from ocr.parse.locale import date_order, receipt_locale
from ocr.parse.merchant import find_merchant
from tests.ocr.synthetic import make_page

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize("text, country, day_first", [
    ("KEDAI RUNCIT AH SENG SDN BHD\nGST ID: 001234567890\nTOTAL RM 12.30", "MY", True),
    ("ABC PTE LTD\nGST Reg No 2001\nTotal S$ 5.00", "SG", True),
    ("Corner Café Pty Ltd\nABN 12 345 678 901\nTOTAL $9.50", "AU", True),
    ("GREEN FIELD\nLong Beach, CA 90804\n(562) 597-0906\nTOTAL: $56.58", "US", False),
    ("Hermosa Beach,CA 90254\nTota1Due:44.35", "US", False),
    ("Bäckerei Kruste\nSUMME EUR 3,20\nMwSt 7%", "DE", True),
    ("Le Fournil SARL\nSIRET 123 456 789 00012\nTotal TTC 4,20 €", "FR", True),
])
def test_the_country_and_date_order_come_from_the_receipt(text, country, day_first):
    locale = receipt_locale(text)
    assert (locale.country, locale.day_first) == (country, day_first)


@pytest.mark.parametrize("text, expected", [
    ("06/09/2017\n13/09/2017", True),  # a day over 12 says day first
    ("06/09/2017\n09/22/2017", False),  # a second part over 12 says month first
    ("06/09/2017", None),  # both ways possible: nothing said
    ("13/09/2017\n09/22/2017", None),  # disagreeing: nothing said
])
def test_the_receipts_own_dates_say_their_order(text, expected):
    assert date_order(text) == expected


def test_the_panels_country_decides_only_where_the_receipt_says_little():
    assert receipt_locale("SHOP\n06/09/2017", prior="US").day_first is False
    assert receipt_locale("SHOP\n06/09/2017", prior="GB").day_first is True
    assert receipt_locale("SHOP SDN BHD\nRM 5.00\n06/09/2017", prior="US").day_first is True


def test_an_ambiguous_date_is_read_by_the_locale_never_by_closeness_to_today():
    malaysian = ["KEDAI AH SENG SDN BHD", "GST ID: 001234567890", "06/09/2017 10:12",
                 "MILO 5.00", "TOTAL RM 5.00"]
    assert parse(make_page(malaysian), today=TODAY).purchase_date == date(2017, 9, 6)
    american = ["GREEN FIELD", "Long Beach, CA 90804", "06/09/2017 10:12", "Coffee 5.00",
                "TOTAL $5.00"]
    assert parse(make_page(american), today=TODAY).purchase_date == date(2017, 6, 9)


def test_an_ambiguous_date_on_a_receipt_that_says_nothing_goes_to_review():
    receipt = parse(make_page(["SHOP", "06/09/2017", "Tea 5.00", "TOTAL 5.00"]), today=TODAY)
    assert receipt.purchase_date is not None and receipt.needs_review


@pytest.mark.parametrize("text, expected", [
    ("Jun28'17", date(2017, 6, 28)), ("Feb23' 19", date(2019, 2, 23)),
    ("MAY.21'19", date(2019, 5, 21)), ("13-Jul-2018", date(2018, 7, 13)),
    ("June 23, 2019", date(2019, 6, 23)), ("Jun 26, 15", date(2015, 6, 26)),
    ("04 MAR.19", date(2019, 3, 4)), ("5. März 2020", date(2020, 3, 5)),
    ("12 juillet 2021", date(2021, 7, 12)),
])
def test_dates_with_month_names(text, expected):
    assert parse(make_page(["SHOP", text, "TOTAL 1.00"]), today=TODAY).purchase_date == expected


@pytest.mark.parametrize("lines, total", [
    (["Tea 3.00", "Cake 9.30", "Total Amount: 12.30"], "12.30"),
    (["Tea 3.00", "Cake 9.30", "Nett Total 12.30"], "12.30"),
    (["Tea 3.00", "Cake 9.30", "Amount Due $12.30"], "12.30"),
    (["Tea 3.00", "Cake 9.30", "Total (Incl. GST) 12.30", "GST 6% 0.70"], "12.30"),
    # rounded to the smallest coin: the total paid is the rounded one
    (["Tea 3.00", "Cake 9.32", "Total Sales (Incl GST) 12.32", "Rounding Adj -0.02",
      "Total 12.30", "Cash 20.00", "Change 7.70"], "12.30"),
    # a suggested tip is not the total
    (["Burger 10.00", "Subtotal 10.00", "Tax 0.80", "Total 10.80",
      "Suggested Tip 18%: 1.94 Total 12.74"], "10.80"),
    (["Burger 10.00", "Subtotal 10.00", "Tax 0.80", "Total 10.80", "Gratuity 2.00"],
     "10.80"),
])
def test_totals_in_many_habits(lines, total):
    receipt = parse(make_page(["SHOP", *lines]), today=TODAY)
    assert receipt.total == Decimal(total)
    assert receipt.confidence["total"] >= 0.8


@pytest.mark.parametrize("lines, expected", [
    (["Tax Invoice", "KEDAI RUNCIT AH SENG SDN BHD", "No 3, Jalan Besar"],
     "Kedai Runcit Ah Seng Sdn Bhd"),
    (["Welcome To The Family", "Cedar Valley Pet Supplies", "12 Main Street"],
     "Cedar Valley Pet Supplies"),
    (["Welcome to Loaded Cafe", "12 Main Street"], "Loaded Cafe"),
    (["Cashier: Tan Woon Yann", "RECEIPT", "GOLDEN BOWL TERIYAKI LLC"],
     "Golden Bowl Teriyaki LLC"),
    (["CHURCH'S CHICKEN #4717", "7635 WINNETKA", "CANOGA PARK, CA"], "Church's Chicken"),
    (["8105 MADISON AVE", "FAIR OAKS,CA", "Server: Maria"], None),
    (["Shop", "Tax Invoice", "Thank you"], None),
])
def test_shop_names_without_a_brand_table(lines, expected):
    assert find_merchant(lines)[0] == expected


def test_a_malaysian_cash_bill():
    # a franchisee's name over the company's, the legal form misread (BND), a rounded total
    lines = ["TAN WOON YANN", "BOOK TA .K(TAMAN DAYA) SDN BND", "789417-W",
             "NO.53 55,57 & 59, JALAN SAGU 18,", "81100 JOHOR BAHRU,",
             "DOCUMENT NO : TD01167104", "DATE : 06/09/2017 8:13:39 PM", "CASHIER : MANIS",
             "CASH BILL", "KF MODELLING CLAY KIDDY FISH", "1 PC * 9.000 0.00 9.00",
             "ROUNDING ADJUSTMENT 0.00", "ROUNDED TOTAL (RM): 9.00", "CASH 10.00",
             "CHANGE 1.00", "THANK YOU"]
    receipt = parse(make_page(lines), today=TODAY)
    assert receipt.merchant == "Book Ta K Taman Daya Sdn Bnd"
    assert (receipt.country, receipt.purchase_date) == ("MY", date(2017, 9, 6))
    assert receipt.total == Decimal("9.00") and not receipt.needs_review


def test_a_larger_line_is_the_name():
    lines = ["Family Dining", "MOONSTAR", "12 Main Street"]
    assert find_merchant(lines, None, [20, 44, 20])[0] == "Moonstar"
    assert find_merchant(lines, None, [20, 20, 20])[0] == "Family Dining"
