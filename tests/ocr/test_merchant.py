import pytest

from ocr.merchant import display_name, find_merchant


@pytest.mark.parametrize("lines, expected", [
    (["A L D I", "Pohlweg 110", "33100 Paderborn"], "Aldi"),
    (["Pohlweg 110", "www.lidl.de"], "Lidl"),
    (["** BIOMARKT SONNE **", "Hauptstraße 5", "12345 Berlin"], "Biomarkt Sonne"),
    (["Tel. 030 1234567", "Café Sonne & Söhne", "Markt 3"], "Café Sonne & Söhne"),
    (["Hauptstr. 5", "10115 Berlin"], None),
    (["MWST Netto Brutto", "Netto 12,00"], None),
])
def test_find_merchant(lines, expected):
    assert find_merchant(lines)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("~~ BÄCKEREI  KRUSTE ~~", "Bäckerei Kruste"),
    ("|| Corner Shop |", "Corner Shop"),
    ("-- ;", None),
])
def test_display_name(text, expected):
    assert display_name(text) == expected
