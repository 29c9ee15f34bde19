"""Habits of receipts from shops and countries the development sets do not show: what a shop
says was saved, a payment line at the top, year-first dates with slashes or dots, a month's
name with a dotted year, North American phone numbers and ZIP codes glued to their state."""
from datetime import date
from decimal import Decimal

import pytest

from ocr import parse
from ocr.parse.dates import find_dates
from ocr.parse.locale import receipt_locale
from ocr.parse.merchant import find_merchant
from tests.ocr.synthetic import make_page

TODAY = date(2026, 3, 10)


def parsed(lines):
    return parse(make_page(lines), today=TODAY)


@pytest.mark.parametrize("lines, total", [
    # a grocery's savings box over the items: neither line is what was paid
    (["GROCERY MART", "TOTAL NON-COUPON SAVINGS 4.26", "SAVINGS TOTAL 4.26", "ICE CREAM 5.99",
      "KETCHUP 1.59", "TOTAL TAX .00", "TOTAL 7.58", "EBT FOOD TENDER 7.58"], "7.58"),
    (["GROCERY", "BREAD 2.00", "TAX .00 BAL 2.00", "CASH 10.00", "CHANGE 8.00",
      "TOTAL SAVINGS 9.96"], None),
    (["SUPERMARKT", "Brot 2,49", "Summe 2,49", "Ihre Ersparnis gesamt 0,50"], "2.49"),
    (["SUPERMARCHÉ", "Pain 2,49", "Total économisé 0,50", "Total 2,49"], "2.49"),
    # a German restaurant's till: "Saldo" over the cash paid
    (["CAVALIERE", "Caprese 7,30", "Pinot Grigio 3,60", "Saldo €10,90", "Bar €10,90"], "10.90"),
    # Spanish: "TOT. COMPRA" with the count of articles before it
    (["CARREFOUR", "PAN 1,97", "ZUMO 1,05", "2 ART. TOT. COMPRA: 3,02"], "3.02"),
    # the count of items glued to "Total" in reading
    (["RAJ GAYLORD", "1 CHICKEN JALFREZI €15.95", "1 PILAU RICE €3.50", "2Total €19.45",
      "TABLE €19.45"], "19.45"),
    (["SARAS", "Daal Tadka 470.00", "Item Total: 470.00", "Tax 7%: 32.90",
      "Pay Amount: 502.90"], "502.90"),
    # a card slip without a total line: the amount charged to the card it names
    (["JENI'S SPLENDID ICE CREAMS, LLC", "Pre-Auth Completion", "AMEX 2004", "Auth: 576111",
      "Amount: $14.00", "CUSTOMER COPY"], "14.00"),
    (["PARKING", "Amount: $14.00"], None),  # no card named: an amount of what, unknown
    # tills of Central and Eastern Europe, the Baltic states and Turkey
    (["VIRU RESTORAN", "BigMac 1 60.00 60.00", "Ketsup 1 3.00 3.00", "KOKKU: 63.00",
      "Sularaha: 100.00", "Tagasi: 37.00"], "63.00"),
    (["BUGENVILA", "1,000x 100,00 G- 100,00", "1,000x 20,00 G- 20,00", "UKUPNO kn 120,00"],
     "120.00"),
    (["BÜFE", "Ayran 5,00", "Tost 15,00", "ARA TOPLAM 20,00", "KDV 1,60", "TOPLAM 21,60",
      "NAKIT 50,00", "PARA ÜSTÜ 28,40"], "21.60"),
    # a tax line misread ("Taxes" as "Tuxes") makes a second total line, below the subtotal:
    # the one not below it wins
    (["PYT", "Subtotal $57.00", "Total Tuxes $4.56", "Grand Total $61.56"], "61.56"),
])
def test_what_is_and_is_not_the_total(lines, total):
    assert parsed(lines).total == (Decimal(total) if total else None)


@pytest.mark.parametrize("lines, expected", [
    (["******CASH******", "PIZZA FARLIA", "019-6000350", "DELIVERY #10"], "Pizza Farlia"),
    (["VIJS RANGOLI", "1480 11TH AVENUE WEST", "DEBIT SALE", "Server#: 000099"],
     "Vijs Rangoli"),
    (["DEBIT SALE", "VIJS RANGOLI", "1480 11TH AVENUE WEST"], "Vijs Rangoli"),
    # how the meal is served is no name either
    (["Carry Out", "STEAK N SHAKE", "1280 N Main St"], "Steak N Shake"),
    (["Service en salle", "CAFE DE LA GARE", "12 rue de la Gare"], "Cafe De La Gare"),
    # a name finished below by its legal form after the country in brackets
    (["saras", "(Thailand) Co., Ltd.", "15, 1st Floor, Sukhumvit Soi 20,", "Bangkok 10110"],
     "saras Thailand Co Ltd"),
    # a shop whose name opens with a payment word keeps it
    (["CASH CONVERTERS", "12 High Street"], "Cash Converters"),
])
def test_a_payment_line_is_no_name(lines, expected):
    assert find_merchant(lines)[0] == expected


@pytest.mark.parametrize("lines", [
    ["DAIKO", "203-392-3626", "04/15/17 19:38"],  # North American, without brackets
    ["SALTWATER GRILL", "Howard Centre", "T: 0815586450"],  # labelled
    ["PIZZA FARLIA", "019-6000350", "DELIVERY #10"],  # alone, with its trunk prefix
])
def test_a_phone_number_under_the_name_makes_a_letterhead(lines):
    assert find_merchant(lines, [[0.95] * len(line.split()) for line in lines])[1] == 0.7


def test_a_store_number_after_the_name_is_no_word_read_too_badly():
    lines = ["SMASHBURGER #1407", "440 US 130", "609-308-2200"]
    assert find_merchant(lines, [[0.95] * len(line.split()) for line in lines]) == (
        "Smashburger", 0.7)


def test_a_receipt_number_among_words_is_no_phone():
    lines = ["CORNER SHOP", "Receipt 0123 4567 890", "BREAD 2.00"]
    assert find_merchant(lines, [[0.95] * len(line.split()) for line in lines])[1] == 0.5


@pytest.mark.parametrize("text, expected", [
    ("2016/05/04 16:26:26", date(2016, 5, 4)),  # Canada, Japan, China, Korea
    ("2016.05.04.", date(2016, 5, 4)),  # Hungary
    ("Feb 11.2012 10:03am", date(2012, 2, 11)),
    ("Feb11.2012", date(2012, 2, 11)),
    ("Invoice Date: August 3 , 2014", date(2014, 8, 3)),  # a space before the comma
    ("12.2016/05/04", None),  # no date glued to other numbers
    ("Tender Detail#: 1-01-1-01-001303", None),  # nor one inside a chain of numbers
    ("10/07/2025-15:25", date(2025, 10, 7)),  # a time after a dash is no such chain
    ("Jun 26.15", None),  # a dotted two-digit year may be a time or a price: not read
])
def test_year_first_and_dotted_dates(text, expected):
    dates = find_dates(text, TODAY)
    assert (dates[0] if dates else None) == expected


def test_a_zip_code_glued_to_its_state_says_month_first():
    locale = receipt_locale("PETER CHANG\n2503 N. HARRISON ST\nArlington,VA22207\nTax: 10.45")
    assert (locale.country, locale.day_first, locale.sure) == ("US", False, True)


def test_a_north_american_number_without_its_dash_reads_month_first():
    locale = receipt_locale("MEIJER\nDUBLIN, OH #58\n(614)7664494\nTOTAL 3.00")
    assert locale.country in ("US", "CA") and locale.day_first is False


def test_a_european_area_code_in_brackets_is_no_north_american_number():
    assert receipt_locale("BÄCKEREI\n(030)1234567\nSUMME 3,20").country != "US"


@pytest.mark.parametrize("lines, sure", [
    # the parts of the bill right above the total add up to it, however they are named
    (["FISH", "1 Crab Special 21.95", "1 PBR 2.50", "food 21.95", "liquor 2.50", "Tax 2.14",
      "Total Due 26.59"], True),
    (["ONE MILL STREET", "CALAMARI 16.00", "PORK CHOP 54.00", "FOOD TOTAL 70.00",
      "SVC CHG TOTAL 12.60", "TAX 3.50", "TOTAL DUE $86.10"], True),
    # a tip among them: the total with a tip is what was paid, not confirmed so
    (["FISH", "Crab Special 21.95", "Food 21.95", "Tip 4.00", "Total 25.95"], False),
    (["FISH", "Crab Special 21.95", "Food 21.95", "Total 25.95"], False),
])
def test_the_parts_above_a_total_confirm_it(lines, sure):
    receipt = parsed(lines)
    assert receipt.total == Decimal(lines[-1].split()[-1].lstrip("$"))
    assert (receipt.confidence["total"] >= 0.6) is sure


def test_a_web_address_printed_bare_spells_the_name():
    """"pizzahutfeedback.com.ph" without "www." names the shop above it, and a line holding
    the name in its web address is no fuller form of the name that would outrank it."""
    lines = ["Pizza Hut", "SM Masinag", "at pizzahutfeedback.com.ph", "put valid code on receipt",
             "to claim FREE BANANA SPLIT", "OFFICIAL RECEIPT"]
    assert find_merchant(lines, [[0.95] * len(line.split()) for line in lines]) == (
        "Pizza Hut", 0.85)


def test_the_end_of_a_total_rounded_at_the_till_read_without_its_word():
    receipt = parsed(["NANDO'S", "Full Platter 55.00", "Serv Chrg @10% 5.50", "GST @6% 3.63",
                      "Total: 64.13", "Rounding Adj 0.02", "AmtDue 64.15"])
    assert receipt.total == Decimal("64.15")
    receipt = parsed(["NANDO'S", "Full Platter 55.00", "Serv Chrg @10% 5.50", "GST @6% 3.63",
                      "Total: 64.13", "Rounding Adj 0.02", "Customer 64.15"])
    assert receipt.total == Decimal("64.15")


def test_a_subtotal_read_without_its_last_letter():
    receipt = parsed(["LONE STAR CAFE", "Fried Pickles $6.99", "Onion Rings $8.99",
                      "Sub-Tota $15.98", "Sales Tax $1.32", "Total $17.30"])
    assert (receipt.subtotal, receipt.total) == (Decimal("15.98"), Decimal("17.30"))
