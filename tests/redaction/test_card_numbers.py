"""Card numbers: tables of lines and whether (and where) a card number is found."""
import pytest

from redaction import analyze
from redaction.recognizers import CardNumberRecognizer, MaskedCardNumberRecognizer, Registry

CARDS = Registry([CardNumberRecognizer(), MaskedCardNumberRecognizer()])


def found_text(make_page, *lines):
    page = make_page(*lines)
    return [page.lines[f.line_index].text[f.start:f.end]
            for f in analyze(page, registry=CARDS) if f.category == "card_number"]


@pytest.mark.parametrize("line, expected", [
    ("VISA 4111 1111 1111 1111", "4111 1111 1111 1111"),
    ("4111111111111111", "4111111111111111"),
    ("Karte: 5500-0000-0000-0004", "5500-0000-0000-0004"),
    ("AMEX 3782 822463 10005", "3782 822463 10005"),
    ("Mastercard 5123456789012346 EUR 12,99", "5123456789012346"),
    ("Kreditkarte 4222222222222", "4222222222222"),           # 13 digits needs card words
    ("Karte 4111 1111 1111 1112", "4111 1111 1111 1112"),     # OCR misread: card words
    ("Betrag 12,99 4532 0151 1283 0366", "4532 0151 1283 0366"),
    ("Nr 1002003004005005", "1002003004005005"),  # 16 digits, Luhn-valid: no card words needed
])
def test_card_numbers_are_found(make_page, line, expected):
    assert found_text(make_page, line) == [expected]


@pytest.mark.parametrize("line", [
    "Bestellnr. 1002003004005005",          # order number, Luhn-valid by chance
    "Order 4532 0151 1283 0366",            # order words outweigh the checksum
    "Auftrag 4111111111111112",
    "4006381333931 Milch 1,29",             # EAN-13, fails Luhn
    "5901234123457 Brot 2,49",              # EAN-13 that also passes Luhn by chance
    "EAN 5901234123457",
    "20240312143512",                       # timestamp, passes Luhn, only 14 digits
    "12.03.2024 14:35:12",
    "2024-03-12 14:35 Kasse 3 Bon 4711",
    "SUMME EUR 1.234,56",
    "1 234 567,89",
    "Tel +49 4111 1111 1111 1111",          # a phone number, whatever Luhn says
    "RX 7900 XT Grafikkarte 649,00",
    "4111 1111 1111 1112",                  # Luhn-invalid without card words
    "Rechnung 123456789012",                # 12 digits: too short
])
def test_near_misses_are_not_cards(make_page, line):
    assert found_text(make_page, line) == []


def test_card_word_on_the_line_above_counts(make_page):
    assert found_text(make_page, "Kartennummer:", "4222222222222") == ["4222222222222"]


def test_card_number_split_into_uneven_words(make_page):
    page = make_page("Visa 41111 111 11111111")
    findings = analyze(page, registry=CARDS)
    assert len(findings) == 1
    assert page.lines[0].text[findings[0].start:findings[0].end] == "41111 111 11111111"
    assert findings[0].boxes == tuple(w.box for w in page.lines[0].words[1:])


def test_two_cards_in_one_run_are_both_found(make_page):
    assert found_text(make_page, "Karten 4111 1111 1111 1111 5500 0000 0000 0004") == [
        "4111 1111 1111 1111", "5500 0000 0000 0004"]


@pytest.mark.parametrize("line, expected", [
    ("VISA **** **** **** 1234", "**** **** **** 1234"),
    ("Karte XXXXXXXXXXXX1234", "XXXXXXXXXXXX1234"),
    ("Karte ############1234", "############1234"),
    ("PAN 411111******1234", "411111******1234"),
    ("xxxx xxxx xxxx 9876", "xxxx xxxx xxxx 9876"),
    ("girocard ****1234", "****1234"),                    # short, but card words present
])
def test_masked_numbers_are_findings(make_page, line, expected):
    assert found_text(make_page, line) == [expected]


@pytest.mark.parametrize("line", [
    "******** SUMME ********",
    "**** 1234",                           # short and no card words
    "2 x 1,29 Joghurt",
    "MAXXXXL 1234",
])
def test_stars_that_are_not_card_numbers(make_page, line):
    assert found_text(make_page, line) == []
