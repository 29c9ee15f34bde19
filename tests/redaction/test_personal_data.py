"""Personal data about people: names, loyalty numbers, addresses, licence plates."""
import pytest

from redaction import analyze
from redaction.recognizers import (
    AddressRecognizer,
    LicencePlateRecognizer,
    LoyaltyIdRecognizer,
    PersonNameRecognizer,
    Registry,
)

PEOPLE = Registry([PersonNameRecognizer(), LoyaltyIdRecognizer(), AddressRecognizer(),
                   LicencePlateRecognizer()])
SHOP = ("SUPERMARKT MUSTER", "Hauptstr. 1", "10115 Berlin", "Milch 1,19")
FUEL = ("TANKSTELLE WEST", "Bahnhofstr. 3", "Zapfsaeule 2 Diesel", "40,12 Liter")


def found(make_page, *lines, header=SHOP):
    page = make_page(*header, *lines)
    return [(f.category, page.lines[f.line_index].text[f.start:f.end])
            for f in analyze(page, registry=PEOPLE) if f.line_index >= len(header)]


@pytest.mark.parametrize("lines, expected", [
    (["Es bediente Sie: Frau Meier"], [("person_name", "Frau Meier")]),
    (["Es bediente Sie:", "Frau huhi"], [("person_name", "Frau huhi")]),  # next line, OCR case
    (["Sie wurden beraten von Frau Wiepen"], [("person_name", "Frau Wiepen")]),
    (["Kassierer: Jonas"], [("person_name", "Jonas")]),
    (["Ihre Kassiererin Anna Schmidt"], [("person_name", "Anna Schmidt")]),
    (["Cashier: Emily Clark"], [("person_name", "Emily Clark")]),
    (["Served by Tom"], [("person_name", "Tom")]),
    (["Kunde: Max Müller"], [("person_name", "Max Müller")]),
    (["Member: John Smith"], [("person_name", "John Smith")]),
    (["141291 07.09.18 09:18 Frau Fuchs"], [("person_name", "Frau Fuchs")]),
    (["PAYBACK-Nr. 3081 2345 6789"], [("loyalty_id", "3081 2345 6789")]),
    (["Kundennummer: 10045678"], [("loyalty_id", "10045678")]),
    (["DeutschlandCard", "****1234567"], [("loyalty_id", "****1234567")]),
    (["Member ID ******1234"], [("loyalty_id", "******1234")]),
    (["Clubcard 6340 1234 5678"], [("loyalty_id", "6340 1234 5678")]),
    (["Lieferadresse:", "Mia Evans", "Am Markt 21", "49850 Lippstadt", "Vielen Dank"],
     [("address", "Mia Evans"), ("address", "Am Markt 21"), ("address", "49850 Lippstadt")]),
    (["Lieferadresse: Rosenweg 5, 33102 Paderborn"],
     [("address", "Rosenweg 5, 33102 Paderborn")]),
    (["Deliver to:", "Jane Doe", "12 Mill Lane", "York YO1 7HH"],
     [("address", "Jane Doe"), ("address", "12 Mill Lane"), ("address", "York YO1 7HH")]),
])
def test_personal_data_is_found(make_page, lines, expected):
    assert found(make_page, *lines) == expected


@pytest.mark.parametrize("lines", [
    ["Kassierer 18038"],                       # a till operator number, no name
    ["Vor und Nachname"],
    ["Kunde Kopie"],
    ["Member Savings 2.00"],
    ["Mitglied werden!"],
    ["Herrenschuhe 49,99"],
    ["9 PAYBACK Punkte"],                      # points, not a number
    ["Mit der DeutschlandCard hatten Sie 12 Punkte"],
    ["Kundenbeleg"],
    ["Vielen Dank fuer Ihren Einkauf"],
])
def test_not_personal_data(make_page, lines):
    assert found(make_page, *lines) == []


@pytest.mark.parametrize("line, header, expected", [
    ("Kennzeichen: PB-AB 123", SHOP, "PB-AB 123"),
    ("Kfz-Kennz. M XY 532", SHOP, "M XY 532"),
    ("Reg: AB12 CDE", SHOP, "AB12 CDE"),
    ("HH-Q 1234 Waesche Programm 2", FUEL, "HH-Q 1234"),     # no cue, but a fuel receipt
])
def test_licence_plates(make_page, line, header, expected):
    assert found(make_page, line, header=header) == [("licence_plate", expected)]


@pytest.mark.parametrize("line, header", [
    ("HH-Q 1234 Waesche Programm 2", SHOP),      # plate shape, but no cue and no fuel
    ("UST-ID 12", FUEL),
    ("Super E10 40,12 Liter", FUEL),
    ("TA-NR 123", FUEL),
])
def test_not_licence_plates(make_page, line, header):
    assert found(make_page, line, header=header) == []


def test_merchant_address_in_the_header_is_not_an_address(make_page):
    assert found(make_page, "Brot 2,49", header=SHOP) == []
