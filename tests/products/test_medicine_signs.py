"""What marks an item a medicine when no list holds its name (products.classify): its
strength, its count in a form only medicines come in, its pill cycles; a brand means what its
generic means; a pet's medicine is a pet product; an Rx in a product's name is no pharmacy's."""
import pytest

from products import categories, classify, says_pharmacy


@pytest.mark.parametrize("text, meant", [
    ("FEMOVAN 3X21 ST", {"health", "sex_life"}),        # the pill's cycles
    ("NOVYNETTE 6 X 28", {"health", "sex_life"}),
    ("QLAIRA 28 TABL", {"health", "sex_life"}),          # a brand of dienogest, a contraceptive
    ("NUROMOL 20 FILMTABL", {"health"}),
])
def test_signs_of_a_medicine_no_list_names(text, meant):
    assert categories(classify(text).signals) == meant, classify(text)


@pytest.mark.parametrize("text", ["LEINWAND 3X21CM", "TISCHDECKE 3X28 M", "DRONTAL KAT 2 TABL",
                                  "MILBEMAX CHIEN 4CPR", "VITAMIN B 3X21"])
def test_sizes_pets_medicines_and_named_supplements_are_no_such_signs(text):
    assert not classify(text).signals, classify(text)


def test_an_rx_names_a_pharmacys_line_only_with_its_label_or_number():
    assert says_pharmacy("RX 4471023 LISINOPRIL") and says_pharmacy("Rx: 12345")
    assert not says_pharmacy("OMEGA 3 RX 120 CAPS") and not says_pharmacy("ENERGY RX")


@pytest.mark.parametrize("text", ["SIMPARICA TRIO HUND 3ST", "NEXGARD CAES 10-25KG 1 TABL",
                                  "KARMA DLA PSA WATROBA 1KG", "DIABETIKER HUNDEFUTTER"])
def test_a_pets_medicine_or_diet_is_a_pet_product_never_the_panelists_health(text):
    product = classify(text)
    assert (product.code, product.signals) == ("09.3.2", ()), product


@pytest.mark.parametrize("text, meant", [
    ("GUTTALIN KAPKY 15ML", {"health"}),                 # drops: Czech, Polish, Turkish
    ("NASIVIN KROPLE 10ML", {"health"}),
    ("PODKLADY UROLOGICZNE 20 SZT", {"health"}),          # urological pads: incontinence
    ("ACCU-CHEK GUIDE 50 STRIPS", {"health"}),            # a glucose meter's brand
])
def test_more_forms_and_devices_of_health(text, meant):
    assert categories(classify(text).signals) == meant, classify(text)
