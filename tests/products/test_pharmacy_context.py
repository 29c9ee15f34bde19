"""A pharmacy's receipt: told by its name, not a drugstore's; there an item the classifier
does not know to be ordinary is health (signal pharmacy_item)."""
import pytest

from products import PHARMACY, classify, receipt_context, sensitive_meaning, shop_context


@pytest.mark.parametrize("header, merchant", [
    (["DELPHIN", "APOTHEKE", "PADERBORN"], None),
    (["Marien-Apotheke", "Inh. M. Müller"], None),
    (["Stadtapotheke am Markt"], None),
    ([], "Farmacia Centrale"),
    (["Pharmacie du Centre", "12 rue de la Paix"], None),
    (["Apoteket Hjärtat"], None),
    (["Apteka Gemini"], None),
    (["Priceline Chemist"], None),
])
def test_a_pharmacy_is_told_by_its_name(header, merchant):
    assert shop_context(header, merchant) == PHARMACY


@pytest.mark.parametrize("header, merchant", [
    (["dm-drogerie markt", "Hauptstr. 1"], None),
    (["ROSSMANN", "Apotheken-Kosmetik"], None),     # a drugstore, whatever it sells
    (["CVS/pharmacy", "Store 1234"], None),
    (["Boots", "Pharmacy"], None),
    ([], "Walgreens"),
    (["WALMART", "Pharmacy 555-201-4100"], None),   # a counter's telephone line
    (["REWE", "Milch 1,19"], None),
])
def test_drugstores_and_supermarkets_are_no_pharmacies(header, merchant):
    assert shop_context(header, merchant) is None


def test_the_receipt_context_reads_the_header():
    assert receipt_context("LÖWEN-APOTHEKE\nBahnhofstr. 3\nRENNIE 5,99\nSumme 5,99") == PHARMACY
    assert receipt_context("REWE\nMilch 1,19\nSumme 1,19\nEC-Cash") is None


def test_an_unknown_brand_of_a_pharmacy_is_health():
    assert classify("KADEFUNGIN 3 KOMBI").signals == ()
    product = classify("KADEFUNGIN 3 KOMBI", context=PHARMACY)
    assert product.code == "06" and product.signals == ("pharmacy_item",)
    assert product.confidence < 0.5  # a guess, said so
    assert sensitive_meaning("KADEFUNGIN 3 KOMBI") is None
    assert sensitive_meaning("KADEFUNGIN 3 KOMBI", PHARMACY).signals == ("pharmacy_item",)


@pytest.mark.parametrize("text, code", [
    ("69785 TOOTHPASTE", "13.1.2"),
    ("Shampoo", "13.1.2"),
    ("Milka Schokolade", "01.1.8"),
])
def test_what_is_known_to_be_ordinary_stays_at_a_pharmacy(text, code):
    product = classify(text, context=PHARMACY)
    assert product.code == code and product.signals == ()


def test_a_known_medicine_keeps_its_own_meaning_at_a_pharmacy():
    assert "pharmacy_item" not in classify("ASPIRIN COMPLEX 10 BTL", context=PHARMACY).signals


def test_a_line_that_says_rx_is_a_pharmacys_anywhere():
    assert classify("RX 4471023 ZOLTAVEN").signals == ("pharmacy_item",)
    assert classify("ZOLTAVEN").signals == ()
