"""Special categories (GDPR Art. 9) on item lines: tables of lines, found and near misses."""
import pytest

from redaction import Policy, analyze
from redaction.recognizers import (
    HealthRecognizer,
    PoliticalRecognizer,
    Registry,
    ReligionRecognizer,
    SexLifeRecognizer,
    TradeUnionRecognizer,
)

SPECIAL = Registry([HealthRecognizer(), ReligionRecognizer(), PoliticalRecognizer(),
                    TradeUnionRecognizer(), SexLifeRecognizer()])
SHOP = ("SUPERMARKT MUSTER", "Hauptstr. 1", "10115 Berlin")
PHARMACY = ("Stadt-Apotheke", "Marktplatz 3", "10115 Berlin")


def categories(make_page, line, header=SHOP):
    page = make_page(*header, line)
    return {f.category for f in analyze(page, registry=SPECIAL) if f.line_index == len(header)}


@pytest.mark.parametrize("line, category", [
    ("Kondome 12 St 7,99", "health"),
    ("DUREX Gefuehlsecht 8er 9,95", "health"),
    ("Schwangerschaftstest 2 St 8,95", "health"),
    ("Corona Schnelltest 5 St 19,90", "health"),
    ("Blutdruckmessgerät Oberarm 39,99", "health"),
    ("Blutdruckmessgeraet 39,99", "health"),               # umlaut printed as ae
    ("Praxisgebuhr 10,00", "health"),                      # umlaut lost by OCR
    ("Physiotherapie Rechnung 45,00", "health"),
    ("Zahnarzt Eigenanteil 120,00", "health"),
    ("Ibuprofen 400 20 St 3,49", "health"),
    ("Pregnancy Test 2pk 12.99", "health"),
    ("Condoms 12pk 9.99", "health"),
    ("Blood Pressure Monitor 39.99", "health"),
    ("Clinic Fee 25.00", "health"),
    ("Hearing Aid Batteries 6.49", "health"),
    ("Kirchensteuer 12,00", "religion"),
    ("Spende Kirchengemeinde 20,00", "religion"),
    ("Kirchenkerze 3,00", "religion"),
    ("Kollekte St. Marien 5,00", "religion"),
    ("Moschee Spende 10,00", "religion"),
    ("Synagoge Beitrag 10,00", "religion"),
    ("Church Donation 20.00", "religion"),
    ("Tithe 50.00", "religion"),
    ("Temple Offering 5.00", "religion"),
    ("Spende SPD Ortsverein 20,00", "political"),
    ("Parteibeitrag 10,00", "political"),
    ("Bündnis 90/Die Grünen Spende 25,00", "political"),
    ("Wahlkampfspende 50,00", "political"),
    ("Campaign Donation 25.00", "political"),
    ("Labour Party Membership 5.00", "political"),
    ("Gewerkschaftsbeitrag 15,00", "trade_union"),
    ("ver.di Mitgliedsbeitrag 12,00", "trade_union"),
    ("IG Metall Beitrag 20,00", "trade_union"),
    ("Union Dues 30.00", "trade_union"),
    ("Gleitgel 100ml 8,95", "sex_life"),
    ("Vibrator 29,99", "sex_life"),
    ("Sex Toy 19.99", "sex_life"),
])
def test_special_category_lines(make_page, line, category):
    assert categories(make_page, line) == {category}


@pytest.mark.parametrize("line", [
    "Kirschen 500g 2,99", "Kirsch Joghurt 0,49", "Kirchberger Kaese 2,49",
    "Partyschale 4,99", "Party Snack Mix 1,99", "Party Platter 9.99",
    "Bio Vollmilch 3,8% 1,19", "Bio Karotten 1,49", "Kondensmilch 10% 0,89",
    "Gruene Bohnen 1,29", "Grüne Bohnen 1,29", "Tempelhofer Bier 0,99", "Unionsbrot 2,49",
    "Union Sugar 1kg 1.99", "Dentalux Zahncreme 0,95", "Dental Floss 2.49",
    "Corona Extra Bier 1,29", "Spirelli Nudeln 0,99", "Vitamin C Tabl. 1,99",
    "Magnesium Brause 0,75", "Pflastersteine grau 16,68", "Atemschutzmaske FFP2 2,99",
    "Linke Spur Pflege 3,99", "Tabletten-Dose 1,99", "Chips Paprika 1,49",
    "Gew. 0,512 kg x 9,99", "UnionPay Karte",
])
def test_ordinary_items_are_not_special(make_page, line):
    assert categories(make_page, line) == set()


@pytest.mark.parametrize("line", ["Atemschutzmaske Corona FFP 1St", "Schmerz Tabletten 20 St"])
def test_weak_health_words_count_at_a_pharmacy_only(make_page, line):
    assert categories(make_page, line, PHARMACY) == {"health"}
    assert categories(make_page, line, SHOP) == set()


def test_negative_context_on_the_line_lowers_a_weak_word(make_page):
    assert categories(make_page, "Hunde Tabletten Zecken 9,99", PHARMACY) == set()


def test_special_category_lines_are_removed_by_default(make_page):
    page = make_page(*SHOP, "Milch 1,19", "Kondome 12 St 7,99", "SUMME 9,18")
    decision = Policy().decide(analyze(page), page)
    assert decision.removed_lines == frozenset({4}) and not decision.remove_receipt
    assert ("health", "line_removed", 1) in decision.counts
