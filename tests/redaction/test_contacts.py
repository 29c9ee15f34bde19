"""E-mail addresses and personal phone numbers."""
import pytest

from redaction import analyze
from redaction.recognizers import EmailRecognizer, IbanRecognizer, PhoneRecognizer, Registry

CONTACTS = Registry([EmailRecognizer(), PhoneRecognizer(), IbanRecognizer()])
HEADER = ("SUPERMARKT MUSTER", "Hauptstr. 1", "10115 Berlin", "Tel 030 1234567",
          "USt-IdNr DE123456789")


def found(make_page, line, header=HEADER):
    page = make_page(*header, line)
    return [(f.category, page.lines[f.line_index].text[f.start:f.end])
            for f in analyze(page, registry=CONTACTS) if f.line_index == len(header)]


@pytest.mark.parametrize("line, expected", [
    ("Kunde: max.mustermann@example.de", [("email", "max.mustermann@example.de")]),
    ("Beleg an erika_m+bon@mail.example.com", [("email", "erika_m+bon@mail.example.com")]),
    ("E-Mail: max @ example.de", [("email", "max @ example.de")]),
    ("Tel. 0171 2345678", [("phone", "0171 2345678")]),
    ("Mobil: +49 171 2345678", [("phone", "+49 171 2345678")]),
    ("Rückruf 0049 (0) 30 12345678", [("phone", "0049 (0) 30 12345678")]),
    ("Kundentelefon 030/1234567", [("phone", "030/1234567")]),
    ("Phone (555) 123-4567", [("phone", "(555) 123-4567")]),
    ("0151-23456789", [("phone", "0151-23456789")]),          # mobile prefix, no words needed
    ("+44 20 7946 0958", [("phone", "+44 20 7946 0958")]),
    ("IBAN DE89 3704 0044 0532 0130 00", [("iban", "DE89 3704 0044 0532 0130 00")]),
])
def test_contacts_are_found(make_page, line, expected):
    assert found(make_page, line) == expected


@pytest.mark.parametrize("line", [
    "Fragen? info@supermarkt-muster.de",       # a shop's role account
    "www.supermarkt-muster.de",
    "Datum 12.03.2024 14:35",
    "Bon 4711 Kasse 3 Filiale 0815",
    "St.-Nr. 21/815/08150",
    "Hotline 0800 1234567",                   # service number
    "Fax 030 1234568",
    "SUMME EUR 1.234,56",
    "0123 456789",                            # landline shape without any phone words
    "Terminal-ID 01234567 TA-Nr 000123",
])
def test_not_contacts(make_page, line):
    assert found(make_page, line) == []


def test_merchant_phone_in_header_is_not_flagged(make_page):
    page = make_page("SUPERMARKT MUSTER", "Tel +49 30 1234567", "Milch 1,29")
    assert analyze(page, registry=CONTACTS) == []


def test_customer_phone_in_header_is_flagged(make_page):
    page = make_page("LIEFERSERVICE", "Kunde: Tel 0171 2345678", "Pizza 8,50")
    findings = analyze(page, registry=CONTACTS)
    assert [(f.category, f.line_index) for f in findings] == [("phone", 1)]


def test_phone_after_the_header_is_flagged(make_page):
    page = make_page(*HEADER, "Milch 1,29", "Tel +49 30 1234567")
    assert [(f.category, f.line_index) for f in analyze(page, registry=CONTACTS)] == [("phone", 6)]
