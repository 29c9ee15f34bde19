"""Card expiry dates, authorisation codes, bank accounts, masked IBANs and OCR misreads."""
import pytest

from redaction import analyze, default_registry
from redaction.recognizers import (
    AuthCodeRecognizer,
    BankAccountRecognizer,
    CardExpiryRecognizer,
    IbanRecognizer,
    MaskedIbanRecognizer,
    Registry,
)

PAYMENT = Registry([CardExpiryRecognizer(), AuthCodeRecognizer(), BankAccountRecognizer(),
                    MaskedIbanRecognizer(), IbanRecognizer()])
SLIP = ("SUPERMARKT", "Kartenzahlung", "Debit MasterCard")


def found(make_page, *lines, header=SLIP, registry=PAYMENT):
    page = make_page(*header, *lines)
    return [(f.category, page.lines[f.line_index].text[f.start:f.end])
            for f in analyze(page, registry=registry) if f.line_index >= len(header)]


@pytest.mark.parametrize("lines, expected", [
    (["Gültig bis 12/27"], [("card_expiry", "12/27")]),
    (["gultig bis 12/22"], [("card_expiry", "12/22")]),
    (["Gueltig bis 02/28"], [("card_expiry", "02/28")]),
    (["EXP 03/2028"], [("card_expiry", "03/2028")]),
    (["Valid thru 11/26"], [("card_expiry", "11/26")]),
    (["Expiry date:", "04/29"], [("card_expiry", "04/29")]),
    (["Genehmigungs-Nr 5GV8PO"], [("auth_code", "5GV8PO")]),
    (["Genehmigungs-N 6EQG20"], [("auth_code", "6EQG20")]),            # truncated cue
    (["Genehmi gungs-Nr", "999043"], [("auth_code", "999043")]),       # next line
    (["Autor-Nr :", "LIPPHO"], [("auth_code", "LIPPHO")]),
    (["Genehmigungs-Nr. 50X1 UW"], [("auth_code", "50X1 UW")]),        # split by OCR
    (["Auth code: 123456"], [("auth_code", "123456")]),
    (["APPROVAL CODE 0A12B3"], [("auth_code", "0A12B3")]),
    (["Konto-Nr. 1234567890"], [("bank_account", "1234567890")]),
    (["Kto", "#1#+#44577"], [("bank_account", "#1#+#44577")]),
    (["Account no 12345678"], [("bank_account", "12345678")]),
    (["IBAN DE12 **** **** **** 1234 00"], [("iban", "DE12 **** **** **** 1234 00")]),
    (["IBAN: DE89XXXXXXXXXXXXXX3000"], [("iban", "DE89XXXXXXXXXXXXXX3000")]),
    (["IBAN DEO5 0057 7962 9262 5884 49"], [("iban", "DEO5 0057 7962 9262 5884 49")]),
])
def test_payment_details_are_found(make_page, lines, expected):
    assert found(make_page, *lines) == expected


@pytest.mark.parametrize("lines", [
    ["Autorisierung erfolgt"],
    ["Genehmigungs-Nr", "GENEHMIGT"],
    ["00 GENEHMIGT"],
    ["gultig bis ##/##"],                     # the terminal already masked it
    ["Datum 12/03/24"],
    ["Kartenkonto"],
    ["Kontoauszug drucken"],
    ["XXXXXXXXXXXX9165"],                     # a masked card, not a masked IBAN
])
def test_not_payment_details(make_page, lines):
    assert found(make_page, *lines) == []


def test_auth_code_needs_card_words_on_the_receipt(make_page):
    assert found(make_page, "Genehmigungs-Nr 5GV8PO", header=("SHOP", "Bar", "EUR")) == []


@pytest.mark.parametrize("lines, expected", [
    (["Karte KK KKK KK 3568"], "Karte KK KKK KK 3568"),         # stars read as letters
    (["Karte RK ka aka 4362"], "Karte RK ka aka 4362"),
    (["Karten-Nr,", "XXXXXXXX:XXX(X9165"], "XXXXXXXX:XXX(X9165"),
    (["#########91651 0000"], "#########91651"),
    (["Mastercard 6855 -6600-2253-435"], "6855 -6600-2253-435"),  # a stray space
])
def test_card_numbers_as_ocr_reads_them(make_page, lines, expected):
    cards = [text for category, text in found(make_page, *lines, registry=default_registry())
             if category == "card_number"]
    assert cards == [expected]


@pytest.mark.parametrize("line", [
    "20.04.20 09:50 0000545 001 002 8571",      # date, time, store, till, receipt number
    "0 0 1 0 5 4506052000200 4 5 0 6 0 5 2",    # digits printed under a barcode
    "O 0 I5 4 5 180520005004240",
    "0000545001002857",                          # no card number starts with 0
])
def test_till_lines_are_not_cards(make_page, line):
    page = make_page("MARKT", "Milch 1,19", line)
    assert [f for f in analyze(page) if f.category == "card_number"] == []
