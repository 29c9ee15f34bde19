"""The parser returns a result for any text: arbitrary lines, words and numbers, alone and
mixed with the pieces receipts are made of (amounts, dates, quantities, totals, taxes,
tips, rounding, currencies). What it cannot read it leaves empty, and such a receipt goes to
review; it never raises."""
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocr import parse
from ocr.parse.total_choice import choose_total
from ocr.types import TEXT_LAYER, ParsedReceipt
from tests.ocr.synthetic import make_page

TODAY = date(2026, 3, 10)
PIECES = st.sampled_from([
    "TOTAL", "Total Amount", "Nett Total", "Amount Due", "SUMME", "Zwischensumme", "Sub Total",
    "GST 6%", "MwSt 19%", "Tax", "Tip", "Suggested Tip 18%:", "Rounding Adj", "CASH", "Change",
    "Rückgeld", "VISA", "x", "@", "*", "kg", "EUR", "RM", "$", "€", "£", "S$", "Sdn Bhd", "GmbH",
    "Welcome to", "Tax Invoice", "Cashier:", "Table 12", "Datum", "Date:", "%", "-", "/", ":",
    "0,00", "0.00", "0 x 0,00", "0,000 kg x 0,00 EUR/kg", "IX 0,00", "EN 0,00", "2 x 0,00",
    "00/00/00", "31/02/2019", "06/09/2017", "13-Jul-2018", "Jun28'17", "29.02.2023", "99:99",
    "Siège social :", "au capital de", "RCS", "Registered office:", "HRB", "Bill To:", "Rs",
    "¥", "SAS", ",", "a_b",
])
NUMBERS = st.one_of(
    st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(
        lambda d: f"{d:.2f}".replace(".", ",")),
    st.integers(min_value=0, max_value=10**12).map(str))
WORDS = st.one_of(PIECES, NUMBERS, st.text(min_size=1, max_size=12).filter(str.strip))
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=7).map(" ".join), max_size=30)


def review_or_fields(receipt: ParsedReceipt) -> bool:
    """A receipt missing a key field is one a person reviews."""
    missing = None in (receipt.merchant, receipt.purchase_date, receipt.total)
    return not missing or receipt.needs_review


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from([None, "DE", "US", "MY", "GB", "FR", "xx"]),
       st.sampled_from(["fake", TEXT_LAYER]))
def test_any_lines_parse_without_an_exception(lines, country, engine):
    receipt = parse(make_page(lines, engine), today=TODAY, country=country)
    assert isinstance(receipt, ParsedReceipt)
    assert review_or_fields(receipt)
    assert all(0.0 <= value <= 1.0 for value in receipt.confidence.values())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=20), st.sampled_from(["fake", TEXT_LAYER]))
def test_any_text_parses_without_an_exception(lines, engine):
    receipt = parse(make_page(lines, engine), today=TODAY)
    assert review_or_fields(receipt)


def test_a_unit_price_read_as_zero_is_no_division():
    # the crash seen on a real receipt: a quantity line whose unit price reads 0,00
    receipt = parse(make_page(["SHOP", "RIEGEL 2,97", "X 0,00", "SUMME 2,97"]), today=TODAY)
    assert receipt.total == Decimal("2.97")


def test_the_total_of_nothing_is_none():
    assert choose_total([], None, None, None) == (None, [], 0.0)
