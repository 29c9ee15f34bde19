"""Sensitive items found by what they are (products' classes and sensitive words), in German,
English and the other languages receipts come in, beyond the word lists; ordinary items left alone; the policy by class and signal."""
import pytest

from redaction import Policy, analyze
from redaction.recognizers import ItemMeaningRecognizer, Registry

MEANING = Registry([ItemMeaningRecognizer()])
SHOP = ("SUPERMARKT MUSTER", "Hauptstr. 1", "10115 Berlin")


def categories(make_page, line, registry=MEANING):
    page = make_page(*SHOP, line)
    return {f.category for f in analyze(page, registry=registry) if f.line_index == len(SHOP)}


@pytest.mark.parametrize("line, category", [
    ("HIV SELF TEST KIT 24.99", "health"),                 # on no word list: by meaning
    ("SCHWANGERSCHAFSTEST 2ST 8,95", "health"),            # misprinted
    ("OVULATION TST 20CT 19.99", "health"),                # abbreviated
    ("Diabetikerschokolade 100g 2,49", "health"),          # a condition inside a compound
    ("Hämorrhoidensalbe 25g 7,95", "health"),
    ("ASPIRIN COMPLEX 10 BTL 8,99", "health"),
    ("Acetylcysteine 600 Brausetabl. 6,49", "health"),     # a medicine name (DrugBank)
    ("INCONTINENCE PADS 16CT 9.99", "health"),
    ("Rollator Leichtgewicht 89,00", "health"),
    ("ROSARY WOODEN BEADS 6.50", "religion"),
    ("Gebetsteppich 24,90", "religion"),
    ("Menorah Brass 39.00", "religion"),
    ("Opferkerzen 10 St 3,49", "religion"),
    ("ACTBLUE DONATION 25.00", "political"),
    ("Jusos Mitgliedsbeitrag 5,00", "political"),
    ("TEAMSTERS LOCAL 705 DUES 45.00", "trade_union"),
    ("GEW Beitrag 12,00", "trade_union"),
    ("Personal Lubricant 2oz 7.99", "sex_life"),
    ("Satisfyer Pro 2 39,95", "sex_life"),
    ("PRESERVATIFS X12 9,90", "sex_life"),                # French, Spanish, Italian, Dutch ...
    ("SIROP TOUX SECHE 6,45", "health"),
    ("GOTAS PARA LOS OJOS 7,20", "health"),
    ("CUOTA SINDICAL 15,00", "trade_union"),
    ("ØJENDRÅBER 10ML 49,95", "health"),                 # ... and letters of no base letter
    ("SKŁADKA ZWIĄZKOWA 35,00", "trade_union"),
    ("PREZERWATYWY 12 SZT 29,99", "sex_life"),
    ("LORENZA 20 3X28 14,95", "sex_life"),                 # only its pill cycles tell
    ("BOOTS IBUPROFEN 200MG 16 1.99", "health"),           # a medicine's name outvoted
    ("JOSS STICKS SANDALWOOD 2.00", "religion"),           # worship beyond the churches
    ("FITRANA 2026 10.00", "religion"),
    ("YAHRZEIT CANDLE 1.99", "religion"),
    ("Messintention 10,00", "religion"),
    ("CHILDRENS COUGH SYR 100ML 4.49", "health"),          # a pharmacy's abbreviation
])
def test_sensitive_items_are_found_by_meaning(make_page, line, category):
    assert category in categories(make_page, line)


@pytest.mark.parametrize("line", [
    "Kirschen 500g 2,99", "Kirsch Joghurt 0,49", "Partyschale 4,99", "Party Platter 9.99",
    "Kondensmilch 10% 0,89", "Gruene Bohnen 1,29", "Grüne Bohnen 1,29", "Unionsbrot 2,49",
    "Union Sugar 1kg 1.99", "Dentalux Zahncreme 0,95", "Dental Floss 2.49",
    "Corona Extra Bier 1,29", "Vitamin C Tabl. 1,99", "Magnesium Brause 0,75",
    "Pflastersteine grau 16,68", "Atemschutzmaske FFP2 2,99", "Tabletten-Dose 1,99",
    "Hunde Tabletten Zecken 9,99", "BANANAS 2LB 1.29", "69785 TOOTHPASTE 3.49",
    "Church's Chicken 9PC 12.99", "Kirchberger Kaese 2,49", "Teelichter 50 St 2,49",
    "Lube Oil Filter 24.99", "Tempelhofer Bier 0,99", "Holy Cow Burger 9.99",
])
def test_ordinary_items_are_not_sensitive(make_page, line):
    assert categories(make_page, line) == set()


def test_only_item_lines_are_read_for_meaning(make_page):
    page = make_page("CHURCH'S CHICKEN #4717", "Kirchstr. 5", "Milch 1,19")
    assert analyze(page, registry=MEANING) == []


def test_the_parsed_items_are_the_lines_read(make_page):
    from ocr.types import ParsedItem, ParsedReceipt
    page = make_page(*SHOP, "HIV SELF TEST", "KIT 24.99")
    parsed = ParsedReceipt(items=[ParsedItem("HIV SELF TEST", 24.99, line_index=3)])
    assert {f.line_index for f in analyze(page, parsed, registry=MEANING)} == {3}


def test_findings_carry_the_class_and_signal_and_never_text(make_page):
    page = make_page(*SHOP, "HIV SELF TEST KIT 24.99")
    finding, = analyze(page, registry=MEANING)
    assert finding.meaning == ("medical_device", "06.1.2")
    assert "HIV" not in repr(finding)


def test_the_policy_decides_by_class_then_signal_then_category(make_page):
    page = make_page(*SHOP, "HIV SELF TEST KIT 24.99", "Acetylcysteine 600 Brausetabl. 6,49",
                     "Milch 1,19")
    findings = analyze(page)
    assert Policy().decide(findings, page).removed_lines == frozenset({3, 4})
    by_class = Policy.from_text("06.1.2=kept").decide(findings, page)
    assert 3 not in by_class.removed_lines and 4 in by_class.removed_lines
    by_signal = Policy.from_text("medicine=masked").decide(findings, page)
    assert by_signal.removed_lines == frozenset({3}) and 4 in by_signal.masked_spans
    by_division = Policy.from_text("06=receipt_removed").decide(findings, page)
    assert by_division.remove_receipt


def test_the_meaning_of_a_line_a_word_list_also_finds_is_counted_once(make_page):
    page = make_page(*SHOP, "Kondome 12 St 7,99", "Kirchensteuer 12,00")
    decision = Policy().decide(analyze(page), page)
    assert decision.removed_lines == frozenset({3, 4})
    assert ("health", "line_removed", 1) in decision.counts
    assert ("religion", "line_removed", 1) in decision.counts
    kept = Policy.from_text("06.1.2=kept, sexual_wellness=kept").decide(analyze(page), page)
    assert kept.removed_lines == frozenset({4})  # the operator's choice for the class


@pytest.mark.parametrize("text", ["99.9.9=kept", "06.7=kept"])
def test_a_policy_naming_no_coicop_code_is_refused(text):
    with pytest.raises(ValueError, match="COICOP"):
        Policy.from_text(text)


def test_operators_see_the_policy_per_category_signal_and_class():
    table = dict(Policy.from_text("06.1.1=masked").table())
    assert table["06.1.1"] == "masked" and table["06.1.2"] == "line_removed"
    assert table["medicine"] == "line_removed" and table["religious"] == "line_removed"
    assert table["prescription"] == "receipt_removed" and table["*"] == "masked"


def test_prescription_receipts_are_still_removed_whole(make_page):
    page = make_page("Stadt-Apotheke", "Rezept", "Ramipril 5mg 20 St 12,50")
    assert Policy().decide(analyze(page), page).remove_receipt
