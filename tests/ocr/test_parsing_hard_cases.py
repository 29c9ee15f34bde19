"""Parser tables for the hard cases: decimal conventions, negative and quantity lines, tax,
subtotal and tender lines, cross-checked totals, locale-dependent dates, noisy merchants."""
from datetime import date
from decimal import Decimal

import pytest

from ocr import parse
from ocr.parse.dates import find_dates
from ocr.parse.merchant import find_merchant
from tests.ocr.synthetic import make_page

TODAY = date(2026, 3, 10)
D = Decimal


def parsed(lines):
    return parse(make_page(lines), today=TODAY)


@pytest.mark.parametrize("lines, total, item_amounts", [
    (["SHOP", "TV 1,234.56", "TOTAL 1,234.56"], "1234.56", ["1234.56"]),
    (["SHOP", "TV 1.234,56 A", "SUMME 1.234,56"], "1234.56", ["1234.56"]),
    (["SHOP", "Milch 1,29 A", "Pfand 0,25 A", "Leergut 0,75-", "SUMME 0,79"],
     "0.79", ["1.29", "0.25", "-0.75"]),
    (["SHOP", "Brot 2,49", "Rabatt -0,50", "SUMME EUR 1,99"], "1.99", ["2.49", "-0.50"]),
    (["SHOP", "Apples 2 @ 3.49 6.98", "TOTAL $6.98"], "6.98", ["6.98"]),
    # the word TOTAL misread: a letter dropped, an o read as zero
    (["SHOP", "2 PC CHICKEN 10.94", "TOTL 10.94", "CASH 11.00"], "10.94", ["10.94"]),
    (["SHOP", "Fries 2.99", "Tota 2.99"], "2.99", ["2.99"]),
    (["SHOP", "Fries 2.99", "T0TAL 2.99"], "2.99", ["2.99"]),
    (["SHOP", "Joghurt 0,70 C", "2 x 0,35", "SUMME 0,70"], "0.70", ["0.70"]),
    (["SHOP", "PFAND 0,28xC", "SALAT 2,42*B", "SUMME 2,70"], "2.70", ["0.28", "2.42"]),
    (["SHOP", "Lampe 14,99 0)", "Kabel 10,00...0", "Summe 24,99"], "24.99", ["14.99", "10.00"]),
    (["SHOP", "4006825607727 Spindelmäher", "1.000 STK 49.99 19", "SUMME EUR 49.99"],
     "49.99", ["49.99"]),
    (["SHOP", "Tea 3.00", "Cake 7.00", "SUBTOTAL 10.00", "TAX 0.80", "TOTAL 10.80",
      "CASH 20.00", "CHANGE 9.20"], "10.80", ["3.00", "7.00"]),
    (["SHOP", "Brot 5,00", "SUMMEEUR 5,00"], "5.00", ["5.00"]),  # engine dropped a space
    (["SHOP", "Vin 5,00", "TOTAL EUR 5,00", "TVA 20% 0,83", "ESPECES 10,00", "RENDU 5,00"],
     "5.00", ["5.00"]),
    # a quantity line above the item it counts is no item of its own
    (["SHOP", "2 Rolle x 4,85", "PARKETTZUBEHÖR 9,70 1", "5 Pack x 18,50",
      "Bodenunterlage SELIT 92,50 1", "SUMME EUR 102,20"], "102.20", ["9.70", "92.50"]),
    # the total line unreadable, the total from the tax table's sum row further down:
    # items still end at the first total line, and tax rows are no items
    (["SHOP", "Kamm €1,83 B", "Feile €1,49 A", "Total FEUER", "Bar €20,00",
      "Rickgeld €16,68", "A 19% 1,25 0,24 1,49", "MwSt Total 2,79 0,53 3,32"],
     "3.32", ["1.83", "1.49"]),
])
def test_totals_and_items(lines, total, item_amounts):
    receipt = parsed(lines)
    assert receipt.total == D(total)
    assert [i.amount for i in receipt.items] == [D(a) for a in item_amounts]
    assert receipt.items_add_up
    assert receipt.confidence["total"] >= 0.9


def test_quantity_and_unit_price_of_an_at_sign_line():
    item = parsed(["SHOP", "Apples 2 @ 3.49 6.98", "TOTAL 6.98"]).items[0]
    assert (item.description, item.quantity, item.unit_price) == ("Apples", 2, D("3.49"))


def test_a_confirmed_total_wins_over_a_misread_first_one():
    receipt = parsed(["SHOP", "Milch 1,00", "Brot 2,00", "SUMME 8,00", "ZU ZAHLEN 3,00"])
    assert receipt.total == D("3.00") and receipt.confidence["total"] >= 0.9


@pytest.mark.parametrize("lines, total, low", [
    (["SHOP", "Milch 1,00", "SUMME 5,00"], "5.00", True),  # does not add up: review
    (["SHOP", "Milch 1,00", "SUMME 5,00", "EC-KARTE 5,00"], "5.00", False),  # but was paid
    (["SHOP", "SUMME 5,00", "VISA 5,00"], "5.00", False),
    # cash given less the change given back
    (["SHOP", "Milch 1,00", "SUMME EUR 16,62", "Bar EUR 20,00", "RÜCKGELD EUR 3,38"],
     "16.62", False),
    (["SHOP", "Milch 1,00", "ZU ZAHLEN 7,16", "Bar 10,00", "Rückgeld -2,84"], "7.16", False),
    # the tax table: net + tax = gross per row, rows summed, or its own sum row
    (["SHOP", "Milch 1,00", "SUMME 24,23", "C 7,00% 17,33 1,21 18,54",
      "D 19,00% 4,78 0,91 5,69"], "24.23", False),
    (["SHOP", "Milch 1,00", "zu zahlen 7,16", "A 7% 0,4 6,69 7,16x", "Summe 0,47 6,69 7,16"],
     "7.16", False),
    (["SHOP", "Milch 1,00", "SUMME 24,23", "C 7,00% 17,33 1,21 18,54"], "24.23", True),
    # the total line misread; the tax table's sum row (net + tax = gross) is a total line
    (["SHOP", "Brille 1,95", "Total 21,95", "Bar 82,00", "MwSt Total 1,64 0,31 1,95"],
     "1.95", False),
    # no readable total line: the card payment, confirmed by the items
    (["APOTHEKE", "Tabletten 2*9,95 EUR 19,90", "Summe EUR 19,%",
      "gegeben Kreditkarte EUR 19,90"], "19.90", False),
    (["SHOP", "Summe EUR 19,%", "Bar 20,00", "Rückgeld 0,10"], None, True),
    # the total line misread, but subtotal + tax and cash - change agree
    (["SHOP", "Sofa 1,642.00", "SUBTOTAL 1,658.55", "TAX 8.0% 132.68", "TOTAL $ 1./91.23",
      "CASH 1,800.00", "CHANGE 8.77"], "1791.23", False),
    # the total line misread by one digit: the items' sum, when the tax at its printed rate
    # is that sum's share to the cent and not the misread total's
    (["SHOP", "Cheddar 6,57", "Butter 16,82", "Coffee 11,94", "TOTAL EUR 35,83",
      "TVA 19% 5,64"], "35.33", False),
    (["SHOP", "Cheddar 6,57", "Butter 16,82", "Coffee 11,94", "TOTAL EUR 35,83",
      "TVA 19% 5,72"], "35.83", True),  # the tax says the total was right
    (["SHOP", "Cheddar 6,57", "Butter 16,82", "Coffee 11,94", "TOTAL EUR 35,88",
      "TVA 19% 5,64"], "35.88", True),  # two digits apart: no misread
    (["SHOP", "Milch 1,00", "Brot 2,00", "SUMME 3,01", "MwSt 7% 0,20"], "3.01", True),
    (["SHOP", "Milch 1,00", "Brot 2,00", "SUMME 3,01"], "3.01", True),  # no tax line
    # a stray digit glued to the change
    (["SHOP", "Milch 1,00", "SUMME EUR 41,30", "BAR 50,00", "RÜCKGELD 8,700"], "41.30", False),
    (["SHOP", "Milch 1,00", "SUMME EUR 41,30", "BAR 50,00", "RÜCKGELD 8,709"], "41.30", True),
    # the card line repeats the total with its comma read as a digit, and nothing else
    (["SHOP", "Milch 1,00", "zu zahlen 19,77", "Kreditkarte 19377"], "19.77", False),
    (["SHOP", "Milch 1,00", "zu zahlen 19,77", "Kreditkarte 1977"], "19.77", False),
    (["SHOP", "Milch 1,00", "zu zahlen 19,77", "Kreditkarte 19378"], "19.77", True),
    (["SHOP", "Milch 1,00", "zu zahlen 19,77", "Karte 4556 19377"], "19.77", True),
    # a tax row whose net and tax add up to its gross but for the rounding cent
    (["SHOP", "Milch 1,00", "SUMME EUR 36,20", "B 7% 27,46 1,92 29,37",
      "C 19% 5,74 1,09 6,83"], "36.20", False),
    (["SHOP", "Milch 1,00", "SUMME EUR 36,20", "B 7% 27,46 1,92 29,36",
      "C 19% 5,74 1,09 6,83"], "36.20", True),
])
def test_total_confidence_says_what_confirmed_it(lines, total, low):
    receipt = parsed(lines)
    assert receipt.total == (D(total) if total else None)
    assert (receipt.confidence["total"] < 0.6) is low


@pytest.mark.parametrize("line", [
    "BAR 20,00", "RÜCKGELD 8,48", "CHANGE 0.70", "CASH 10.00", "EC-KARTE 5,00",
    "Kartenzahlung 5,00", "MWST 19% 1,12", "VAT 1.55", "TVA 20% 0,83", "ESPECES 10,00",
    "VAT19% 0.80", "TAX8.0% 4.91",
])
def test_tender_and_tax_lines_are_not_items(line):
    receipt = parsed(["SHOP", "Brot 5,00", line, "SUMME 5,00"])
    assert [i.amount for i in receipt.items] == [D("5.00")]


@pytest.mark.parametrize("text, day_first, expected", [
    ("08.04.2009:51", True, date(2020, 4, 8)),  # time glued to the date
    ("18.05.202016:07", True, date(2020, 5, 18)),
    ("AS-Zeit 19.05. 16:04 Uhr", True, None),  # day and time, no year
    ("03/02/2026", True, date(2026, 2, 3)),
    ("03/02/2026", False, date(2026, 3, 2)),
    ("Mar 02, 2026", False, date(2026, 3, 2)),
    ("02 Mar 2026", True, date(2026, 3, 2)),
    ("2026-03-02", True, date(2026, 3, 2)),
    ("02.03.26", True, date(2026, 3, 2)),
    ("01.01.1990", True, None),  # before the plausible limit
    # RapidOCR glues the time to every kind of date
    ("10/07/202515:25", True, date(2025, 7, 10)),
    ("2025-10-1919:00", False, date(2025, 10, 19)),
    ("04Feb202607:48", True, date(2026, 2, 4)),
    ("Feb26,202607:26", False, date(2026, 2, 26)),
    ("Dec 10,2025 08:41", False, date(2025, 12, 10)),
    ("25497M0391011551531.01.201914:59", True, date(2019, 1, 31)),  # glued to a till number
    ("1551531.01.2019", True, None),  # without a time after it, digits are just digits
    ("REF 8812 07/MAR/2019 10:02", True, date(2019, 3, 7)),  # a month's name between slashes
    # a date printed without separators, read only where a time follows it
    ("0071 07032019 10:02:11 POS2", True, date(2019, 3, 7)),
    ("DATE/TIME : 20190307/100211", True, date(2019, 3, 7)),
    ("BARCODE 07032019", True, None),
    ("SKU 20190307 A", True, None),
    ("27Dec´16 17:58", True, date(2016, 12, 27)),  # an acute accent or a curly apostrophe
    ("Sep07’18", False, date(2018, 9, 7)),
])
def test_dates(text, day_first, expected):
    dates = find_dates(text, TODAY, day_first)
    assert (dates[0] if dates else None) == expected


def test_date_order_follows_the_currency():
    assert parsed(["SHOP", "03/02/2026", "TOTAL £5.00"]).purchase_date == date(2026, 2, 3)
    assert parsed(["SHOP", "03/02/2026", "TOTAL $5.00"]).purchase_date == date(2026, 3, 2)
    assert parsed(["SHOP", "03/02/2026", "SUMME 5,00"]).purchase_date == date(2026, 2, 3)
    assert parsed(["SHOP", "03/02/2026", "VAT 1.00", "TOTAL 5.00"]).purchase_date == \
        date(2026, 2, 3)
    # the rate glued to the tax word still says the UK
    assert parsed(["SHOP", "03/02/2026", "TOTAL 5.00", "VAT19% 0.80"]).purchase_date == \
        date(2026, 2, 3)


@pytest.mark.parametrize("lines, confidences, expected", [
    (["LIDE", "Warburger Straße 130"], None, "Lidl"),  # one letter misread
    (["L4DE.", "Warburger Straße 130"], None, "Lidl"),  # a digit for a letter
    (["Ldl", "Warburger Straße 130"], None, "Lidl"),  # a letter lost
    (["L+DI", "Warburger Straße 130"], None, None),  # Lidl or Aldi: unsure, so no guess
    (["Lidl thee ins", "Marktkauf Lehr", "www.marktkauf-lehr.de"], None, "Marktkauf"),
    (["Fi DELPHIN", "APOTHEKE", "Detmolder Straße 8"], [[0.3, 0.9], [0.9], [0.9, 0.9, 0.9]],
     "Delphin Apotheke"),
    (["Bip Aa en", "EUR", "Corner Shop"], None, "Corner Shop"),  # logo fragments, currency
    (["Emmentaler Stück 1,59 A", "SUMME 1,59"], None, None),  # an item line is no name
])
def test_merchant(lines, confidences, expected):
    assert find_merchant(lines, confidences)[0] == expected


@pytest.mark.parametrize("lines, total, item_amounts", [
    # an amount larger than the total (plus refunds) is no price: a misread article number
    (["SHOP", "Honig 3,00", "Joghurt 935,51", "Brot 2,49", "SUMME 5,49"],
     "5.49", ["3.00", "2.49"]),
    (["SHOP", "Kiwi 4003", "7221,00", "Brot 2,49", "SUMME EUR 2,49"], "2.49", ["2.49"]),
    # ... but a refund below it makes room for it
    (["SHOP", "Fernseher 20,00", "Rabatt -15,00", "SUMME 5,00"], "5.00", ["20.00", "-15.00"]),
    # ... even one read only by the repair (ocr.parse.repair), as long as it is not absurd
    (["SHOP", "Brot 2,49 A", "LEERGUT -D,50xC", "SUMME 1,99"], "1.99", ["2.49", "-0.50"]),
    # a unit price is no item of its own
    (["APOTHEKE", "2 * Atemschutzmaske FFP 1St", "08001287 2*9,95 EUR 19,90",
      "Einzelpreis EUR 9,95", "Summe EUR 19,90"], "19.90", ["19.90"]),
    # a quantity line above its item, behind marks from the paper's edge
    (["SHOP", "a 2x 0,99", "MORTADELLA 1,98 B", "3 2x 0,39", "VOLLK.KUMPEL 0,78 B",
      "SUMME EUR 2,76"], "2.76", ["1.98", "0.78"]),
    # the count of items ends them ("nn HL 6.00" under it is no item)
    (["SHOP", "RIEGEL 2,97 B", "Zeitschriften 14,90*B", "Posten: 193 nen", "nn HL 6.00",
      "SUMME EUR 17,87"], "17.87", ["2.97", "14.90"]),
    # a quantity line whose count reads as letters, over an item a multiple of its price
    (["SHOP", "EN 0,49", "KIWIS 0,98 B", "SUMME EUR 0,98"], "0.98", ["0.98"]),
    # a price with its currency after it closes an item line; a price per litre no item
    (["TANKSTELLE", "x 26,97 Liter SAULENNUMMER 2", "*Super E5 A 39.35 EUR",
      "1,459 EUR/LIter", "Kartenzahlung", "Betrag: EUR 39,35"], "39.35", ["39.35"]),
    # a tax class marked W (an item with a deposit)
    (["SHOP", "TONIC WATER 1,19 CW", "PFAND 0,25*C", "SUMME EUR 1,44"], "1.44",
     ["1.19", "0.25"]),
    # the items end at the tax table's header: its rows and the card slip are no items
    (["TANKSTELLE", "Kartenzahlung", "Super bleifrei 34,00 EUR A", "Netto MwSt Brutto",
      "A 19,00% DI 34,00", "Debit Mastercard", "DE 9,96", "Betrag: EUR 34,00"],
     "34.00", ["34.00"]),
    # the total line unreadable: the card slip's amount under the card's name, items ending
    # at the unreadable total line
    (["SHOP", "Salat 1,79 C", "Wraps 1,00 C", "ZU ZAHLEN EURO 2,793", "Kartenzahlung",
      "Debit MasterCard", "EUR 2,79"], "2.79", ["1.79", "1.00"]),
])
def test_what_is_no_item(lines, total, item_amounts):
    receipt = parsed(lines)
    assert receipt.total == D(total)
    assert [i.amount for i in receipt.items] == [D(a) for a in item_amounts]
    assert receipt.items_add_up and receipt.confidence["total"] >= 0.9


@pytest.mark.parametrize("lines, item_amounts", [
    (["SHOP", "Tonic 1,59 C", "a3 2x 0,78", "SUMME 1,59"], ["1.59"]),  # a unit price
    (["SHOP", "Bananen 0,19 A", "0,162 kg x 1,15", "SUMME 0,19"], ["0.19"]),  # price per kg
    (["SHOP", "Brot 2,49", "| EUR 2,49", "SUMME 2,49"], ["2.49"]),  # no name
    # near misses: a name with an x, a header line naming the tax before any item
    (["SHOP", "Alle Preise in EUR inkl. MwSt", "Brutto-Netto Info", "Ax 2,49", "SUMME 2,49"],
     ["2.49"]),
    (["SHOP", "Milch 3,5% 1,09", "Eier 10 x 2,50", "SUMME 3,59"], ["1.09"]),
    # before any item, an article count is a header line; a two-letter name is a name
    (["SHOP", "Artikel 50319963 22621", "POANG Polster 20,00 0", "Summe 20,00"], ["20.00"]),
    (["SHOP", "Öl 2,49", "Brot 2,50", "SUMME 4,99"], ["2.49", "2.50"]),
    (["SHOP", "TEE 1,00", "KAFFEE 3,00", "SUMME 4,00"], ["1.00", "3.00"]),
    # an item dearer than the total but not twice: a refund may have gone unread
    (["SHOP", "Brot 2,49 A", "Leergut Pfand", "SUMME 1,99"], ["2.49"]),
    (["SHOP", "Brot 2,49 A", "Honig 3429,26", "SUMME 1,99"], ["2.49"]),
    # tax table rows open with class and rate; the table's header ends the items even
    # before any item was read, when rows follow it
    (["TANKSTELLE", "Super bleifrei 4,00 EUR A dx", "Netto MwSt Brutto", "1.10 Ang I E",
      "8: 19,00% PolsT DI 34,00", "Debit Mastercard", "n7 no ana ,E9,96",
      "Betrag: EUR 34,00"], []),
    (["SHOP", "Brot 2,49", "C 7,00% 17,33", "019% 15,68 2.98", "SUMME 2,49"], ["2.49"]),
    (["SHOP", "Rum 40% 5,09 B", "ECHTER RUM 40%VOL. 5,09", "Milch 3,5% 1,09",
      "SUMME 11,27"], ["5.09", "5.09", "1.09"]),
])
def test_lines_that_are_no_items(lines, item_amounts):
    assert [i.amount for i in parsed(lines).items] == [D(a) for a in item_amounts]


def test_items_that_do_not_add_up_leave_the_total_to_review():
    receipt = parsed(["SHOP", "Honig 3,00", "Joghurt 0,35", "SUMME 5,49"])
    assert receipt.total == D("5.49") and not receipt.items_add_up
    assert receipt.confidence["total"] < 0.6 and receipt.confidence["items"] < 0.6


@pytest.mark.parametrize("lines, total", [
    # the total line unreadable, no payment printed: the subtotal and the tax under it
    (["SHOP", "Taco 3.00", "Horchata 2.99", "Subtotal $5.99", "Tax $0.42", "Total a"], "6.41"),
    (["SHOP", "Soup 5.95", "Pork Chop 21.95", "SUBTOTAL 27.90", "Tax 2.48"], "30.38"),
    # a tip under the subtotal: what was bought is not known, so no total is made up
    (["SHOP", "Soup 5.95", "SUBTOTAL 5.95", "Tax 0.53", "Tip 1.00", "Total ."], None),
])
def test_total_from_the_subtotal_and_its_tax_is_a_guess_for_review(lines, total):
    receipt = parsed(lines)
    assert receipt.total == (D(total) if total else None)
    assert receipt.confidence["total"] < 0.6 and receipt.needs_review



@pytest.mark.parametrize("lines, total, sure", [
    # a total per tax rate is the goods at that rate, not the receipt's total
    (["SHOP", "ROTI 2.00 10 20.00", "TOTAL 0% SUPPLIES: 20.00", "KEK 1.00 5 5.00",
      "TOTAL 6% SUPPLIES (EXCL. GST): 5.00", "GST: 0.30",
      "TOTAL 6% SUPPLIES (INC. GST): 5.30", "TOTAL PAYABLE: 25.30"], "25.30", False),
    # ... but a total naming the tax it includes with its rate is the total
    (["SHOP", "Brot 2,50", "Käse 3,00", "Total inkl. 7% MwSt 5,50"], "5.50", True),
    # a total without its tax is the subtotal; the sum with the tax printed below is the total
    (["SHOP", "CUP 2 14.90 29.80", "TOTAL EXCL 28.11", "ADD : GST @ 6% ON 1.69", "29.80",
      "CASH 50.00", "CHANGE 20.20"], "29.80", True),
    # a rounding adjustment with its minus before the currency
    (["SHOP", "RICE RM7.72", "TOTAL AMOUNT: RM7.72", "ROUNDING: -RM0.02",
      "NETT TOTAL: RM7.70", "CASH RM10.00", "CHANGE RM2.30"], "7.70", True),
    (["SHOP", "TEA 2 1.50 3.00", "NOODLES 1 12.00 12.00", "GROSS AMT : 15.00",
      "NET AMT : 15.00"], "15.00", True),
    # a service charge however short ("SRV CHG") is added to the subtotal like the tax
    (["SHOP", "MILO 7.45", "NASI LEMAK 35.66", "SUBTOTAL 43.11", "10% SRV CHG 4.31",
      "6% GST 2.85", "TOTAL: 50.27"], "50.27", True),
    # a discount under the subtotal is taken off it; what was handed over less the change
    (["SHOP", "PIZZA 15.60", "SUB-TOTAL : 15.60", "COUPON DISCOUNT : 8.90",
      "GRAND TOTAL : 6.70"], "6.70", True),
    (["SHOP", "PIZZA 15.60", "GRAND TOTAL : 6.70", "PAYMENT : 50.00", "CHANGE DUE : 43.30"],
     "6.70", True),
    # a total rounded to the coin at the till, without a rounding line: what was paid
    (["SHOP", "NASI LEMAK 46.89", "TOTAL : 46.89", "PAYMENT 56.90", "CHANGE DUE 10.00"],
     "46.90", True),
    # the tax under the subtotal was included where cash less change is the subtotal
    (["SHOP", "TEA 33.80", "SUBTOTAL : 33.80", "6% GST 0.77", "CASH 50.00",
      "CASH CHANGE 16.20"], "33.80", True),
    # a total's word glued to what it totals ("GRANDTOTAL", "FUELTOTAL")
    (["SHOP", "REGULAR 6.69", "FUELTOTAL $6.69", "VISA $6.69"], "6.69", True),
    # a subtotal with nothing added, what was paid: the total
    (["SHOP", "FLAT WHITE 3.20", "CROISSANT 3.20", "Subtotal 6.40", "Cash 10.00",
      "Change 3.60"], "6.40", True),
    # two subtotals (a bar's and a kitchen's) with the tax make the total
    (["SHOP", "Bar Subtotal: 7.98", "Food Subtotal: 21.17", "Tax: 1.90", "TOTAL: $31.05"],
     "31.05", True),
    # column headings naming a "total" do not end the items
    (["SHOP", "QTY DESCRIPTION TOTAL TAX", "1 RICE 9.90 SR", "1 TEA 1.50 SR",
      "TOTAL (EXCLUDING GST): 11.40", "SERV. CHARGE (3%): 0.34", "GST PAYABLE (6%): 0.70",
      "TOTAL (INCLUSIVE OF GST): 12.44"], "12.44", True),
])
def test_which_total_line_is_the_receipts(lines, total, sure):
    receipt = parsed(lines)
    assert receipt.total == D(total)
    assert (receipt.confidence["total"] >= 0.6) == sure


@pytest.mark.parametrize("lines, total, items", [
    # prices in whole units, thousands grouped by a dot or a comma (rupiah, yen, won)
    (["WARUNG MAKAN SARI", "Jl. Melati No. 12", "Nasi Goreng 25.000", "Es Teh 2 10.000",
      "Subtotal 35.000", "PB1 10% 3.500", "TOTAL 38.500", "Tunai 50.000", "Kembali 11.500"],
     "38500", ["25000", "10000"]),
    (["KOPI PAGI", "2 Kopi Susu 36,000", "1 Roti 15,000", "Total 51,000", "Cash 100,000",
      "Change 49,000"], "51000", ["36000", "15000"]),
    # whole numbers after the currency's sign: rupees, yen
    (["HOTEL RECEIPT", "Room 1 Night Rs 1939", "Grand Total Rs 1939",
      "Balance Rs 0"], "1939", ["1939"]),
    (["KISSA", "Coffee ¥480", "Toast ¥350", "Total ¥830"], "830", ["480", "350"]),
    # one grouped number among prices with cents is no sign of whole units
    (["SHOP", "Käse 1.000 kg 12,99", "Brot 2,49", "SUMME 15,48"], "15.48", ["12.99", "2.49"]),
    (["SHOP", "Tea Rs 45.50", "Cake Rs 60.00", "Total Rs 105.50"], "105.50", ["45.50", "60.00"]),
])
def test_receipts_in_whole_units(lines, total, items):
    receipt = parsed(lines)
    assert receipt.total == D(total)
    assert [item.amount for item in receipt.items] == [D(amount) for amount in items]
    assert receipt.confidence["total"] >= 0.9


def test_the_rupiah_is_named_by_its_sign():
    assert parsed(["TOKO", "Gula 15.000", "TOTAL Rp 15.000", "Tunai Rp 20.000"]).currency == "IDR"


def test_an_indonesian_receipt():
    """A document title above the name ("Struk Pembayaran"), "Jl." read "JI.", the tax
    number (NPWP) saying Indonesia, so "Tgl: 03-12-25" is the 3rd of December."""
    receipt = parsed(["STRUK PEMBAYARAN", "Toko Hewan Tebet", "JI. Sudirman No. 14",
                      "Denpasar, Bali 80413", "Telp. (022) 873-5814", "NPWP: 95.665.633.3-815.623",
                      "Tgl: 03-12-25 17:07", "Kasir: Budi", "Kopi Bubuk 200g 102.200",
                      "Pasta Gigi 41.500", "TOTAL 143.700", "Tunai 150.000",
                      "Kembali 6.300"])
    assert receipt.merchant == "Toko Hewan Tebet"
    assert receipt.purchase_date == date(2025, 12, 3)
    assert receipt.total == D("143700")
    assert receipt.country == "ID"
