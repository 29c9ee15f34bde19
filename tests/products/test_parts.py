"""Medicines, remedies and tests named by their parts (products.parts): a condition or a body
part before the form a remedy is sold in, in one German compound or in separate words, in
words no list of the project holds; and the ordinary look-alikes that must stay ordinary."""
import pytest

from products import categories, classify, sensitive_words
from products.lexicon import lexicon
from products.text import tokens


@pytest.mark.parametrize("text, code", [
    ("GICHTSALBE 50G", "06.1.1"),               # condition + ointment, one word
    ("VENENGEL KUEHLEND", "06.1.1"),
    ("NIERENTROPFEN", "06.1.1"),                 # body part + a medicine's form
    ("RACHENSPRAY", "06.1.1"),
    ("Reizhustensaft", "06.1.1"),                # a condition inside the modifier
    ("ZAHNSCHMERZ TABL.", "06.1.1"),             # two words, the form cut by the till
    ("ULCER RELIEF CAPLETS", "06.1.1"),
    ("ANTI NAUSEA CHEWS", "06.1.1"),             # anti + a condition
    ("ANTIFUNGAL SPRAY", "06.1.1"),
    ("STREP TEST", "06.1.2"),                    # a test: a diagnostic product
    ("DIABETES TESTSTREIFEN", "06.1.2"),
])
def test_a_remedy_named_by_its_parts_is_a_sensitive_medicine(text, code):
    product = classify(text)
    assert "health" in categories(product.signals), product
    assert product.code == code, product


@pytest.mark.parametrize("text", [
    "GESCHIRRSPUELTABS 40ST", "KAFFEEKAPSELN", "SCHOKOTROPFEN", "SALBEITEE", "DEOSPRAY",
    "HANDCREME", "HUSTENBONBONS", "ERKAELTUNGSBAD", "ZAHNBUERSTE MITTEL", "EYE SHADOW",
    "COOKING SPRAY", "CHICKEN STRIPS", "CORN SYRUP", "COLD BREW COFFEE", "SOUR CREAM",
    "VITAMINTABLETTEN", "COUGH DROPS", "SOIL TEST KIT", "CHURCHS CHICKEN",
    "WURMTABLETTEN HUND",  # medicines for pets are pet products (09.3.2)
])
def test_ordinary_look_alikes_stay_ordinary(text):
    product = classify(text)
    assert not product.signals, product


def test_redaction_reads_every_line_the_parts_can_make_sensitive():
    words = tokens("GICHTSALBE RACHENSPRAY ANTINAUSEA BROT")
    assert sensitive_words(words) >= {"gichtsalbe", "rachenspray", "antinausea"}
    assert lexicon() is lexicon()


@pytest.mark.parametrize("text, category", [
    ("LINKE JAHRESBEITRAG", "political"),        # one word of "die Linke", and a fee
    ("IG METALL MONATSBEITRAG", "trade_union"),
    ("LABOUR DONATION", "political"),
])
def test_a_fee_or_donation_naming_a_party_or_union_by_one_word_is_sensitive(text, category):
    product = classify(text)
    assert category in categories(product.signals), product
    assert product.code == "14.6.2"


@pytest.mark.parametrize("text", ["GRUENE BOHNEN", "SPENDE TAFEL", "MITGLIEDSBEITRAG ADAC",
                                  "LINKSGEWINDE SCHRAUBE", "SUPER E10"])
def test_without_a_fee_or_a_name_word_the_same_words_stay_ordinary(text):
    assert not classify(text).signals


@pytest.mark.parametrize("text", ["ROSUVASTATIN 10MG", "BISOPROLOL 5", "DOXYCYCLIN 100"])
def test_an_unknown_word_ending_in_an_inn_stem_is_a_medicine(text):
    product = classify(text)
    assert "medicine" in product.signals and product.code == "06.1.1", product
