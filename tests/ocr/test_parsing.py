from datetime import date
from decimal import Decimal

import pytest

from ocr import parse
from tests.ocr.synthetic import make_page

TODAY = date(2026, 3, 10)

GERMAN = [
    "BIOMARKT SONNE",
    "Hauptstraße 5",
    "10115 Berlin",
    "Tel. 030 1234567",
    "Milch 1L 1,29 A",
    "Brot 2,49 A",
    "Apfel 2 x 0,50 1,00 A",
    "Wein 6,99 B",
    "Pfand -0,25 A",
    "SUMME EUR 11,52",
    "BAR 20,00",
    "RÜCKGELD 8,48",
    "MWST 19% 1,12",
    "02.03.26 12:41",
]
ENGLISH = [
    "Corner Shop",
    "12 High Street",
    "Coffee 3.50",
    "Sandwich 4.25",
    "SUBTOTAL 7.75",
    "VAT 1.55",
    "TOTAL £9.30",
    "CASH 10.00",
    "CHANGE 0.70",
    "2 Mar 2026",
]


@pytest.mark.parametrize("lines, field, expected", [
    (GERMAN, "merchant", "Biomarkt Sonne"),
    (GERMAN, "purchase_date", date(2026, 3, 2)),
    (GERMAN, "currency", "EUR"),
    (GERMAN, "total", Decimal("11.52")),
    (GERMAN, "tax", Decimal("1.12")),
    (ENGLISH, "merchant", "Corner Shop"),
    (ENGLISH, "purchase_date", date(2026, 3, 2)),
    (ENGLISH, "currency", "GBP"),
    (ENGLISH, "subtotal", Decimal("7.75")),
    (ENGLISH, "tax", Decimal("1.55")),
    (ENGLISH, "total", Decimal("9.30")),
    (["SHOP", "ZU ZAHLEN 5,00"], "total", Decimal("5.00")),
    (["SHOP", "GESAMT", "5,00"], "total", Decimal("5.00")),
    (["SHOP", "Total 1,234.56"], "total", Decimal("1234.56")),
    (["SHOP", "Betrag EUR 1.234,56"], "total", Decimal("1234.56")),
    (["SHOP", "31.12.2026"], "purchase_date", None),
    (["SHOP", "Sum 3,00"], "currency", None),
])
def test_parse_fields(lines, field, expected):
    assert getattr(parse(make_page(lines), today=TODAY), field) == expected


def test_items_of_a_german_receipt():
    receipt = parse(make_page(GERMAN), today=TODAY)
    assert [(i.description, i.amount) for i in receipt.items] == [
        ("Milch 1L", Decimal("1.29")), ("Brot", Decimal("2.49")), ("Apfel", Decimal("1.00")),
        ("Wein", Decimal("6.99")), ("Pfand", Decimal("-0.25"))]
    assert [i.line_index for i in receipt.items] == [4, 5, 6, 7, 8]
    assert receipt.items[2].quantity == 2 and receipt.items[2].unit_price == Decimal("0.50")


def test_items_add_up_raises_total_confidence():
    receipt = parse(make_page(GERMAN), today=TODAY)
    assert receipt.items_add_up
    assert receipt.confidence["total"] > 0.9


def test_quantity_on_its_own_line_belongs_to_the_item_above():
    receipt = parse(make_page(["SHOP", "JOGHURT 0,70 C", "2 x 0,35", "SUMME 0,70"]), today=TODAY)
    assert len(receipt.items) == 1
    assert (receipt.items[0].quantity, receipt.items[0].unit_price) == (2, Decimal("0.35"))


@pytest.mark.parametrize("line", [
    "SUMME 5,00", "TOTAL 5.00", "BAR 5,00", "GEGEBEN 5,00", "RÜCKGELD 0,00", "EC-KARTE 5,00",
    "VISA 5.00", "CHANGE 0.00", "CASH 5.00", "MWST 19% 0,80", "VAT 0.80", "TAX 0.80",
])
def test_tender_total_and_tax_lines_are_not_items(line):
    assert parse(make_page(["SHOP", line]), today=TODAY).items == []


def test_empty_page_parses_to_nothing():
    receipt = parse(make_page([]), today=TODAY)
    assert (receipt.merchant, receipt.total, receipt.items) == (None, None, [])


@pytest.mark.parametrize("lines, expected", [
    # a weighed item: the weight line under the name, with the amount or under it
    (["SHOP", "BANANEN", "0,158 kg x 1,19 EUR/kg 0,19 A", "SUMME 0,19"],
     [("BANANEN", "0.19", "0.158", "1.19")]),
    (["SHOP", "Bananen 0,19 A", "0,162 kg x 1,15 EUR/kg", "SUMME 0,19"],
     [("Bananen", "0.19", "0.162", "1.15")]),
    # a quantity line above the item it counts, also behind a mark from the paper's edge
    (["SHOP", "2 x 1,19", "Milch 2,38 A", "SUMME 2,38"], [("Milch", "2.38", "2", "1.19")]),
    (["SHOP", "a3 2x 1,19", "Milch 2,38 A", "SUMME 2,38"], [("Milch", "2.38", "2", "1.19")]),
    # ... its count unreadable: the item's amount is a whole multiple of the unit price
    (["SHOP", "IX 0,99", "RIEGEL 2,97 B", "SUMME 2,97"], [("RIEGEL", "2.97", "3", "0.99")]),
    (["SHOP", "IX 0,99", "RIEGEL 2,98 B", "SUMME 3,97"],
     [("IX", "0.99", "1", None), ("RIEGEL", "2.98", "1", None)]),  # no multiple: an item
    # deposits and discounts, a discount opening with its rate (no tax row)
    (["SHOP", "Brot 2,49 A", "10% Rabatt -0,25", "Pfand 0,25", "Leergut -0,25", "SUMME 2,24"],
     [("Brot", "2.49", "1", None), ("10% Rabatt", "-0.25", "1", None),
      ("Pfand", "0.25", "1", None), ("Leergut", "-0.25", "1", None)]),
])
def test_item_fields(lines, expected):
    receipt = parse(make_page(lines), today=TODAY)
    assert [(i.description, i.amount, i.quantity, i.unit_price) for i in receipt.items] == [
        (d, Decimal(a), Decimal(q), Decimal(u) if u else None) for d, a, q, u in expected]
    assert receipt.items_add_up


@pytest.mark.parametrize("line", [
    "Einzelpreis EUR 9,95", "Stückpreis 1,99", "0,162 kg x 1,15 EUR/kg", "2 x 0,35",
    "a3 2x 0,78", "EUR 10,90", "C 7,00% 17,33 1,21 18,54", "A=19,00% 13,78", "zZ EUR",
])
def test_unit_prices_and_tax_rows_are_not_items(line):
    receipt = parse(make_page(["SHOP", "Brot 2,49", line]), today=TODAY)
    assert [i.amount for i in receipt.items] == [Decimal("2.49")]
