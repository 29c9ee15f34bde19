"""General readings of item lines (branch ``items``, issue 16), each with lines of no
evaluation set: what a self-test examines, English words in German compounds, a measure
between a thing and its test, the form a remedy is sold as, a sensitive word alone, a word
run into a number, German INN spellings, pool care, assistive products; and redaction's own
word lists agreeing with the item policy."""
import pytest

from products import categories, classify, sensitive_words
from products.text import tokens
from redaction import Policy
from redaction.evalset.items import removed


def health(text: str) -> bool:
    return "health" in categories(classify(text).signals)


@pytest.mark.parametrize("text", ["URIN TEST 10ST", "SPEICHELTEST", "URINE TEST STRIPS"])
def test_what_a_self_test_examines_makes_it_a_diagnostic_product(text):
    product = classify(text)
    assert product.code == "06.1.2" and health(text), product


def test_the_specimen_word_alone_or_with_no_test_stays_ordinary():
    assert not health("STUHLKISSEN GRAU") and not health("BLUTORANGEN 1KG")


def test_an_english_body_part_is_no_start_of_a_german_compound():
    assert not health("BACKOFENSPRAY 500ML")        # "back" is no body part in German
    assert health("MAGENSCHUTZ TABL.")               # a German one still is
    assert health("BACK PAIN RELIEF 24CT")           # and the English word alone


def test_a_measure_between_a_thing_and_its_test_leaves_it_that_things():
    assert not health("AQUARIUM PH TEST")
    assert not health("POOL PH TEST 50ST")


def test_a_remedy_named_by_its_parts_is_not_what_it_is_sold_as():
    product = classify("WARZEN CREME 15ML")
    assert product.code == "06.1.1" and health("WARZEN CREME 15ML"), product


@pytest.mark.parametrize("text, code, category", [
    ("COCK RING", "13.2.9", "sex_life"),
    ("STREIKGELD", "14.6.2", "trade_union"),
])
def test_a_sensitive_word_alone_gives_its_class(text, code, category):
    product = classify(text)
    assert product.code == code and category in categories(product.signals), product
    assert product.confidence == 0.5


def test_a_word_run_into_a_number_is_read_but_units_and_sizes_are_not():
    assert tokens("BAUERNBROT5OOG") == ["bauernbrot"]
    assert tokens("2x75ml 40%VOL LSF30") == []
    assert classify("BAUERNBROT5OOG").code == "01.1.1"


@pytest.mark.parametrize("text", ["VENLAFAXIN 75MG 20ST", "TILIDIN N TROPFEN", "PREGABALIN 75"])
def test_german_inn_spellings_are_medicines(text):
    assert classify(text).code == "06.1.1" and health(text)
    assert sensitive_words(tokens(text))  # redaction reads the line in full


def test_an_ordinary_word_one_e_short_of_a_drug_stays_ordinary():
    assert not health("SERVIERTABLETT HOLZ")
    assert not health("L-CARNITINE 1000MG")          # a supplement, as vitamins are


def test_pool_care_is_a_household_good():
    assert classify("POOLCHLOR GRANULAT 1KG").code == "05.6.1"


@pytest.mark.parametrize("text", ["ERWACHSENENWINDELN M 14ST", "HALSKRAUSE GR.2",
                                  "FINGERSCHIENE ALU"])
def test_assistive_products_of_the_coicop_notes_are_sensitive(text):
    product = classify(text)
    assert product.code == "06.1.3" and health(text), product


@pytest.mark.parametrize("text, gone", [
    ("CHURCH'S SHOES OXFORD", False),     # a possessive names a business
    ("CHURCH DONATION", True),
    ("FIEBERTHERMOMETER OHR", False),     # ordinary by the item policy
])
def test_redaction_word_lists_agree_with_the_item_policy(text, gone):
    assert removed(text, Policy()) is gone


@pytest.mark.parametrize("text, code", [
    ("SPANNBL 90X200", "05.2.1"),         # spannbettlaken
    ("MUELLBTL 35L", "05.6.1"),           # muellbeutel
])
def test_a_tills_abbreviation_of_a_compound_is_a_guess_of_its_class(text, code):
    product = classify(text)
    assert product.code == code and 0 < product.confidence < 0.5, product
    assert not product.signals


def test_an_abbreviation_guess_never_outvotes_a_word_understood():
    assert classify("HASS AVOCADOS").code == "01.1.6"
    assert classify("incl. 19% MwSt").code is None


@pytest.mark.parametrize("text", ["FUNGAL FOOT CREAM", "ECZEMA HAND CREAM 50ML"])
def test_a_condition_then_the_body_part_a_form_is_for_is_a_medicine(text):
    product = classify(text)
    assert product.code == "06.1.1" and health(text), product


def test_kitchen_utensils_and_bedding_of_the_coicop_notes():
    assert classify("SCHNELLKOCHTOPF 6L").code == "05.4.0"
    assert classify("HAENGEMATTE").code == "05.2.1"


@pytest.mark.parametrize("text, code, brand", [
    ("BOOTS NAPROXEN 250MG 30", "06.1.1", "Boots"),        # the chain's label, no footwear
    ("TESCO WHOLE MILK 2PT", "01.1.4", "Tesco"),
    ("CVS ALLERGY RELIEF CETIRIZINE", "06.1.1", "CVS"),
])
def test_a_chains_own_label_first_names_the_chain_not_the_item(text, code, brand):
    product = classify(text)
    assert (product.code, product.brand) == (code, brand), product


def test_a_label_word_alone_or_later_keeps_its_meaning():
    assert classify("BOOTS").code == "03.2.1"
    assert classify("WINTER BOOTS 42").code == "03.2.1"
